import Foundation
import PluginKit

/// One Shopify Payments balance transaction: a charge, refund, adjustment, ... and its fee.
public struct ShopifyBalanceTransaction: Sendable, Equatable, Decodable {
    /// The transaction's global id.
    public let id: String
    /// CHARGE, REFUND, ADJUSTMENT, ...
    public let type: String
    /// CHARGE, REFUND, ADJUSTMENT, DISPUTE, ... (nil for some system entries).
    public let sourceType: String?
    /// The id of the resource that caused it (a `BigInt`, kept as text).
    public let sourceID: String?
    /// When it was processed.
    public let transactionDate: Date
    /// Whether it was a test transaction.
    public let test: Bool
    /// Gross amount.
    public let amount: Money
    /// Fee.
    public let fee: Money
    /// Net = amount - fee; a payout's net is the sum of its transactions' net.
    public let net: Money
    /// The payout it belongs to, if any.
    public let payoutID: String?
    /// The order it belongs to, if any.
    public let orderID: String?
    /// The order name, if any.
    public let orderName: String?

    private enum CodingKeys: String, CodingKey {
        case id, type, sourceType, sourceId, transactionDate, test, amount, fee, net, associatedPayout, associatedOrder
    }
    private struct PayoutReference: Decodable { let id: String? }
    private struct OrderReference: Decodable { let id: String; let name: String }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(String.self, forKey: .type)
        sourceType = try c.decodeIfPresent(String.self, forKey: .sourceType)
        // BigInt is serialised as a string; accept a plain integer too.
        if let text = try? c.decodeIfPresent(String.self, forKey: .sourceId) {
            sourceID = text
        } else {
            sourceID = try c.decodeIfPresent(Int64.self, forKey: .sourceId).map(String.init)
        }
        transactionDate = try c.decode(Date.self, forKey: .transactionDate)
        test = try c.decode(Bool.self, forKey: .test)
        amount = try c.decodeMoney(forKey: .amount)
        fee = try c.decodeMoney(forKey: .fee)
        net = try c.decodeMoney(forKey: .net)
        payoutID = try c.decodeIfPresent(PayoutReference.self, forKey: .associatedPayout)?.id
        let order = try c.decodeIfPresent(OrderReference.self, forKey: .associatedOrder)
        orderID = order?.id
        orderName = order?.name
    }
}

struct BalanceTransactionsQuery: ShopifyOperation {
    static let name = "shopifyPaymentsBalanceTransactions"
    let document = """
        query shopifyPaymentsBalanceTransactions($first: Int!, $after: String, $query: String) {
          shopifyPaymentsAccount {
            balanceTransactions(first: $first, after: $after, query: $query) {
              nodes {
                id type sourceType sourceId transactionDate test
                amount { amount currencyCode } fee { amount currencyCode } net { amount currencyCode }
                associatedPayout { id } associatedOrder { id name }
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
    var estimatedCost: Double { Double(variables.first) * 6 + 3 }
    var costKey: String { "\(Self.name)/\(variables.first)" }

    struct Account: Decodable, Sendable { let balanceTransactions: ShopifyPage<ShopifyBalanceTransaction> }
    struct Result: Decodable, Sendable { let shopifyPaymentsAccount: Account? }
}

extension ShopifyAdminClient {
    /// One page of balance transactions, filtered with Shopify's search syntax.
    /// Returns nil when the shop has no Shopify Payments account.
    public func balanceTransactions(query: String?, after cursor: String? = nil, pageSize: Int = 50) async throws -> ShopifyPage<ShopifyBalanceTransaction>? {
        let variables = BalanceTransactionsQuery.Variables(first: min(max(pageSize, 1), 250), after: cursor, query: query)
        return try await execute(BalanceTransactionsQuery(variables: variables)).shopifyPaymentsAccount?.balanceTransactions
    }

    /// Every balance transaction of one payout (by its REST id), following pages up to
    /// `maximumPages`. Uses the `payments_transfer_id` search filter.
    public func balanceTransactions(payoutLegacyID: String, pageSize: Int = 50, maximumPages: Int = 40) async throws -> [ShopifyBalanceTransaction] {
        var transactions: [ShopifyBalanceTransaction] = []
        var cursor: String?
        let query = "payments_transfer_id:\(ShopifySearchSyntax.value(payoutLegacyID))"
        for _ in 0..<maximumPages {
            guard let page = try await balanceTransactions(query: query, after: cursor, pageSize: pageSize) else { break }
            transactions += page.nodes
            guard page.pageInfo.hasNextPage, let next = page.pageInfo.endCursor else { break }
            cursor = next
        }
        return transactions
    }
}
