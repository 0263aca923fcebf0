import Foundation
import Testing
@testable import ShopifySimulator

@Suite("Payouts")
struct PayoutTests {
    @Test("a payout's amount is the sum of its transactions' net, and its summary agrees", arguments: Array(UInt64(300)...320))
    func payoutAddsUp(seed: UInt64) throws {
        var (script, _) = TestTraffic.played(seed: seed, orders: 25, configure: TestTraffic.busy)
        let payouts = script.settlePayouts()
        #expect(payouts.count > 1, "25 orders over several days make several daily payouts")
        for payout in payouts { try check(payout, timestamps: script.timestamps) }
    }

    private func check(_ payout: SimulatedPayout, timestamps: ShopifyTimestamps) throws {
        let document = DocumentReader(try PayoutDocument.json(payout, timestamps: timestamps).dataObject())
        let transactions = try JSONSerialization.jsonObject(with: PayoutDocument.transactionsJSON(payout, timestamps: timestamps).data()) as? [[String: Any]]
        let rows = try #require(transactions).map(DocumentReader.init)
        var net: Decimal = 0
        var gross: [String: Decimal] = [:], fees: [String: Decimal] = [:]
        for row in rows {
            let amount = try row.money("amount"), fee = try row.money("fee")
            #expect(try row.money("net") == amount - fee)
            #expect(try row.int64("payout_id") == payout.id)
            net += amount - fee
            gross[try row.string("type"), default: 0] += amount
            fees[try row.string("type"), default: 0] += fee
        }
        #expect(try document.money("amount") == net)
        let summary = try document.child("summary")
        for type in ["charge", "refund", "adjustment"] {
            let prefix = type == "charge" ? "charges" : "\(type)s"
            #expect(try summary.money("\(prefix)_gross_amount") == gross[type, default: 0])
            #expect(try summary.money("\(prefix)_fee_amount") == fees[type, default: 0])
        }
    }

    @Test("charges are the card part of captured orders, with a 2.9% + 0.30 fee; gift cards are never paid out")
    func chargesMatchOrders() throws {
        var (script, _) = TestTraffic.played(seed: 9, orders: 60) { configuration in
            TestTraffic.busy(&configuration)
            configuration.payoutAdjustmentShare = 0
        }
        let payouts = script.settlePayouts()
        let captured = script.orders.values.filter { $0.payment.card.shop > 0 && $0.financialStatus != "authorized" && $0.financialStatus != "voided" }
        let transactions = payouts.flatMap(\.transactions)
        let charges = transactions.filter { $0.type == "charge" }
        #expect(Set(charges.compactMap(\.sourceOrderID)) == Set(captured.map(\.id)))
        for charge in charges {
            let orderID = try #require(charge.sourceOrderID)
            let order = try #require(script.orders[orderID])
            #expect(charge.amount == order.payment.card.shop)
            #expect(charge.fee == DocumentReader.rounded(charge.amount * DecimalMoney.fixed(29, scale: 3) + DecimalMoney.fixed(30, scale: 2)))
        }
        let refunds = transactions.filter { $0.type == "refund" }
        let cardRefunds = script.refunds.values.flatMap { $0 }.flatMap(\.transactions).filter { $0.gateway == "shopify_payments" }
        #expect(DecimalMoney.sum(refunds.map(\.amount)) == -DecimalMoney.sum(cardRefunds.map(\.amount.shop)))
        #expect(script.settlePayouts().isEmpty, "everything was paid out already")
    }

    @Test("the card fee is 2.9% + 0.30 rounded to the cent, as in the mapping's payout example")
    func cardFee() {
        let fee = CardFee()
        #expect(fee.fee(on: DecimalMoney.fixed(8636, scale: 2)) == DecimalMoney.fixed(280, scale: 2))
        #expect(fee.fee(on: 200) == DecimalMoney.fixed(610, scale: 2))
    }

    @Test("only played orders are paid out")
    func onlyEligibleOrders() throws {
        var (script, chains) = TestTraffic.played(seed: 4, orders: 10) { $0.authorizedOnlyShare = 0; $0.giftCardShare = 0 }
        let first = Set(chains.prefix(4).map(\.orderID))
        let partial = script.settlePayouts(eligibleOrders: first).flatMap(\.transactions)
        #expect(Set(partial.compactMap(\.sourceOrderID)) == first)
        let rest = script.settlePayouts().flatMap(\.transactions)
        #expect(Set(rest.compactMap(\.sourceOrderID)) == Set(chains.map(\.orderID)).subtracting(first))
    }
}

extension JSONDocument {
    /// The document as a Foundation dictionary, as a consumer would parse it.
    func dataObject() throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: data())
        return try #require(parsed as? [String: Any])
    }
}
