import Foundation
import Testing
@testable import ShopifySimulator

/// The generated traffic must exercise every rule of MAPPING.md, or the orders flow
/// could pass its tests without ever meeting a case.
@Suite("Traffic covers every mapping rule")
struct TrafficCoverageTests {
    @Test("one run of the default configuration meets every case")
    func everyCaseOccurs() throws {
        var (script, chains) = TestTraffic.played(seed: 7, orders: 600)
        var seen: Set<String> = []
        func saw(_ condition: Bool, _ name: String) { if condition { seen.insert(name) } }
        for order in script.orders.values {
            saw(order.tax.taxesIncluded, "tax inclusive")
            saw(!order.tax.taxesIncluded && order.tax.rates.count > 1, "tax exclusive, several tax lines")
            saw(order.presentmentCurrency != order.shopCurrency, "presentment currency")
            saw(order.payment.gatewayNames == ["gift_card", "shopify_payments"], "partial gift card")
            saw(order.payment.gatewayNames == ["gift_card"], "gift card only")
            saw(order.lines.contains { $0.variant.isBundle }, "bundle SKU")
            saw(order.lines.count >= 3, "several lines")
            saw(order.customer == nil, "guest checkout")
            saw(order.discounts.contains { $0.code != nil && $0.value.isFixedAmount }, "fixed code")
            saw(order.discounts.contains { $0.code != nil && !$0.value.isFixedAmount }, "percentage code")
            saw(order.discounts.contains { if case .line = $0.target { true } else { false } }, "line discount")
            saw(order.shop.shipping.discount > 0 && order.shop.shipping.discountedPrice == 0, "free shipping")
            saw(order.shop.shipping.discount > 0 && order.shop.shipping.discountedPrice > 0, "shipping partly discounted")
            saw(order.shop.lines.contains { line in
                line.allocations.contains { NSDecimalNumber(decimal: $0.amount * 100).intValue % line.quantity != 0 }
            }, "allocation not divisible by quantity")
            saw(order.financialStatus == "voided", "voided")
            saw(order.financialStatus == "refunded", "cancelled and refunded")
            saw(order.financialStatus == "partially_refunded", "partially refunded")
            saw(order.fulfillmentStatus == "fulfilled", "fulfilled")
        }
        for refund in script.refunds.values.flatMap({ $0 }) {
            for line in refund.lines { seen.insert("restock \(line.restockType)") }
            saw(refund.shipping != nil && !refund.isCancellation, "shipping refunded in a partial refund")
        }
        let topics = Set(chains.flatMap(\.events).map(\.topic))
        let customerOrders = script.orders.values.compactMap(\.customer?.id)
        saw(Set(customerOrders).count < customerOrders.count, "returning customer")
        let transactions = script.settlePayouts().flatMap(\.transactions)
        saw(transactions.contains { $0.type == "refund" }, "payout with refunds")
        saw(transactions.contains { $0.type == "adjustment" }, "payout with an adjustment")
        let expected: Set<String> = [
            "tax inclusive", "tax exclusive, several tax lines", "presentment currency", "partial gift card",
            "gift card only", "bundle SKU", "several lines", "guest checkout", "fixed code", "percentage code",
            "line discount", "free shipping", "shipping partly discounted", "allocation not divisible by quantity",
            "voided", "cancelled and refunded", "partially refunded", "fulfilled", "restock return", "restock cancel",
            "restock no_restock", "shipping refunded in a partial refund", "returning customer", "payout with refunds", "payout with an adjustment",
        ]
        #expect(expected.subtracting(seen).isEmpty, "never generated: \(expected.subtracting(seen).sorted())")
        #expect(topics == ["customers/create", "orders/create", "order_transactions/create", "orders/updated", "orders/cancelled", "refunds/create", "fulfillments/create"])
    }
}

extension DiscountApplication.Value {
    var isFixedAmount: Bool {
        if case .fixedAmount = self { true } else { false }
    }
}
