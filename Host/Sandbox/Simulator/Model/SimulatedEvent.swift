import Foundation

/// One thing that happens in the shop: a webhook topic and the REST document Shopify sends.
public struct SimulatedEvent: Sendable {
    /// What the event did, with the ids a test needs to check it synced.
    public enum Kind: Sendable, Equatable {
        case customerCreated(customerID: Int64)
        case orderCreated(orderID: Int64)
        /// A payment of the order (`order_transactions/create`), one per gateway.
        case transactionCreated(orderID: Int64, transactionID: Int64)
        case orderUpdated(orderID: Int64)
        case orderCancelled(orderID: Int64)
        case refundCreated(orderID: Int64, refundID: Int64, isCancellation: Bool)
        case fulfillmentCreated(orderID: Int64, fulfillmentID: Int64)
    }

    /// The webhook topic, e.g. `orders/create`.
    public var topic: String
    /// The compact JSON body.
    public var payload: Data
    /// What the event did.
    public var kind: Kind
}

/// The events of one order, in the order they must be played: the customer (if new),
/// the order, its payments, then its follow-ups.
public struct OrderChain: Sendable {
    /// The order this belongs to.
    public var orderID: Int64
    /// Events in play order.
    public var events: [SimulatedEvent]
}

/// What an order should look like once synced: its totals in both currencies and how it was paid.
public struct ExpectedOrderTotals: Sendable, Equatable {
    /// The order this belongs to.
    public var orderID: Int64
    /// Order name, e.g. #1001.
    public var name: String
    /// The shop currency (`currency`).
    public var shopCurrency: String
    /// The currency the customer paid in.
    public var presentmentCurrency: String
    /// True when prices include tax.
    public var taxesIncluded: Bool
    /// `total_price`.
    public var totalPrice: MoneyPair
    /// `subtotal_price` (line items after discounts).
    public var subtotalPrice: MoneyPair
    /// Tax refunded.
    public var totalTax: MoneyPair
    /// `total_discounts`: line and shipping discounts.
    public var totalDiscounts: MoneyPair
    /// Shipping after its own discounts.
    public var shipping: MoneyPair
    /// Redeemed from gift cards (to exclude from payouts; a payment line in NetSuite).
    public var giftCard: MoneyPair
    /// Charged to the card.
    public var card: MoneyPair
    /// Money returned so far, all refunds.
    public var refunded: MoneyPair
    /// True once cancelled.
    public var cancelled: Bool
    /// Financial status.
    public var financialStatus: String

    /// The expectation for `order` and what `book` says was refunded.
    public init(order: SimulatedOrder, book: RefundBook) {
        orderID = order.id
        name = order.name
        shopCurrency = order.shopCurrency
        presentmentCurrency = order.presentmentCurrency
        taxesIncluded = order.tax.taxesIncluded
        totalPrice = order.totalPrice
        subtotalPrice = MoneyPair(shop: order.shop.subtotalPrice, presentment: order.presentment.subtotalPrice)
        totalTax = MoneyPair(shop: order.shop.totalTax, presentment: order.presentment.totalTax)
        totalDiscounts = MoneyPair(shop: order.shop.totalDiscounts, presentment: order.presentment.totalDiscounts)
        shipping = MoneyPair(shop: order.shop.shipping.discountedPrice, presentment: order.presentment.shipping.discountedPrice)
        giftCard = order.payment.giftCard
        card = order.payment.card
        refunded = book.totalRefunded
        cancelled = order.cancelledAt != nil
        financialStatus = order.financialStatus
    }
}
