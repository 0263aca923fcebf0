import Foundation

/// Builds refunds against a ``RefundBook``.
struct RefundFactory {
    /// What to refund of one line.
    struct Selection {
        var lineIndex: Int
        var quantity: Int
        var restockType: String
    }

    /// A refund of `selections` (and of the shipping when `includeShipping`), recorded in `book`.
    static func refund(
        order: SimulatedOrder, book: inout RefundBook, selections: [Selection], includeShipping: Bool,
        isCancellation: Bool, createdAt: Date, ids: inout IDSequence
    ) -> SimulatedRefund {
        let refundID = ids.take()
        var lines: [SimulatedRefundLine] = []
        for selection in selections where book.remainingQuantity(order, line: selection.lineIndex) > 0 {
            let units = min(selection.quantity, book.remainingQuantity(order, line: selection.lineIndex))
            let amounts = book.refundLine(order, line: selection.lineIndex, quantity: units)
            lines.append(SimulatedRefundLine(
                id: ids.take(), lineItemID: order.lines[selection.lineIndex].id, quantity: units,
                restockType: selection.restockType, locationID: order.locationID,
                subtotal: amounts.subtotal, totalTax: amounts.tax
            ))
        }
        var shipping: SimulatedShippingRefund?
        if includeShipping, order.shop.shipping.discountedPrice > 0, book.refundShipping() {
            shipping = SimulatedShippingRefund(
                id: ids.take(),
                amount: MoneyPair(shop: order.shop.shipping.discountedPrice, presentment: order.presentment.shipping.discountedPrice),
                tax: MoneyPair(shop: order.shop.shipping.tax, presentment: order.presentment.shipping.tax)
            )
        }
        let exclusiveTax = !order.tax.taxesIncluded
        var total = lines.reduce(MoneyPair.zero) { $0 + $1.subtotal + (exclusiveTax ? $1.totalTax : .zero) }
        if let shipping { total = total + shipping.amount + (exclusiveTax ? shipping.tax : .zero) }
        let split = book.splitRefund(total, payment: order.payment)
        var transactions: [SimulatedRefundTransaction] = []
        if split.card != .zero {
            transactions.append(SimulatedRefundTransaction(id: ids.take(), gateway: "shopify_payments", amount: split.card))
        }
        if split.giftCard != .zero {
            transactions.append(SimulatedRefundTransaction(id: ids.take(), gateway: "gift_card", amount: split.giftCard))
        }
        return SimulatedRefund(
            id: refundID, orderID: order.id, createdAt: createdAt,
            note: isCancellation ? "Order cancelled" : "Customer return",
            lines: lines, shipping: shipping, transactions: transactions, isCancellation: isCancellation
        )
    }
}
