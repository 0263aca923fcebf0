import Foundation
import Testing
@testable import ShopifySimulator

@Suite("Orders add up to the cent")
struct OrderConsistencyTests {
    @Test("every order document adds up in both currencies, for many seeds", arguments: Array(UInt64(1)...30))
    func ordersAddUp(seed: UInt64) throws {
        let (script, chains) = TestTraffic.played(seed: seed, orders: 20, configure: TestTraffic.busy)
        for event in chains.flatMap(\.events) where event.topic.hasPrefix("orders/") {
            let order = try DocumentReader(data: event.payload)
            let shopTotal = try OrderDocumentCheck(order: order, side: .shop).verify()
            let presentmentTotal = try OrderDocumentCheck(order: order, side: .presentment).verify()
            let totals = try order.moneySet("total_price_set")
            #expect(totals.shopCurrency == (try order.string("currency")))
            #expect(totals.presentmentCurrency == (try order.string("presentment_currency")))
            let expected = try #require(script.expectedTotals[try order.int64("id")])
            #expect(expected.totalPrice == MoneyPair(shop: shopTotal, presentment: presentmentTotal))
            #expect(expected.giftCard + expected.card == expected.totalPrice, "payments do not cover the order")
        }
    }

    @Test("a few cents of discount over many lines stay aligned between the two currencies", arguments: Array(UInt64(50)...59))
    func tinyDiscountsOverManyLines(seed: UInt64) throws {
        let (_, chains) = TestTraffic.played(seed: seed, orders: 30) { configuration in
            configuration.presentmentCurrencyShare = 1
            configuration.discountCodeShare = 1
            configuration.maximumLinesPerOrder = 8
            configuration.catalog.products = 12
        }
        for event in chains.flatMap(\.events) where event.topic == "orders/create" {
            let order = try DocumentReader(data: event.payload)
            try OrderDocumentCheck(order: order, side: .shop).verify()
            try OrderDocumentCheck(order: order, side: .presentment).verify()
            let codes = try order.children("discount_codes").reduce(Decimal(0)) { $0 + (try $1.money("amount")) }
            #expect(codes <= (try order.money("total_discounts")))
        }
    }

    @Test("a foreign-currency order converts unit prices at the fixed rate, each rounded on its own")
    func presentmentPricesFollowTheRate() throws {
        let (_, chains) = TestTraffic.played(seed: 11, orders: 40) { $0.presentmentCurrencyShare = 1 }
        let rate = DecimalMoney.fixed(92, scale: 2)
        for event in chains.flatMap(\.events) where event.topic == "orders/create" {
            let order = try DocumentReader(data: event.payload)
            #expect(try order.string("presentment_currency") == "EUR")
            #expect(try order.string("currency") == "USD")
            for line in try order.children("line_items") {
                let price = try line.moneySet("price_set")
                #expect(price.presentment == DocumentReader.rounded(price.shop * rate))
            }
        }
    }

    @Test("the mapping's worked example prices to 136.36")
    func workedExample() {
        let rate = TaxRegime(taxesIncluded: false, rates: [TaxRate(title: "Tax", rate: DecimalMoney.fixed(8, scale: 2))], shippingTaxable: false)
        let priced = OrderPricer.price(PricingInput(
            lines: [(50, 2), (30, 1)], shippingPrice: 10,
            discounts: [DiscountApplication(target: .allLines, value: .percentage(DecimalMoney.fixed(10, scale: 2)), code: "SAVE10", title: "SAVE10")],
            tax: rate, convert: { $0 }
        ))
        #expect(priced.lines.map(\.discount) == [10, 3])
        #expect(priced.lines.map(\.tax) == [DecimalMoney.fixed(720, scale: 2), DecimalMoney.fixed(216, scale: 2)])
        #expect(priced.totalTax == DecimalMoney.fixed(936, scale: 2))
        #expect(priced.totalPrice == DecimalMoney.fixed(13636, scale: 2))
    }

    @Test("inclusive tax is gross minus gross/(1+rate), rounded per line")
    func inclusiveTax() {
        let vat = TaxRegime(taxesIncluded: true, rates: [TaxRate(title: "DE MwSt", rate: DecimalMoney.fixed(19, scale: 2))], shippingTaxable: true)
        // 19.99 gross: 19.99 - 16.798... = 3.191... -> 3.19; 3 x 9.95 = 29.85 -> 4.766... -> 4.77.
        let priced = OrderPricer.price(PricingInput(lines: [(DecimalMoney.fixed(1999, scale: 2), 1), (DecimalMoney.fixed(995, scale: 2), 3)],
                                                    shippingPrice: DecimalMoney.fixed(499, scale: 2), discounts: [], tax: vat, convert: { $0 }))
        #expect(priced.lines.map(\.tax) == [DecimalMoney.fixed(319, scale: 2), DecimalMoney.fixed(477, scale: 2)])
        #expect(priced.shipping.tax == DecimalMoney.fixed(80, scale: 2))
        #expect(priced.totalPrice == DecimalMoney.fixed(1999 + 2985 + 499, scale: 2), "with taxes included the total is the gross")
    }

    @Test("an order's payment transactions add up to its total and name its gateways", arguments: [UInt64(3), 4, 5])
    func paymentsCoverTheTotal(seed: UInt64) throws {
        let (_, chains) = TestTraffic.played(seed: seed, orders: 40) { $0.giftCardShare = 0.5; $0.presentmentCurrencyShare = 0.5 }
        for chain in chains {
            let orderEvent = try #require(chain.events.first { $0.topic == "orders/create" })
            let order = try DocumentReader(data: orderEvent.payload)
            let payments = try chain.events.filter { $0.topic == "order_transactions/create" }.map { try DocumentReader(data: $0.payload) }
            let paid = try payments.reduce(Decimal(0)) { $0 + (try $1.money("amount")) }
            #expect(paid == (try order.moneySet("total_price_set").presentment))
            #expect(try payments.map { try $0.string("gateway") } == (order["payment_gateway_names"] as? [String]))
            for payment in payments {
                #expect(try payment.int64("order_id") == (try order.int64("id")))
                #expect(try payment.string("currency") == (try order.string("presentment_currency")))
            }
        }
    }
}
