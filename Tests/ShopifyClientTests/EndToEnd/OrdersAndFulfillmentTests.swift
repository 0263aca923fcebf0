import Foundation
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: orders and fulfillment")
struct OrdersAndFulfillmentTests {
    @Test func paginatesOrdersUpdatedSinceATime() async throws {
        try await withSandboxShop { shop in
            // One order before the cut-off, seven after it, recorded out of order.
            _ = try await shop.sandbox.recordEvent(shop: shop.domain, topic: "orders/create",
                payload: OrderDocuments.order(id: 5000, number: 1000, updatedAt: "2026-01-01T08:00:00Z"))
            for minute in [7, 3, 5, 1, 6, 2, 4] {
                _ = try await shop.sandbox.recordEvent(shop: shop.domain, topic: "orders/create",
                    payload: OrderDocuments.order(id: 5000 + Int64(minute), number: 1000 + minute, updatedAt: "2026-01-01T10:0\(minute):00Z"))
            }
            let since = try #require(ISO8601DateFormatter().date(from: "2026-01-01T10:00:00Z"))
            let client = shop.client()

            let first = try await client.ordersUpdated(since: since, pageSize: 3)
            #expect(first.nodes.map(\.legacyResourceId) == ["5001", "5002", "5003"])
            #expect(first.pageInfo.hasNextPage)
            let second = try await client.ordersUpdated(since: since, after: first.pageInfo.endCursor, pageSize: 3)
            #expect(second.nodes.map(\.legacyResourceId) == ["5004", "5005", "5006"])

            let all = try await client.allOrdersUpdated(since: since, pageSize: 3)
            #expect(!all.truncated)
            #expect(all.orders.map(\.name) == (1...7).map { "#\(1000 + $0)" })
            #expect(all.orders.first?.totalPriceSet.shopMoney == (try Money("10.00", currency: "USD")))

            let capped = try await client.allOrdersUpdated(since: since, pageSize: 3, maximumPages: 2)
            #expect(capped.truncated)
            #expect(capped.orders.count == 6)
        }
    }

    @Test func fulfillsAnOrderWithTracking() async throws {
        try await withSandboxShop { shop in
            let warehouse = try await shop.sandbox.addLocation(shop: shop.domain, name: "Warehouse")
            let product = try await shop.sandbox.addProduct(shop: shop.domain, title: "Lamp", variants: [
                SandboxVariantSeed(sku: "LAMP", price: "10.00", inventory: [warehouse.id: 5]),
            ])
            let variant = try #require(product.variants.first)
            _ = try await shop.sandbox.recordEvent(shop: shop.domain, topic: "orders/create",
                payload: OrderDocuments.order(id: 7001, number: 1001, updatedAt: "2026-01-02T10:00:00Z",
                                              lines: [(variant.id, "LAMP", 2)]))
            let client = shop.client()

            let fulfillmentOrders = try await client.fulfillmentOrders(orderID: ShopifyGID.make("Order", 7001))
            let fulfillmentOrder = try #require(fulfillmentOrders.first)
            let line = try #require(fulfillmentOrder.lineItems.first)
            #expect(line.sku == "LAMP")
            #expect(line.remainingQuantity == 2)

            let fulfillment = try await client.createFulfillment(
                fulfillmentOrderID: fulfillmentOrder.id,
                lines: [ShopifyFulfillmentLine(id: line.id, quantity: 2)],
                tracking: ShopifyTracking(company: "UPS", number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784"))
            #expect(fulfillment.trackingInfo.first?.number == "1Z999AA10123456784")
            #expect(fulfillment.trackingInfo.first?.company == "UPS")

            let after = try await client.fulfillmentOrders(orderID: ShopifyGID.make("Order", 7001))
            #expect(after.first?.lineItems.first?.remainingQuantity == 0)

            // Fulfilling again is refused by Shopify: nothing is left to ship.
            let error = try await #require(throws: ShopifyError.self) {
                try await client.createFulfillment(
                    fulfillmentOrderID: fulfillmentOrder.id, lines: [ShopifyFulfillmentLine(id: line.id, quantity: 1)], tracking: nil)
            }
            #expect(error.failureClass == .permanent)
        }
    }

    @Test func anUnknownOrderIsPermanent() async throws {
        try await withSandboxShop { shop in
            let error = try await #require(throws: ShopifyError.self) {
                try await shop.client().fulfillmentOrders(orderID: ShopifyGID.make("Order", 424242))
            }
            #expect(error.code == "shopify_order_not_found")
        }
    }
}
