import Foundation
import NetSuite
import Orders
import PluginKit
import RecordMapping
import Testing

@Suite("Sales order mapper")
struct SalesOrderMapperTests {
    @Test("the worked example of MAPPING.md maps line by line and totals 86.36")
    func workedExample() throws {
        let mapped = try SalesOrderMapper(settings: OrderFixtures.settings).map(OrderFixtures.workedExample(), input: try OrderFixtures.input())
        #expect(mapped.record.lines.map(LineSummary.init) == [
            LineSummary("11", 2, "100.00"), LineSummary("901", 1, "-10.00"),
            LineSummary("12", 1, "30.00"), LineSummary("901", 1, "-3.00"),
            LineSummary("902", 1, "9.36"), LineSummary("903", 1, "-50.00"),
        ])
        #expect(mapped.record.lines[0].rate == orderDecimal("50.00"))
        #expect(mapped.record.lines[0].extraFields["price"] == .reference("-1"))
        #expect(mapped.record.shippingCost == orderDecimal("10.00"))
        #expect(mapped.mappedTotal == orderDecimal("86.36"))
        #expect(mapped.expectedTotal == orderDecimal("86.36"))
        #expect(mapped.shopifyTotal == orderDecimal("136.36"))
        #expect(mapped.variance == 0)
        #expect(mapped.record.extraFields["otherRefNum"] == .string("#1001"))
        #expect(mapped.record.extraFields["memo"]?.stringValue?.contains("SAVE10") == true)
        #expect(mapped.record.customerID == "42" && mapped.record.subsidiaryID == "3" && mapped.record.currencyID == "1")
        #expect(mapped.record.tranDate == "2026-05-28")
    }

    @Test("tax-inclusive lines are net of Shopify's own tax amounts, never divided by 1 + rate")
    func taxInclusive() throws {
        var order = OrderFixtures.workedExample()
        order.taxesIncluded = true
        order.giftCardAmount = .zero
        order.paymentGatewayNames = ["shopify_payments"]
        // 108.00 gross at 8% included, 10% off (10.80): tax on 97.20 gross is 7.20;
        // shipping 10.00 gross with 0.74 tax included.
        order.lines = [.init(id: 1, sku: "WIDGET", title: "Widget", quantity: 3, unitPrice: same("36.00"),
                             discountAllocations: [same("10.80")], taxes: [same("7.20")])]
        order.shippingLines = [.init(title: "Standard", code: nil, price: same("10.00"), discountAllocations: [], taxes: [same("0.74")])]
        order.totalPrice = same("107.20")
        let mapped = try SalesOrderMapper(settings: OrderFixtures.settings).map(order, input: try OrderFixtures.input())
        #expect(mapped.record.lines.map(LineSummary.init) == [
            LineSummary("11", 3, "100.80"), LineSummary("901", 1, "-10.80"), LineSummary("902", 1, "7.94"),
        ])
        #expect(mapped.record.lines[0].rate == orderDecimal("33.60"))
        #expect(mapped.record.shippingCost == orderDecimal("9.26"))
        #expect(mapped.mappedTotal == orderDecimal("107.20"))
    }

    @Test("uneven allocations are copied as Shopify spread them, never divided by the quantity")
    func unevenAllocations() throws {
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        // 0.04 over 3 units is one allocation of 0.04 on the line, plus 0.01 from an automatic discount.
        order.lines = [.init(id: 1, sku: "GADGET", title: "Gadget", quantity: 3, unitPrice: same("0.33"),
                             discountAllocations: [same("0.04"), same("0.01")], taxes: [])]
        order.shippingLines = []
        order.totalPrice = same("0.94")
        let mapped = try SalesOrderMapper(settings: OrderFixtures.settings).map(order, input: try OrderFixtures.input())
        #expect(mapped.record.lines.map(LineSummary.init) == [LineSummary("12", 3, "0.99"), LineSummary("901", 1, "-0.05")])
        #expect(mapped.record.lines[0].rate == orderDecimal("0.33"))
        #expect(mapped.record.shippingCost == nil)
    }

    @Test("a bundle spreads its price and discount over its components by list price, to the cent")
    func bundleLargestRemainder() throws {
        var settings = OrderFixtures.settings
        settings.bundles = try BundleMap(parsing: "KIT=COMP-A*2+COMP-B+COMP-C*1")
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        order.lines = [.init(id: 1, sku: "KIT", title: "Kit", quantity: 2, unitPrice: same("25.00"),
                             discountAllocations: [same("1.00")], taxes: [same("3.92")])]
        order.shippingLines = []
        order.totalPrice = same("52.92")
        // Per kit: A 2 x 5.00, B 10.00, C 10.00: weights 10, 10, 10.
        let input = try OrderFixtures.input(itemIDs: ["COMP-A": "21", "COMP-B": "22", "COMP-C": "23"],
                                            basePrices: ["21": orderDecimal("5.00"), "22": orderDecimal("10.00"), "23": orderDecimal("10.00")])
        let mapped = try SalesOrderMapper(settings: settings).map(order, input: input)
        #expect(mapped.record.lines.map(LineSummary.init) == [
            LineSummary("21", 4, "16.67"), LineSummary("901", 1, "-0.34"),
            LineSummary("22", 2, "16.67"), LineSummary("901", 1, "-0.33"),
            LineSummary("23", 2, "16.66"), LineSummary("901", 1, "-0.33"),
            LineSummary("902", 1, "3.92"),
        ])
        #expect(mapped.mappedTotal == orderDecimal("52.92"))
        #expect(SalesOrderMapper(settings: settings).requiredSKUs(of: order) == ["COMP-A", "COMP-B", "COMP-C"])
    }

    @Test("master bundle pricing books the whole price on the first component")
    func bundleMaster() throws {
        var settings = OrderFixtures.settings
        settings.bundles = try BundleMap(parsing: "KIT=COMP-A*2+COMP-B")
        settings.bundlePricing = .master
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        order.lines = [.init(id: 1, sku: "KIT", title: "Kit", quantity: 1, unitPrice: same("25.00"),
                             discountAllocations: [same("2.50")], taxes: [])]
        order.shippingLines = []
        order.totalPrice = same("22.50")
        let mapped = try SalesOrderMapper(settings: settings).map(order, input: try OrderFixtures.input(itemIDs: ["COMP-A": "21", "COMP-B": "22"]))
        #expect(mapped.record.lines.map(LineSummary.init) == [
            LineSummary("21", 2, "25.00"), LineSummary("901", 1, "-2.50"), LineSummary("22", 1, "0"),
        ])
        #expect(mapped.record.lines[2].rate == 0)
    }

    @Test("booking in the presentment currency takes every amount from the presentment side")
    func presentmentBooking() throws {
        var settings = OrderFixtures.settings
        settings.bookingCurrency = .presentment
        var order = OrderFixtures.workedExample()
        order.presentmentCurrency = "CAD"
        order.lines = [.init(id: 1, sku: "WIDGET", title: "Widget", quantity: 2,
                             unitPrice: OrderAmount(shop: orderDecimal("50.00"), presentment: orderDecimal("68.50")),
                             discountAllocations: [OrderAmount(shop: orderDecimal("10.00"), presentment: orderDecimal("13.70"))],
                             taxes: [OrderAmount(shop: orderDecimal("7.20"), presentment: orderDecimal("9.86"))])]
        order.shippingLines = [.init(title: "Standard", code: nil, price: OrderAmount(shop: orderDecimal("10.00"), presentment: orderDecimal("13.70")),
                                     discountAllocations: [], taxes: [])]
        order.totalPrice = OrderAmount(shop: orderDecimal("107.20"), presentment: orderDecimal("146.86"))
        order.giftCardAmount = OrderAmount(shop: orderDecimal("20.00"), presentment: orderDecimal("27.40"))
        let mapped = try SalesOrderMapper(settings: settings).map(order, input: try OrderFixtures.input(currencyID: "4"))
        #expect(mapped.currencyCode == "CAD")
        #expect(mapped.record.lines.map(LineSummary.init) == [
            LineSummary("11", 2, "137.00"), LineSummary("901", 1, "-13.70"), LineSummary("902", 1, "9.86"), LineSummary("903", 1, "-27.40"),
        ])
        #expect(mapped.record.shippingCost == orderDecimal("13.70"))
        #expect(mapped.expectedTotal == orderDecimal("119.46"))
        #expect(mapped.mappedTotal == orderDecimal("119.46"))

        order.lines[0].taxes = [OrderAmount(shop: orderDecimal("7.20"), presentment: nil)]
        #expect(throws: OrderMappingError.self) { try SalesOrderMapper(settings: settings).map(order, input: try OrderFixtures.input()) }
    }

    @Test("a total that does not add up names Shopify's total, the mapped total and the difference")
    func mismatch() throws {
        var order = OrderFixtures.workedExample()
        order.totalPrice = same("136.37")
        do {
            _ = try SalesOrderMapper(settings: OrderFixtures.settings).map(order, input: try OrderFixtures.input())
            Issue.record("a mismatch must throw")
        } catch let error as OrderTotalMismatch {
            #expect(error.code == "total_mismatch")
            #expect(error.failureClass == .permanent)
            #expect(error.message == "order #1001: Shopify total 136.37 USD less gift card 50.00 USD = 86.37 USD, mapped sales order total 86.36 USD, difference 0.01 USD")
            guard case .dead(let code, let reason) = JobOutcome.failed(error) else {
                Issue.record("a mismatch must be dead")
                return
            }
            #expect(code == "total_mismatch" && reason.contains("136.37 USD"))
        }
    }

    @Test("a difference within the tolerance goes to the variance item, with a note")
    func toleranceVariance() throws {
        var settings = OrderFixtures.settings
        settings.totalTolerance = orderDecimal("0.05")
        settings.varianceItemID = "909"
        var order = OrderFixtures.workedExample()
        order.totalPrice = same("136.33")
        let mapped = try SalesOrderMapper(settings: settings).map(order, input: try OrderFixtures.input())
        #expect(mapped.variance == orderDecimal("-0.03"))
        #expect(LineSummary(try #require(mapped.record.lines.last)) == LineSummary("909", 1, "-0.03"))
        #expect(mapped.mappedTotal == orderDecimal("86.33"))
        #expect(mapped.notes.contains { $0.contains("-0.03 USD") && $0.contains("909") })

        order.totalPrice = same("136.42")
        #expect(throws: OrderTotalMismatch.self) { try SalesOrderMapper(settings: settings).map(order, input: try OrderFixtures.input()) }
    }

    @Test("shipping is net of its own discounts and takes the mapped ship method")
    func shippingDiscountAndMethod() throws {
        var settings = OrderFixtures.settings
        settings.shippingMethods = ["STD": "501", "Express": "502"]
        var order = OrderFixtures.workedExample()
        order.shippingLines[0].discountAllocations = [same("4.00")]
        order.totalPrice = same("132.36")
        let mapped = try SalesOrderMapper(settings: settings).map(order, input: try OrderFixtures.input())
        #expect(mapped.record.shippingCost == orderDecimal("6.00"))
        #expect(mapped.record.extraFields["shipMethod"] == .reference("501"))
        #expect(mapped.mappedTotal == orderDecimal("82.36"))
    }

    @Test("a gift card sold is a line on the gift-card item, whatever its SKU")
    func giftCardSold() throws {
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        order.lines.append(.init(id: 3, sku: "GIFT-25", title: "Gift card", quantity: 2, unitPrice: same("25.00"),
                                 discountAllocations: [], taxes: [], isGiftCard: true))
        order.totalPrice = same("186.36")
        let mapper = SalesOrderMapper(settings: OrderFixtures.settings)
        let mapped = try mapper.map(order, input: try OrderFixtures.input())
        #expect(mapped.record.lines.map(LineSummary.init) == [
            LineSummary("11", 2, "100.00"), LineSummary("901", 1, "-10.00"), LineSummary("12", 1, "30.00"), LineSummary("901", 1, "-3.00"),
            LineSummary("903", 2, "50.00"), LineSummary("902", 1, "9.36"),
        ])
        #expect(!mapper.requiredSKUs(of: order).contains("GIFT-25"))
        #expect(mapped.mappedTotal == orderDecimal("186.36"))
    }

    @Test("a SKU without an item or a line without a SKU is refused, naming it")
    func unknownSKU() throws {
        var order = OrderFixtures.workedExample()
        #expect(throws: UnknownSKUError(skus: ["GADGET"])) {
            try SalesOrderMapper(settings: OrderFixtures.settings).map(order, input: try OrderFixtures.input(itemIDs: ["WIDGET": "11"]))
        }
        order.lines[1].sku = nil
        #expect(throws: OrderMappingError.self) {
            try SalesOrderMapper(settings: OrderFixtures.settings).map(order, input: try OrderFixtures.input())
        }
    }
}
