import Foundation

/// One refunded line of a refund.
public struct SimulatedRefundLine: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// The refunded (or shipped) line item.
    public var lineItemID: Int64
    /// Units.
    public var quantity: Int
    /// `return`, `cancel` or `no_restock`.
    public var restockType: String
    /// The location involved.
    public var locationID: Int64
    /// The refunded amount of the line after discounts (gross when taxes are included).
    public var subtotal: MoneyPair
    /// Tax refunded.
    public var totalTax: MoneyPair
}

/// Shipping given back with a refund (an `order_adjustments` entry of kind `shipping_refund`).
public struct SimulatedShippingRefund: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// The shipping refunded, positive here (the document writes it negative, as Shopify
    /// does); gross when taxes are included.
    public var amount: MoneyPair
    /// How the order is taxed.
    public var tax: MoneyPair
}

/// Money returned through one gateway.
public struct SimulatedRefundTransaction: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// `shopify_payments` or `gift_card`.
    public var gateway: String
    /// The money returned through this gateway.
    public var amount: MoneyPair
}

/// A refund of an order (partial, or the full refund of a cancellation).
public struct SimulatedRefund: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// The order this belongs to.
    public var orderID: Int64
    /// When it happened (simulated time).
    public var createdAt: Date
    /// The order note.
    public var note: String
    /// The refunded lines.
    public var lines: [SimulatedRefundLine]
    /// Shipping refunded with this refund, if any.
    public var shipping: SimulatedShippingRefund?
    /// Money movements.
    public var transactions: [SimulatedRefundTransaction]
    /// True for the refund that comes with a cancellation.
    public var isCancellation: Bool

    /// Money returned to the customer: Σ transactions.
    public var total: MoneyPair { transactions.reduce(.zero) { $0 + $1.amount } }
}

/// A fulfillment: units shipped from one location with tracking.
public struct SimulatedFulfillment: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// The order this belongs to.
    public var orderID: Int64
    /// When it happened (simulated time).
    public var createdAt: Date
    /// The location involved.
    public var locationID: Int64
    /// Carrier.
    public var trackingCompany: String
    /// Tracking number.
    public var trackingNumber: String
    /// Tracking page.
    public var trackingURL: String
    /// Line item id and the quantity shipped.
    public var lines: [(lineItemID: Int64, quantity: Int)]

    /// Field-by-field equality (tuples are not `Equatable`).
    public static func == (lhs: SimulatedFulfillment, rhs: SimulatedFulfillment) -> Bool {
        lhs.id == rhs.id && lhs.orderID == rhs.orderID && lhs.createdAt == rhs.createdAt
            && lhs.locationID == rhs.locationID && lhs.trackingNumber == rhs.trackingNumber
            && lhs.lines.map(\.lineItemID) == rhs.lines.map(\.lineItemID) && lhs.lines.map(\.quantity) == rhs.lines.map(\.quantity)
    }
}
