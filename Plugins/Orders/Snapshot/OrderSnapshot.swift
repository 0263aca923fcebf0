import Foundation
import RecordMapping

/// A Shopify order as the sales-order mapper needs it, built from either the webhook's REST
/// payload or the Admin GraphQL order, so both paths map through the same code.
///
/// Every amount is Shopify's own, in both currencies where the source gave both: the mapper
/// copies them and never recomputes one from a rate or a percentage.
public struct OrderSnapshot: Sendable, Equatable {
    /// One line item.
    public struct Line: Sendable, Equatable {
        /// The line's id, for messages.
        public var id: Int64?
        /// The variant's SKU: how the NetSuite item is found. Nil or empty for custom lines.
        public var sku: String?
        /// The product title, for messages.
        public var title: String
        /// Units ordered.
        public var quantity: Int
        /// Unit price before discounts (tax included when the order's prices include tax).
        public var unitPrice: OrderAmount
        /// The line's share of every discount, order-level codes included, one per application.
        public var discountAllocations: [OrderAmount]
        /// The line's tax amounts, one per tax rate.
        public var taxes: [OrderAmount]
        /// Whether the line sells a gift card (booked on the gift-card item, against the liability).
        public var isGiftCard: Bool

        /// A line as Shopify states it.
        public init(id: Int64?, sku: String?, title: String, quantity: Int, unitPrice: OrderAmount,
                    discountAllocations: [OrderAmount], taxes: [OrderAmount], isGiftCard: Bool = false) {
            self.id = id
            self.sku = sku
            self.title = title
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.discountAllocations = discountAllocations
            self.taxes = taxes
            self.isGiftCard = isGiftCard
        }
    }

    /// One shipping charge.
    public struct ShippingLine: Sendable, Equatable {
        /// The rate's title shown at checkout (`Standard`).
        public var title: String
        /// The rate's code, when Shopify has one.
        public var code: String?
        /// Price before shipping discounts.
        public var price: OrderAmount
        /// Shipping discounts that fall on this line.
        public var discountAllocations: [OrderAmount]
        /// Tax on shipping, one per rate.
        public var taxes: [OrderAmount]

        /// A shipping line as Shopify states it.
        public init(title: String, code: String?, price: OrderAmount, discountAllocations: [OrderAmount], taxes: [OrderAmount]) {
            self.title = title
            self.code = code
            self.price = price
            self.discountAllocations = discountAllocations
            self.taxes = taxes
        }
    }

    /// The REST order id.
    public var id: Int64
    /// `#1001`.
    public var name: String
    /// When the order was placed (the sales order's date).
    public var createdAt: Date?
    /// When the order last changed: the key of "stale updates lose".
    public var updatedAt: Date
    /// When it was cancelled, if it was.
    public var cancelledAt: Date?
    /// Lowercase REST spelling: `paid`, `partially_refunded`, ...
    public var financialStatus: String?
    /// Lowercase REST spelling: nil or `unfulfilled`, `partial`, `fulfilled`, ...
    public var fulfillmentStatus: String?
    /// The shop currency.
    public var shopCurrency: String
    /// The currency the customer paid in.
    public var presentmentCurrency: String
    /// Whether prices include tax.
    public var taxesIncluded: Bool
    /// The line items.
    public var lines: [Line]
    /// The shipping charges.
    public var shippingLines: [ShippingLine]
    /// `total_price` in both currencies.
    public var totalPrice: OrderAmount
    /// The discount codes used, for the memo.
    public var discountCodes: [String]
    /// Payment gateways used (`gift_card`, `shopify_payments`).
    public var paymentGatewayNames: [String]
    /// The customer, or nil for a guest checkout.
    public var customer: CustomerSnapshot?
    /// Redeemed from gift cards; filled from Shopify's transactions when a gift card paid.
    public var giftCardAmount: OrderAmount

    /// A snapshot; see the two source-specific initializers for the usual way in.
    public init(id: Int64, name: String, createdAt: Date?, updatedAt: Date, cancelledAt: Date?, financialStatus: String?,
                fulfillmentStatus: String?, shopCurrency: String, presentmentCurrency: String, taxesIncluded: Bool,
                lines: [Line], shippingLines: [ShippingLine], totalPrice: OrderAmount, discountCodes: [String],
                paymentGatewayNames: [String], customer: CustomerSnapshot?, giftCardAmount: OrderAmount = .zero) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.cancelledAt = cancelledAt
        self.financialStatus = financialStatus?.lowercased()
        self.fulfillmentStatus = fulfillmentStatus?.lowercased()
        self.shopCurrency = shopCurrency.uppercased()
        self.presentmentCurrency = presentmentCurrency.uppercased()
        self.taxesIncluded = taxesIncluded
        self.lines = lines
        self.shippingLines = shippingLines
        self.totalPrice = totalPrice
        self.discountCodes = discountCodes
        self.paymentGatewayNames = paymentGatewayNames
        self.customer = customer
        self.giftCardAmount = giftCardAmount
    }

    /// The currency code of `booking`.
    public func currencyCode(_ booking: BookingCurrency) -> String {
        booking == .shop ? shopCurrency : presentmentCurrency
    }

    /// Whether a gift card paid part or all of the order, as the gateways say.
    public var usedGiftCard: Bool { paymentGatewayNames.contains { $0.lowercased() == "gift_card" } }

    /// Whether any unit has shipped: such an order is no longer edited or closed here.
    public var isFulfilledAtAll: Bool {
        guard let status = fulfillmentStatus else { return false }
        return ["fulfilled", "partial", "partially_fulfilled", "restocked"].contains(status)
    }

    /// Whether part of the money went back: refunds handle such an order, not a close.
    /// (A full refund is what a cancellation itself usually does, so it does not count.)
    public var isPartlyRefunded: Bool { financialStatus == "partially_refunded" }
}
