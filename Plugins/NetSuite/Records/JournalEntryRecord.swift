import Foundation
import PluginKit

/// A balanced journal entry body for `upsert("journalEntry", ...)`.
///
/// ```swift
/// let entry = try JournalEntryRecord(
///     externalID: ExternalID("shopify-payout-77"), subsidiaryID: "1", currencyID: "1", tranDate: "2026-11-20",
///     lines: [.debit(accountID: "110", amount: 95.10), .debit(accountID: "610", amount: 4.90), .credit(accountID: "120", amount: 100)]
/// )
/// ```
public struct JournalEntryRecord: Sendable, Equatable {
    /// One `line.items` entry: a debit or a credit to one GL account.
    public struct Line: Sendable, Equatable {
        /// Which column of the line the amount goes in.
        public enum Side: Sendable, Equatable { case debit, credit }
        /// The GL account's internal id.
        public var accountID: String
        /// Debit or credit.
        public var side: Side
        /// Positive and exact.
        public var amount: Decimal
        /// The line memo.
        public var memo: String?

        /// A debit of `amount` to `accountID`.
        public static func debit(accountID: String, amount: Decimal, memo: String? = nil) -> Line {
            Line(accountID: accountID, side: .debit, amount: amount, memo: memo)
        }

        /// A credit of `amount` to `accountID`.
        public static func credit(accountID: String, amount: Decimal, memo: String? = nil) -> Line {
            Line(accountID: accountID, side: .credit, amount: amount, memo: memo)
        }
    }

    /// The idempotency key (`shopify-payout-{id}`).
    public let externalID: ExternalID
    /// The subsidiary's internal id.
    public let subsidiaryID: String
    /// The currency's internal id.
    public let currencyID: String
    /// `yyyy-MM-dd`.
    public let tranDate: String
    /// The entry's memo.
    public let memo: String?
    /// The lines; debits equal credits.
    public let lines: [Line]

    /// - Throws: ``NetSuiteError`` `netsuite_unbalanced_journal` (permanent) when debits and
    ///   credits differ, a line is not positive, or there are fewer than two lines.
    public init(externalID: ExternalID, subsidiaryID: String, currencyID: String, tranDate: String, memo: String? = nil, lines: [Line]) throws {
        let debits = lines.filter { $0.side == .debit }.reduce(Decimal(0)) { $0 + $1.amount }
        let credits = lines.filter { $0.side == .credit }.reduce(Decimal(0)) { $0 + $1.amount }
        guard lines.count >= 2, lines.allSatisfy({ $0.amount > 0 }), debits == credits else {
            throw NetSuiteError(
                code: "netsuite_unbalanced_journal", failureClass: .permanent,
                message: "journal entry \(externalID): debits \(debits) and credits \(credits) over \(lines.count) lines do not balance"
            )
        }
        self.externalID = externalID
        self.subsidiaryID = subsidiaryID
        self.currencyID = currencyID
        self.tranDate = tranDate
        self.memo = memo
        self.lines = lines
    }

    /// The REST body.
    public var json: JSONValue {
        let items: [JSONValue] = lines.map { line in
            var fields: [String: JSONValue] = ["account": .reference(line.accountID)]
            fields[line.side == .debit ? "debit" : "credit"] = .number(line.amount)
            fields["memo"] = line.memo.map(JSONValue.string)
            return .object(fields)
        }
        var body: [String: JSONValue] = [
            "externalId": .string(externalID.rawValue),
            "subsidiary": .reference(subsidiaryID),
            "currency": .reference(currencyID),
            "tranDate": .string(tranDate),
            "line": ["items": .array(items)],
        ]
        body["memo"] = memo.map(JSONValue.string)
        return .object(body)
    }
}
