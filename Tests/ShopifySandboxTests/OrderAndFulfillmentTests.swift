import Foundation
import ShopifySandbox
import Testing

@Suite("Orders and fulfillments")
struct OrderAndFulfillmentTests {
    @Test func ordersPageByUpdatedAt() async throws {
        try await withSandbox { harness in
            for day in 1...5 {
                try await harness.sandbox.recordEvent(
                    shop: harness.shop.domain, topic: "orders/create",
                    payload: restOrder(id: Int64(100 + day), updatedAt: "2026-01-0\(day)T12:00:00-05:00"))
            }
            // An update moves order 101 to the end of the UPDATED_AT order.
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/updated", payload: restOrder(id: 101, updatedAt: "2026-01-09T00:00:00Z"))

            let query = """
                query($cursor: String) {
                  orders(first: 2, after: $cursor, sortKey: UPDATED_AT, query: "updated_at:>'2026-01-02T18:00:00Z'") {
                    edges { cursor node { id legacyResourceId updatedAt } }
                    pageInfo { hasNextPage endCursor }
                  }
                }
                """
            var seen: [String] = []
            var cursor: String?
            for _ in 0..<5 {
                let page = try await harness.graphQL(query, variables: cursor.map { ["cursor": $0] } ?? [:])
                let edges = value(page, "data", "orders", "edges") as? [[String: Any]] ?? []
                seen += edges.compactMap { value($0, "node", "legacyResourceId") as? String }
                guard value(page, "data", "orders", "pageInfo", "hasNextPage") as? Bool == true else { break }
                cursor = value(page, "data", "orders", "pageInfo", "endCursor") as? String
            }
            #expect(seen == ["103", "104", "105", "101"])

            let single = try await harness.graphQL(#"{ order(id: "gid://shopify/Order/103") { name totalPriceSet { shopMoney { amount currencyCode } } } }"#)
            #expect(value(single, "data", "order", "totalPriceSet", "shopMoney", "amount") as? String == "20.00")
            #expect(value(single, "data", "order", "totalPriceSet", "shopMoney", "currencyCode") as? String == "USD")
        }
    }

    @Test func cancellationSetsCancelledAt() async throws {
        try await withSandbox { harness in
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 7, updatedAt: "2026-01-01T00:00:00Z"))
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/cancelled", payload: restOrder(id: 7, updatedAt: "2026-01-02T00:00:00Z"))
            let answer = try await harness.graphQL(#"{ order(id: "gid://shopify/Order/7") { cancelledAt } }"#)
            #expect(value(answer, "data", "order", "cancelledAt") as? String == "2026-01-02T00:00:00Z")
        }
    }

    @Test func recordEventRefusesAPayloadWithoutID() async throws {
        try await withSandbox { harness in
            await #expect(throws: ShopifySandboxError.self) {
                try await harness.sandbox.recordEvent(shop: harness.shop.domain, topic: "orders/create", payload: Data("{\"name\":\"#1\"}".utf8))
            }
            await #expect(throws: ShopifySandboxError.self) {
                try await harness.sandbox.recordEvent(shop: harness.shop.domain, topic: "orders/create", payload: Data("not json".utf8))
            }
        }
    }

    @Test func fulfillmentCreateClosesTheFulfillmentOrder() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Warehouse")
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Lamp", variants: [SandboxVariantSeed(sku: "LAMP", price: "30.00", inventory: [location.id: 5])])
            let variant = try #require(product.variants.first)
            try await harness.sandbox.recordEvent(
                shop: domain, topic: "orders/create",
                payload: restOrder(id: 55, updatedAt: "2026-01-01T00:00:00Z", lines: [(id: 1, variantID: variant.id, sku: "LAMP", quantity: 2)]))
            #expect(try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)?.available == 3)

            let orders = try await harness.graphQL("""
                { order(id: "gid://shopify/Order/55") { fulfillmentOrders(first: 5) { nodes { id status
                    lineItems(first: 5) { nodes { id remainingQuantity } } } } } }
                """)
            let fulfillmentOrderID = try #require(value(orders, "data", "order", "fulfillmentOrders", "nodes", "0", "id") as? String)
            let lineID = try #require(value(orders, "data", "order", "fulfillmentOrders", "nodes", "0", "lineItems", "nodes", "0", "id") as? String)

            let mutation = """
                mutation($fulfillment: FulfillmentInput!) {
                  fulfillmentCreate(fulfillment: $fulfillment) {
                    fulfillment { id status trackingInfo { company number url } }
                    userErrors { field message }
                  }
                }
                """
            func input(quantity: Int, fulfillmentOrder: String = fulfillmentOrderID) -> [String: Any] {
                ["fulfillment": [
                    "lineItemsByFulfillmentOrder": [["fulfillmentOrderId": fulfillmentOrder,
                        "fulfillmentOrderLineItems": [["id": lineID, "quantity": quantity]]]],
                    "trackingInfo": ["company": "UPS", "number": "1Z999", "url": "https://ups.example/1Z999"],
                ]]
            }
            let over = try await harness.graphQL(mutation, variables: input(quantity: 3))
            #expect((value(over, "data", "fulfillmentCreate", "userErrors") as? [Any])?.count == 1)
            let unknown = try await harness.graphQL(mutation, variables: input(quantity: 1, fulfillmentOrder: "gid://shopify/FulfillmentOrder/1"))
            #expect((value(unknown, "data", "fulfillmentCreate", "userErrors") as? [Any])?.count == 1)

            let created = try await harness.graphQL(mutation, variables: input(quantity: 2))
            #expect((value(created, "data", "fulfillmentCreate", "userErrors") as? [Any])?.isEmpty == true)
            #expect(value(created, "data", "fulfillmentCreate", "fulfillment", "status") as? String == "SUCCESS")
            #expect(value(created, "data", "fulfillmentCreate", "fulfillment", "trackingInfo", "0", "number") as? String == "1Z999")

            let after = try await harness.graphQL("""
                { order(id: "gid://shopify/Order/55") { displayFulfillmentStatus fulfillments { trackingInfo { company } }
                    fulfillmentOrders(first: 5) { nodes { status } } } }
                """)
            #expect(value(after, "data", "order", "displayFulfillmentStatus") as? String == "FULFILLED")
            #expect(value(after, "data", "order", "fulfillmentOrders", "nodes", "0", "status") as? String == "CLOSED")
            #expect(value(after, "data", "order", "fulfillments", "0", "trackingInfo", "0", "company") as? String == "UPS")
            let level = try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)
            #expect(level?.available == 3)
            #expect(level?.onHand == 3)
        }
    }

    @Test func fulfillmentCreateRefusesFulfillmentOrdersAtDifferentLocations() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let east = try await harness.sandbox.addLocation(shop: domain, name: "East")
            let west = try await harness.sandbox.addLocation(shop: domain, name: "West")
            let lamp = try #require(try await harness.sandbox.addProduct(
                shop: domain, title: "Lamp", variants: [SandboxVariantSeed(sku: "LAMP", price: "30.00", inventory: [east.id: 5])]).variants.first)
            let desk = try #require(try await harness.sandbox.addProduct(
                shop: domain, title: "Desk", variants: [SandboxVariantSeed(sku: "DESK", price: "90.00", inventory: [west.id: 5])]).variants.first)
            try await harness.sandbox.recordEvent(
                shop: domain, topic: "orders/create",
                payload: restOrder(id: 56, updatedAt: "2026-01-01T00:00:00Z", lines: [
                    (id: 1, variantID: lamp.id, sku: "LAMP", quantity: 1), (id: 2, variantID: desk.id, sku: "DESK", quantity: 1),
                ]))
            let orders = try await harness.graphQL(#"{ order(id: "gid://shopify/Order/56") { fulfillmentOrders(first: 5) { nodes { id } } } }"#)
            let ids = (value(orders, "data", "order", "fulfillmentOrders", "nodes") as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            try #require(ids.count == 2)

            let answer = try await harness.graphQL(
                """
                mutation($fulfillment: FulfillmentInput!) {
                  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } }
                }
                """,
                variables: ["fulfillment": ["lineItemsByFulfillmentOrder": ids.map { ["fulfillmentOrderId": $0] }]])
            #expect((value(answer, "data", "fulfillmentCreate", "userErrors") as? [Any])?.count == 1)
            #expect(value(answer, "data", "fulfillmentCreate", "userErrors", "0", "field", "2") as? String == "1")
            #expect(value(answer, "data", "fulfillmentCreate", "fulfillment") is NSNull)
            let after = try await harness.graphQL(#"{ order(id: "gid://shopify/Order/56") { fulfillmentOrders(first: 5) { nodes { status } } } }"#)
            let statuses = (value(after, "data", "order", "fulfillmentOrders", "nodes") as? [[String: Any]])?.compactMap { $0["status"] as? String }
            #expect(statuses == ["OPEN", "OPEN"])
        }
    }
}
