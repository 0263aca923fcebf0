import Foundation
import NetSuite
import Orders
import PluginKit
import RecordMapping
import Testing

/// Inputs that must end in a classified error naming the problem, never a trap, and the price
/// level rule on every line that stands for a Shopify line.
@Suite("Sales order mapper: edge inputs")
struct SalesOrderMapperEdgeTests {
    private func mappingError(_ body: () throws -> MappedSalesOrder) -> OrderMappingError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? OrderMappingError
        }
    }

    @Test("an order without lines, or with every quantity at zero, is refused as order_without_lines")
    func noLines() throws {
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        order.lines = []
        order.totalPrice = same("10.00")
        let mapper = SalesOrderMapper(settings: OrderFixtures.settings)
        let input = try OrderFixtures.input()
        let empty = mappingError { try mapper.map(order, input: input) }
        #expect(empty?.code == "order_without_lines")
        #expect(empty?.failureClass == .permanent)
        #expect(empty?.message.contains("#1001") == true)

        order.lines = [.init(id: 1, sku: "WIDGET", title: "Widget", quantity: 0, unitPrice: same("50.00"), discountAllocations: [], taxes: [])]
        #expect(mappingError { try mapper.map(order, input: input) }?.code == "order_without_lines")
    }

    @Test("a bundle quantity whose component units overflow is refused, naming the bundle")
    func bundleQuantityOverflow() throws {
        var settings = OrderFixtures.settings
        settings.bundles = BundleMap(components: ["KIT": [.init(sku: "COMP-A", quantity: Int.max / 2), .init(sku: "COMP-B", quantity: 1)]])
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        order.lines = [.init(id: 1, sku: "KIT", title: "Kit", quantity: 3, unitPrice: same("25.00"), discountAllocations: [], taxes: [])]
        order.shippingLines = []
        order.totalPrice = same("75.00")
        let input = try OrderFixtures.input(itemIDs: ["COMP-A": "21", "COMP-B": "22"])
        let error = mappingError { try SalesOrderMapper(settings: settings).map(order, input: input) }
        #expect(error?.code == "order_quantity_out_of_range")
        #expect(error?.message.contains("KIT") == true)
    }

    @Test("a gift card sold is booked at Shopify's price on the custom price level, like every Shopify line")
    func giftCardLineOnCustomPriceLevel() throws {
        var order = OrderFixtures.workedExample()
        order.giftCardAmount = .zero
        order.lines = [.init(id: 1, sku: "GC-50", title: "Gift card", quantity: 2, unitPrice: same("50.00"),
                             discountAllocations: [], taxes: [], isGiftCard: true)]
        order.shippingLines = []
        order.totalPrice = same("100.00")
        let mapped = try SalesOrderMapper(settings: OrderFixtures.settings).map(order, input: try OrderFixtures.input())
        #expect(mapped.record.lines.map(LineSummary.init) == [LineSummary("903", 2, "100.00")])
        #expect(mapped.record.lines[0].extraFields["price"] == .reference(SalesOrderMapper.customPriceLevelID))
        #expect(mapped.record.lines[0].rate == orderDecimal("50.00"))
    }
}
