import Foundation
import Testing
@testable import ShopifySimulator

@Suite("Refunds never exceed what was bought")
struct RefundTests {
    @Test("refunded units, amounts and money stay within the order, for many seeds", arguments: Array(UInt64(200)...224))
    func refundsStayWithinTheOrder(seed: UInt64) throws {
        let (script, chains) = TestTraffic.played(seed: seed, orders: 20, configure: TestTraffic.busy)
        var orders: [Int64: DocumentReader] = [:]
        var refunded: [Int64: (units: [Int64: Int64], subtotal: [Int64: Decimal], money: Decimal, shippingTimes: Int)] = [:]
        for event in chains.flatMap(\.events) {
            let document = try DocumentReader(data: event.payload)
            if event.topic.hasPrefix("orders/") { orders[try document.int64("id")] = document }
            guard event.topic == "refunds/create" else { continue }
            let orderID = try document.int64("order_id")
            let order = try #require(orders[orderID], "a refund arrived before its order")
            var book = refunded[orderID] ?? ([:], [:], 0, 0)
            for line in try document.children("refund_line_items") {
                let lineID = try line.int64("line_item_id")
                let bought = try #require(try order.children("line_items").first { try $0.int64("id") == lineID })
                book.units[lineID, default: 0] += try line.int64("quantity")
                book.subtotal[lineID, default: 0] += try line.moneySet("subtotal_set").presentment
                let paid = try bought.moneySet("price_set").presentment * Decimal(try bought.int64("quantity"))
                    - (try bought.children("discount_allocations").reduce(Decimal(0)) { $0 + (try $1.moneySet("amount_set").presentment) })
                #expect(book.units[lineID, default: 0] <= (try bought.int64("quantity")), "more units refunded than bought")
                #expect(book.subtotal[lineID, default: 0] <= paid, "more refunded on a line than was paid for it")
                #expect(["return", "cancel", "no_restock"].contains(try line.string("restock_type")))
            }
            book.shippingTimes += try document.children("order_adjustments").count
            #expect(book.shippingTimes <= 1, "shipping refunded twice")
            let money = try document.children("transactions").reduce(Decimal(0)) { $0 + (try $1.money("amount")) }
            book.money += money
            refunded[orderID] = book
            let total = try order.moneySet("total_price_set").presentment
            #expect(book.money <= total, "more money returned than the order's total")
            let expected = try #require(script.expectedTotals[orderID])
            #expect(expected.refunded.presentment >= book.money)
        }
    }

    @Test("a cancelled paid order is refunded in full, card first, restocked as cancel")
    func cancellationRefundsEverything() throws {
        let (script, chains) = TestTraffic.played(seed: 5, orders: 40) { configuration in
            configuration.followUps = FollowUpProbabilities(update: 0, cancel: 1, partialRefund: 0, fulfillment: 0)
            configuration.giftCardShare = 0.5
            configuration.authorizedOnlyShare = 0.2
        }
        var sawVoided = false, sawRefunded = false
        for chain in chains {
            let order = try #require(script.orders[chain.orderID])
            let topics = chain.events.map(\.topic).filter { $0 != "customers/create" && $0 != "order_transactions/create" }
            if order.financialStatus == "voided" {
                sawVoided = true
                #expect(topics == ["orders/create", "orders/cancelled"])
                continue
            }
            sawRefunded = true
            #expect(topics == ["orders/create", "orders/cancelled", "refunds/create"])
            let refund = try #require(script.refunds[chain.orderID]?.first)
            #expect(refund.total == order.totalPrice, "a cancellation must return the whole total")
            #expect(refund.lines.allSatisfy { $0.restockType == "cancel" })
            let card = refund.transactions.first { $0.gateway == "shopify_payments" }?.amount ?? .zero
            #expect(card == order.payment.card)
        }
        #expect(sawVoided && sawRefunded)
    }
}
