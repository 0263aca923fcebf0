import Foundation
import ShopifySandbox
import Testing

@Suite("Cost-based throttle")
struct ThrottleTests {
    /// 1 + 10 x (edges 1 + node 1 + lineItems (1 + 40 x 2)) = 831 points, all of them returned
    /// once the shop holds 10 orders of 40 lines (so nothing is refunded).
    static let expensiveQuery = """
        { orders(first: 10) { edges { node { lineItems(first: 40) { edges { node { id } } } } } } }
        """

    static func seedOrders(_ harness: SandboxHarness) async throws {
        for order in 1...10 {
            let lines = (1...40).map { (id: Int64(order * 100 + $0), variantID: Int64(9_999_999), sku: "SKU-\($0)", quantity: 1) }
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create",
                payload: restOrder(id: Int64(order), updatedAt: "2026-01-0\(order % 9 + 1)T10:00:00Z", lines: lines))
        }
    }

    @Test func everyAnswerCarriesTheCost() async throws {
        try await withSandbox { harness in
            let answer = try await harness.graphQL("{ orders(first: 10) { edges { node { id name } } pageInfo { hasNextPage } } }")
            // 1 (connection) + 10 x (edges 1 + node 1) + pageInfo 1
            #expect(value(answer, "extensions", "cost", "requestedQueryCost") as? Int == 22)
            // No orders: the connection and pageInfo are all that was returned.
            #expect(value(answer, "extensions", "cost", "actualQueryCost") as? Int == 2)
            #expect(value(answer, "extensions", "cost", "throttleStatus", "maximumAvailable") as? Double == 2000)
            #expect(value(answer, "extensions", "cost", "throttleStatus", "restoreRate") as? Double == 100)
            let available = value(answer, "extensions", "cost", "throttleStatus", "currentlyAvailable") as? Int ?? 0
            #expect(available >= 1990 && available <= 2000)
        }
    }

    @Test func drainedBucketThrottlesThenRecovers() async throws {
        // Sandbox time runs at a quarter of real time: 25 points come back per real second, so the
        // third query is throttled unless the first two took over 19 s, even on a loaded machine.
        try await withSandbox(configuration: .init(timeScale: 0.25)) { harness in
            try await Self.seedOrders(harness)
            let first = try await harness.graphQL(Self.expensiveQuery)
            #expect(value(first, "extensions", "cost", "requestedQueryCost") as? Int == 831)
            #expect(value(first, "extensions", "cost", "actualQueryCost") as? Int == 831)
            #expect(first["errors"] == nil)
            _ = try await harness.graphQL(Self.expensiveQuery)
            let throttled = try await harness.graphQL(Self.expensiveQuery)
            #expect(errorMessages(throttled) == ["Throttled"])
            #expect(value(throttled, "errors", "0", "extensions", "code") as? String == "THROTTLED")
            #expect(value(throttled, "extensions", "cost", "actualQueryCost") is NSNull)
            #expect(value(throttled, "data") == nil)
            #expect(await harness.sandbox.stats(shop: harness.shop.domain).throttledResponses == 1)

            // Recovery: a refused query takes nothing, so the points it reports can only grow.
            let drained = try #require(Self.currentlyAvailable(throttled))
            var latest = drained
            for _ in 0..<25 where latest <= drained {
                try await Task.sleep(for: .milliseconds(200))
                latest = try #require(Self.currentlyAvailable(try await harness.graphQL(Self.expensiveQuery)))
            }
            #expect(latest > drained)
        }
    }

    static func currentlyAvailable(_ answer: [String: Any]) -> Double? {
        (value(answer, "extensions", "cost", "throttleStatus", "currentlyAvailable") as? NSNumber)?.doubleValue
    }

    @Test func variableDefaultsSetThePageSize() async throws {
        try await withSandbox { harness in
            let query = "query($n: Int = 10) { orders(first: $n) { edges { node { id name } } pageInfo { hasNextPage } } }"
            let defaulted = try await harness.graphQL(query)
            #expect(errorMessages(defaulted).isEmpty)
            // Costed as first: 10 (same document as everyAnswerCarriesTheCost).
            #expect(value(defaulted, "extensions", "cost", "requestedQueryCost") as? Int == 22)
            let given = try await harness.graphQL(query, variables: ["n": 3])
            #expect(value(given, "extensions", "cost", "requestedQueryCost") as? Int == 8)
            let undeclared = try await harness.graphQL("query($n: Int) { orders(first: $n) { edges { node { id } } } }")
            #expect(!errorMessages(undeclared).isEmpty)
        }
    }

    @Test func refusesAQueryOverTheSingleQueryLimit() async throws {
        try await withSandbox { harness in
            // 1 + 250 x (edges 1 + node 1 + lineItems (1 + 2 x 1)) = 1251
            let answer = try await harness.graphQL("{ orders(first: 250) { edges { node { id lineItems(first: 2) { nodes { id } } } } } }")
            #expect(value(answer, "errors", "0", "extensions", "code") as? String == "MAX_COST_EXCEEDED")
            #expect(value(answer, "extensions", "cost", "requestedQueryCost") as? Int == 1251)
            #expect(value(answer, "data") == nil)
        }
    }

    @Test func refusesInputArraysOver250Items() async throws {
        try await withSandbox { harness in
            let quantities = (0..<251).map { index -> [String: Any] in
                ["inventoryItemId": "gid://shopify/InventoryItem/\(index + 1)", "locationId": "gid://shopify/Location/1",
                 "quantity": 1, "changeFromQuantity": 0]
            }
            let answer = try await harness.graphQL(
                "mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }",
                variables: ["input": ["name": "available", "reason": "correction", "quantities": quantities]])
            #expect(errorMessages(answer).first?.contains("greater than the maximum allowed of 250") == true)
        }
    }
}
