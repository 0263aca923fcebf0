import Foundation
import PluginKit

/// An order as the reconciliation poll sees it: identity, state and totals, no lines.
/// The orders flow fetches full detail from the webhook payload or the ledger.
public struct ShopifyOrderSummary: Sendable, Equatable, Decodable {
    /// The order's global id.
    public let id: String
    /// The REST id (the id webhooks carry).
    public let legacyResourceId: String
    /// The order name, e.g. `#1001`.
    public let name: String
    /// When the order was created.
    public let createdAt: Date
    /// When the order last changed: the key of "stale updates lose".
    public let updatedAt: Date
    /// When the order was cancelled, if it was.
    public let cancelledAt: Date?
    /// PAID, PARTIALLY_REFUNDED, ... (nil for some draft-like orders).
    public let displayFinancialStatus: String?
    /// FULFILLED, UNFULFILLED, ...
    public let displayFulfillmentStatus: String
    /// The shop currency of the order.
    public let currencyCode: String
    /// The currency the customer paid in.
    public let presentmentCurrencyCode: String
    /// Total price in both currencies.
    public let totalPriceSet: ShopifyMoneyBag
    /// Total tax in both currencies (nil when Shopify has none).
    public let totalTaxSet: ShopifyMoneyBag?
}

struct OrdersUpdatedQuery: ShopifyOperation {
    static let name = "ordersUpdatedSince"
    let document = """
        query ordersUpdatedSince($first: Int!, $after: String, $query: String) {
          orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes {
              id legacyResourceId name createdAt updatedAt cancelledAt
              displayFinancialStatus displayFulfillmentStatus currencyCode presentmentCurrencyCode
              totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
              totalTaxSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let first: Int
        let after: String?
        let query: String
    }
    let variables: Variables
    var estimatedCost: Double { Double(variables.first) * 8 + 2 }
    var costKey: String { "\(Self.name)/\(variables.first)" }

    struct Result: Decodable, Sendable { let orders: ShopifyPage<ShopifyOrderSummary> }
}

extension ShopifyAdminClient {
    /// One page of the orders updated at or after `since`, oldest change first.
    /// Pass the previous page's `endCursor` as `after` to continue.
    ///
    /// Inclusive (`updated_at:>=`): Shopify's timestamps have whole seconds, so orders that
    /// changed in the same second as the cursor would be lost by `>`; re-reading the cursor's
    /// own orders is harmless because the ledger skips unchanged versions.
    public func ordersUpdated(since: Date, after cursor: String? = nil, pageSize: Int = 25) async throws -> ShopifyPage<ShopifyOrderSummary> {
        let query = "updated_at:>='\(ShopifySearchSyntax.timestamp(since))'"
        let variables = OrdersUpdatedQuery.Variables(first: min(max(pageSize, 1), 250), after: cursor, query: query)
        return try await execute(OrdersUpdatedQuery(variables: variables)).orders
    }

    /// Every order updated at or after `since` (inclusive, see ``ordersUpdated(since:after:pageSize:)``),
    /// following cursors for at most `maximumPages` pages.
    /// Returns the orders and whether more pages were left unread: when `truncated` is true
    /// the caller must continue from the last order's `updatedAt`, not from now.
    public func allOrdersUpdated(since: Date, pageSize: Int = 25, maximumPages: Int = 40) async throws -> (orders: [ShopifyOrderSummary], truncated: Bool) {
        var orders: [ShopifyOrderSummary] = []
        var cursor: String?
        for _ in 0..<maximumPages {
            let page = try await ordersUpdated(since: since, after: cursor, pageSize: pageSize)
            orders += page.nodes
            guard page.pageInfo.hasNextPage, let next = page.pageInfo.endCursor else { return (orders, false) }
            cursor = next
        }
        return (orders, true)
    }
}
