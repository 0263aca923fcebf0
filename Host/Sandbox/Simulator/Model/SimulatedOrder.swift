import Foundation

/// A line of a simulated order: what was bought. Its money is in the priced orders.
public struct SimulatedOrderLine: Sendable, Equatable {
    /// The line item id.
    public var id: Int64
    /// The variant bought.
    public var variant: Catalog.Variant
    /// Units.
    public var quantity: Int
}

/// How the order was paid. `giftCard + card` is the order's total in both currencies.
public struct PaymentSplit: Sendable, Equatable {
    /// Redeemed from gift cards (not paid out by Shopify Payments).
    public var giftCard: MoneyPair
    /// Charged to the card through Shopify Payments.
    public var card: MoneyPair

    /// The order's `payment_gateway_names`.
    public var gatewayNames: [String] {
        var names: [String] = []
        if giftCard.shop > 0 || giftCard.presentment > 0 { names.append("gift_card") }
        if card.shop > 0 || card.presentment > 0 { names.append("shopify_payments") }
        return names
    }
}

/// A simulated order in its current state: identity, what was bought, its prices in the
/// shop and the presentment currency, payment and status. The REST document is rendered
/// from it (``OrderDocument``), so every version of the order agrees with the others.
public struct SimulatedOrder: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// `order_number`; the name is `#` followed by it.
    public var number: Int
    /// The customer-facing confirmation code.
    public var confirmationNumber: String
    /// `nil` for a guest checkout.
    public var customer: SimulatedCustomer?
    /// Email address.
    public var email: String
    /// Billing address.
    public var billingAddress: SimulatedAddress
    /// Shipping address.
    public var shippingAddress: SimulatedAddress
    /// When it happened (simulated time).
    public var createdAt: Date
    /// `updated_at`: moves forward with every change.
    public var updatedAt: Date
    /// Set once cancelled.
    public var cancelledAt: Date?
    /// customer, inventory, fraud, declined or other.
    public var cancelReason: String?
    /// The shop currency (`currency`).
    public var shopCurrency: String
    /// The currency the customer paid in.
    public var presentmentCurrency: String
    /// The lines, in document order.
    public var lines: [SimulatedOrderLine]
    /// The shipping line id.
    public var shippingLineID: Int64
    /// Shipping method title and code.
    public var shippingTitle: String
    /// Discount applications, in `discount_applications` order.
    public var discounts: [DiscountApplication]
    /// How the order is taxed.
    public var tax: TaxRegime
    /// The order priced in the shop currency.
    public var shop: PricedOrder
    /// The order priced in the presentment currency (equal to `shop` when the currencies match).
    public var presentment: PricedOrder
    /// How the order was paid.
    public var payment: PaymentSplit
    /// pending, authorized, partially_paid, paid, partially_refunded, refunded or voided.
    public var financialStatus: String
    /// `nil` (unfulfilled), `partial` or `fulfilled`.
    public var fulfillmentStatus: String?
    /// The order note.
    public var note: String?
    /// Order tags.
    public var tags: [String]
    /// Where the order ships from and where refunds restock.
    public var locationID: Int64

    /// `#1001`.
    public var name: String { "#\(number)" }
    /// `total_price` in both currencies.
    public var totalPrice: MoneyPair { MoneyPair(shop: shop.totalPrice, presentment: presentment.totalPrice) }
    /// True when Shopify Payments captured money for this order (so payouts include it).
    public var isCardCaptured: Bool { payment.card.shop > 0 && financialStatus != "authorized" && financialStatus != "voided" }
}
