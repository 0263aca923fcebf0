import Foundation

/// The REST refund of the `refunds/create` webhook. Unknown fields are ignored.
/// Properties are Shopify's REST fields, named in camel case (`order_id` is `orderId`).
public struct ShopifyRefundPayload: Sendable, Decodable {
    public let id: Int64
    public let orderId: Int64
    public let note: String?
    public let createdAt: Date?
    public let processedAt: Date?
    public let refundLineItems: [LineItem]
    public let transactions: [Transaction]
    public let orderAdjustments: [OrderAdjustment]

    /// One refunded line, with where (and whether) its units go back to stock.
    public struct LineItem: Sendable, Decodable {
        public let id: Int64?
        public let lineItemId: Int64
        public let quantity: Int
        /// no_restock, cancel, return (legacy_restock on old refunds).
        public let restockType: String?
        public let locationId: Int64?
        /// Shop currency.
        public let subtotal: ShopifyAmount?
        /// Shop currency.
        public let totalTax: ShopifyAmount?
        public let subtotalSet: ShopifyPriceSet?
        public let totalTaxSet: ShopifyPriceSet?

        private enum CodingKeys: String, CodingKey {
            case id, lineItemId = "line_item_id", quantity, restockType = "restock_type", locationId = "location_id"
            case subtotal, totalTax = "total_tax", subtotalSet = "subtotal_set", totalTaxSet = "total_tax_set"
        }
    }

    /// A money movement of the refund.
    public struct Transaction: Sendable, Decodable {
        public let id: Int64
        /// refund, ...
        public let kind: String
        /// success, failure, pending, ...
        public let status: String?
        public let amount: ShopifyAmount
        /// The transaction's currency (the presentment currency of the order).
        public let currency: String?
        /// E.g. `shopify_payments`, `gift_card`.
        public let gateway: String?
    }

    /// A refund amount not tied to a line (shipping refund, refund discrepancy).
    public struct OrderAdjustment: Sendable, Decodable {
        public let id: Int64?
        /// shipping_refund, refund_discrepancy.
        public let kind: String?
        public let reason: String?
        public let amount: ShopifyAmount
        public let taxAmount: ShopifyAmount?
        public let amountSet: ShopifyPriceSet?

        private enum CodingKeys: String, CodingKey {
            case id, kind, reason, amount, taxAmount = "tax_amount", amountSet = "amount_set"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, orderId = "order_id", note, createdAt = "created_at", processedAt = "processed_at"
        case refundLineItems = "refund_line_items", transactions, orderAdjustments = "order_adjustments"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        orderId = try c.decode(Int64.self, forKey: .orderId)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
        processedAt = try c.decodeIfPresent(Date.self, forKey: .processedAt)
        refundLineItems = try c.decodeIfPresent([LineItem].self, forKey: .refundLineItems) ?? []
        transactions = try c.decodeIfPresent([Transaction].self, forKey: .transactions) ?? []
        orderAdjustments = try c.decodeIfPresent([OrderAdjustment].self, forKey: .orderAdjustments) ?? []
    }
}
