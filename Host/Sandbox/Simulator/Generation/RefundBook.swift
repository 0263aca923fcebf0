import Foundation

/// What has been refunded of one order so far, so no refund ever gives back more than
/// was bought: per line units and amounts, the shipping, and the money per gateway.
public struct RefundBook: Sendable, Equatable {
    /// Units refunded per line (in line order).
    public private(set) var refundedQuantity: [Int]
    /// Line amounts refunded per line.
    public private(set) var refundedSubtotal: [MoneyPair]
    /// Line tax refunded per line.
    public private(set) var refundedTax: [MoneyPair]
    /// True once the shipping was refunded.
    public private(set) var shippingRefunded: Bool
    /// Money returned to the card.
    public private(set) var cardRefunded: MoneyPair
    /// Money returned to gift cards.
    public private(set) var giftCardRefunded: MoneyPair

    /// An empty book for `order`.
    public init(order: SimulatedOrder) {
        refundedQuantity = order.lines.map { _ in 0 }
        refundedSubtotal = order.lines.map { _ in .zero }
        refundedTax = order.lines.map { _ in .zero }
        shippingRefunded = false
        cardRefunded = .zero
        giftCardRefunded = .zero
    }

    /// Units of line `index` not refunded yet.
    public func remainingQuantity(_ order: SimulatedOrder, line index: Int) -> Int {
        order.lines[index].quantity - refundedQuantity[index]
    }

    /// Money returned so far, all gateways.
    public var totalRefunded: MoneyPair { cardRefunded + giftCardRefunded }

    /// Refunds `quantity` units of line `index`: the remaining amount in proportion to
    /// the remaining units, rounded to the cent; the last units take exactly what is left.
    mutating func refundLine(_ order: SimulatedOrder, line index: Int, quantity: Int) -> (subtotal: MoneyPair, tax: MoneyPair) {
        let remainingUnits = remainingQuantity(order, line: index)
        let units = min(max(quantity, 0), remainingUnits)
        func share(_ remaining: Decimal) -> Decimal {
            units == remainingUnits ? remaining : DecimalMoney.rounded(remaining * Decimal(units) / Decimal(remainingUnits))
        }
        let lineSubtotal = MoneyPair(shop: order.shop.lines[index].discountedTotal, presentment: order.presentment.lines[index].discountedTotal)
        let lineTax = MoneyPair(shop: order.shop.lines[index].tax, presentment: order.presentment.lines[index].tax)
        let remainingSubtotal = lineSubtotal - refundedSubtotal[index]
        let remainingTax = lineTax - refundedTax[index]
        let subtotal = MoneyPair(shop: share(remainingSubtotal.shop), presentment: share(remainingSubtotal.presentment))
        let tax = MoneyPair(shop: share(remainingTax.shop), presentment: share(remainingTax.presentment))
        refundedQuantity[index] += units
        refundedSubtotal[index] = refundedSubtotal[index] + subtotal
        refundedTax[index] = refundedTax[index] + tax
        return (subtotal, tax)
    }

    /// Marks the shipping refunded; `false` if it already was.
    mutating func refundShipping() -> Bool {
        guard !shippingRefunded else { return false }
        shippingRefunded = true
        return true
    }

    /// Splits `amount` over the gateways: back to the card first, up to what the card
    /// paid and was not refunded yet, the rest to the gift card. Each currency on its own.
    mutating func splitRefund(_ amount: MoneyPair, payment: PaymentSplit) -> (card: MoneyPair, giftCard: MoneyPair) {
        let cardLeft = payment.card - cardRefunded
        let card = MoneyPair(shop: max(0, min(amount.shop, cardLeft.shop)), presentment: max(0, min(amount.presentment, cardLeft.presentment)))
        let giftCard = amount - card
        cardRefunded = cardRefunded + card
        giftCardRefunded = giftCardRefunded + giftCard
        return (card, giftCard)
    }
}
