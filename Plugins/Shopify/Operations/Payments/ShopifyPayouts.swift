import Foundation
import PluginKit

/// A Shopify Payments payout: money moved from the balance to the bank.
public struct ShopifyPayout: Sendable, Equatable, Decodable {
    /// The payout's global id.
    public let id: String
    /// The REST id.
    public let legacyResourceId: String
    /// SCHEDULED, IN_TRANSIT, PAID, FAILED, CANCELED.
    public let status: String
    /// When the payout was issued; it holds the transactions available then.
    public let issuedAt: Date
    /// DEPOSIT or WITHDRAWAL.
    public let transactionType: String
    /// The amount paid out.
    public let net: Money
    /// Gross and fee per kind of transaction.
    public let summary: Summary

    /// The payout's breakdown, as the payouts flow's journal entry needs it: gross amount and
    /// fee per kind of balance transaction (charges, refunds, adjustments, reserved funds,
    /// retried payouts), named as in `ShopifyPaymentsPayoutSummary`.
    public struct Summary: Sendable, Equatable, Decodable {
        public let chargesGross: Money
        public let chargesFee: Money
        public let refundsFeeGross: Money
        public let refundsFee: Money
        public let adjustmentsGross: Money
        public let adjustmentsFee: Money
        public let reservedFundsGross: Money
        public let reservedFundsFee: Money
        public let retriedPayoutsGross: Money
        public let retriedPayoutsFee: Money

        private enum CodingKeys: String, CodingKey {
            case chargesGross, chargesFee, refundsFeeGross, refundsFee, adjustmentsGross, adjustmentsFee
            case reservedFundsGross, reservedFundsFee, retriedPayoutsGross, retriedPayoutsFee
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            chargesGross = try c.decodeMoney(forKey: .chargesGross)
            chargesFee = try c.decodeMoney(forKey: .chargesFee)
            refundsFeeGross = try c.decodeMoney(forKey: .refundsFeeGross)
            refundsFee = try c.decodeMoney(forKey: .refundsFee)
            adjustmentsGross = try c.decodeMoney(forKey: .adjustmentsGross)
            adjustmentsFee = try c.decodeMoney(forKey: .adjustmentsFee)
            reservedFundsGross = try c.decodeMoney(forKey: .reservedFundsGross)
            reservedFundsFee = try c.decodeMoney(forKey: .reservedFundsFee)
            retriedPayoutsGross = try c.decodeMoney(forKey: .retriedPayoutsGross)
            retriedPayoutsFee = try c.decodeMoney(forKey: .retriedPayoutsFee)
        }
    }

    private enum CodingKeys: String, CodingKey { case id, legacyResourceId, status, issuedAt, transactionType, net, summary }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        legacyResourceId = try c.decode(String.self, forKey: .legacyResourceId)
        status = try c.decode(String.self, forKey: .status)
        issuedAt = try c.decode(Date.self, forKey: .issuedAt)
        transactionType = try c.decode(String.self, forKey: .transactionType)
        net = try c.decodeMoney(forKey: .net)
        summary = try c.decode(Summary.self, forKey: .summary)
    }
}

struct PayoutsQuery: ShopifyOperation {
    static let name = "shopifyPaymentsPayouts"
    static let money = "{ amount currencyCode }"
    let document = """
        query shopifyPaymentsPayouts($first: Int!, $after: String, $query: String) {
          shopifyPaymentsAccount {
            payouts(first: $first, after: $after, query: $query) {
              nodes {
                id legacyResourceId status issuedAt transactionType net \(money)
                summary {
                  chargesGross \(money) chargesFee \(money) refundsFeeGross \(money) refundsFee \(money)
                  adjustmentsGross \(money) adjustmentsFee \(money) reservedFundsGross \(money) reservedFundsFee \(money)
                  retriedPayoutsGross \(money) retriedPayoutsFee \(money)
                }
              }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let first: Int
        let after: String?
        let query: String?
    }
    let variables: Variables
    var estimatedCost: Double { Double(variables.first) * 13 + 3 }
    var costKey: String { "\(Self.name)/\(variables.first)" }

    struct Account: Decodable, Sendable { let payouts: ShopifyPage<ShopifyPayout> }
    struct Result: Decodable, Sendable { let shopifyPaymentsAccount: Account? }
}

extension ShopifyAdminClient {
    /// One page of Shopify Payments payouts, optionally filtered with Shopify's search
    /// syntax (e.g. `status:PAID`). Returns nil when the shop has no Shopify Payments account.
    public func payouts(query: String? = nil, after cursor: String? = nil, pageSize: Int = 20) async throws -> ShopifyPage<ShopifyPayout>? {
        let variables = PayoutsQuery.Variables(first: min(max(pageSize, 1), 250), after: cursor, query: query)
        return try await execute(PayoutsQuery(variables: variables)).shopifyPaymentsAccount?.payouts
    }
}
