import Foundation
import Testing
@testable import ShopifySimulator

@Suite("Discount allocations")
struct DiscountAllocationTests {
    /// Recomputes each discount application's amount from the document and checks the
    /// allocations add up to it exactly, in both currencies.
    @Test("allocations sum exactly to each discount, for many seeds", arguments: Array(UInt64(100)...124))
    func allocationsSumToTheDiscount(seed: UInt64) throws {
        let (_, chains) = TestTraffic.played(seed: seed, orders: 20, configure: TestTraffic.busy)
        for event in chains.flatMap(\.events) where event.topic == "orders/create" {
            let order = try DocumentReader(data: event.payload)
            let applications = try order.children("discount_applications")
            let lines = try order.children("line_items")
            let shipping = try order.children("shipping_lines")
            for side in [true, false] {
                func pick(_ set: (shop: Decimal, presentment: Decimal, shopCurrency: String, presentmentCurrency: String)) -> Decimal {
                    side ? set.shop : set.presentment
                }
                // What is left of each line before application `index`, as the pricer sees it.
                var remaining = try lines.map { pick(try $0.moneySet("price_set")) * Decimal(try $0.int64("quantity")) }
                var shippingRemaining = try pick(#require(shipping.first).moneySet("price_set"))
                for (index, application) in applications.enumerated() {
                    func allocated(_ reader: DocumentReader) throws -> Decimal {
                        try reader.children("discount_allocations")
                            .filter { try $0.int64("discount_application_index") == Int64(index) }
                            .reduce(Decimal(0)) { $0 + pick(try $1.moneySet("amount_set")) }
                    }
                    let perLine = try lines.map(allocated)
                    let onShipping = try allocated(try #require(shipping.first))
                    let valueType = try application.string("value_type")
                    let target = try application.string("target_type"), selection = try application.string("target_selection")
                    if target == "shipping_line" {
                        #expect(perLine.allSatisfy { $0 == 0 })
                        if valueType == "percentage" {
                            let value = try #require(Decimal(string: try application.string("value")))
                            #expect(onShipping == DocumentReader.rounded(shippingRemaining * value / 100))
                        }
                        shippingRemaining -= onShipping
                    } else {
                        #expect(onShipping == 0)
                        if valueType == "percentage" {
                            let value = try #require(Decimal(string: try application.string("value")))
                            let base = selection == "all"
                                ? remaining.reduce(0, +)
                                : try #require(zip(remaining, perLine).first { $0.1 > 0 }).0
                            #expect(perLine.reduce(0, +) == DocumentReader.rounded(base * value / 100),
                                    "allocations of a percentage do not sum to the discount")
                        }
                        if valueType == "fixed_amount", side {
                            let value = try application.money("value")
                            #expect(perLine.reduce(0, +) == min(value, remaining.reduce(0, +)))
                        }
                        if selection == "entitled" { #expect(perLine.filter { $0 > 0 }.count == 1) }
                        remaining = zip(remaining, perLine).map { $0 - $1 }
                    }
                    if side, let code = application["code"] as? String {
                        let listed = try #require(try order.children("discount_codes").first { try $0.string("code") == code })
                        #expect(try listed.money("amount") == perLine.reduce(0, +) + onShipping)
                    }
                }
            }
        }
    }
}
