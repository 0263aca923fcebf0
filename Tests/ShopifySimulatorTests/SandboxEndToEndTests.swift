import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ShopifySandbox
import ShopifySimulator
import Testing

@Suite("Playing traffic into the Shopify sandbox")
struct SandboxEndToEndTests {
    /// POSTs a GraphQL query to the shop's Admin endpoint and returns `data`, waiting out
    /// a THROTTLED answer a bounded number of times.
    private func graphQL(_ query: String, variables: [String: Any] = [:], sandbox: ShopifySandbox, credentials: SandboxShopCredentials) async throws -> [String: Any] {
        for _ in 0..<20 {
            var request = HTTPClientRequest(url: sandbox.graphQLURL(shop: credentials.domain).absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Shopify-Access-Token", value: credentials.accessToken)
            let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
            let bytes = try await response.body.collect(upTo: 8 << 20)
            let parsed = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))
            let document = try #require(parsed as? [String: Any])
            if let errors = document["errors"] as? [[String: Any]] {
                let throttled = errors.contains { ($0["extensions"] as? [String: Any])?["code"] as? String == "THROTTLED" }
                try #require(throttled, "GraphQL errors: \(errors)")
                try await Task.sleep(for: .milliseconds(200))
                continue
            }
            return try #require(document["data"] as? [String: Any])
        }
        throw CancellationError()
    }

    private static func decimal(_ money: Any?) throws -> Decimal {
        let amount = try #require((money as? [String: Any])?["amount"] as? String)
        return try #require(Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test("a flash sale's orders and payout can all be read back over GraphQL, to the cent")
    func flashSaleReadsBack() async throws {
        let sandbox = ShopifySandbox()
        try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let credentials = try await sandbox.createShop(domain: "flash-sale.myshopify.com", plan: .plus, currency: "USD")
        var configuration = SimulatorConfiguration(seed: 31)
        configuration.presentmentCurrencyShare = 0.4
        configuration.followUps = FollowUpProbabilities(update: 0.3, cancel: 0.2, partialRefund: 0.3, fulfillment: 0.5)
        let simulator = StoreSimulator(sandbox: sandbox, shop: credentials.domain, configuration: configuration)

        let catalog = try await simulator.seedCatalog()
        #expect(try await sandbox.products(shop: credentials.domain).count == configuration.catalog.products + configuration.catalog.bundles)
        #expect(!catalog.bundleVariants.isEmpty)

        let summary = try await simulator.flashSale(orders: 60, within: .milliseconds(300))
        #expect(summary.ordersCreated.count == 60)
        #expect(Set(summary.ordersCreated).count == 60)
        #expect(summary.expectedTotals.count == 60)
        #expect(summary.transactionIDs.count >= 60, "every order has at least one payment")
        let payouts = try await simulator.settlePayouts()
        #expect(!payouts.isEmpty)

        var found: [Int64: [String: Any]] = [:]
        var cursor: Any = NSNull()
        let query = """
        query Orders($after: String) { orders(first: 25, after: $after) {
          nodes { legacyResourceId name cancelledAt
            refunds(first: 10) { legacyResourceId } fulfillments(first: 10) { legacyResourceId }
            totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } }
          pageInfo { hasNextPage endCursor } } }
        """
        for _ in 0..<10 {
            let data = try await graphQL(query, variables: ["after": cursor], sandbox: sandbox, credentials: credentials)
            let orders = try #require(data["orders"] as? [String: Any])
            for node in try #require(orders["nodes"] as? [[String: Any]]) {
                let legacyID = try #require(node["legacyResourceId"] as? String)
                let id = try #require(Int64(legacyID))
                found[id] = node
            }
            let page = try #require(orders["pageInfo"] as? [String: Any])
            guard page["hasNextPage"] as? Bool == true else { break }
            cursor = try #require(page["endCursor"] as? String)
        }
        #expect(Set(found.keys) == Set(summary.ordersCreated), "every order placed is in the shop, and nothing else")
        var allRefunds: [Int64] = [], allFulfillments: [Int64] = []
        for (id, node) in found {
            let expected = try #require(summary.expectedTotals[id])
            let total = try #require(node["totalPriceSet"] as? [String: Any])
            #expect(try Self.decimal(total["shopMoney"]) == expected.totalPrice.shop)
            #expect(try Self.decimal(total["presentmentMoney"]) == expected.totalPrice.presentment)
            #expect((total["presentmentMoney"] as? [String: Any])?["currencyCode"] as? String == expected.presentmentCurrency)
            #expect(node["name"] as? String == expected.name)
            #expect((node["cancelledAt"] is String) == summary.ordersCancelled.contains(id))
            allRefunds += try #require(node["refunds"] as? [[String: Any]]).compactMap { ($0["legacyResourceId"] as? String).flatMap { Int64($0) } }
            allFulfillments += try #require(node["fulfillments"] as? [[String: Any]]).compactMap { ($0["legacyResourceId"] as? String).flatMap { Int64($0) } }
        }
        #expect(Set(allRefunds) == Set(summary.refundIDs), "every refund is attached to its order")
        #expect(Set(allFulfillments) == Set(summary.fulfillmentIDs), "every fulfillment is attached to its order")
        #expect(!summary.refundIDs.isEmpty && !summary.fulfillmentIDs.isEmpty && !summary.ordersCancelled.isEmpty)

        let payoutData = try await graphQL(
            "{ shopifyPaymentsAccount { payouts(first: 50) { nodes { legacyResourceId net { amount currencyCode } } } } }",
            sandbox: sandbox, credentials: credentials)
        let account = try #require(payoutData["shopifyPaymentsAccount"] as? [String: Any])
        let nodes = try #require((account["payouts"] as? [String: Any])?["nodes"] as? [[String: Any]])
        #expect(nodes.count == payouts.count)
        for payout in payouts {
            let booked = try #require(nodes.first { $0["legacyResourceId"] as? String == String(payout.id) })
            #expect(try Self.decimal(booked["net"]) == payout.amount)
        }
    }

    @Test("run places orders at the chosen rate and records every event")
    func runKeepsTheRate() async throws {
        let sandbox = ShopifySandbox()
        try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let credentials = try await sandbox.createShop(domain: "steady-rate.myshopify.com", currency: "USD")
        let simulator = StoreSimulator(sandbox: sandbox, shop: credentials.domain, configuration: SimulatorConfiguration(seed: 8))
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try await simulator.run(orders: 6, ratePerSecond: 40)
        // Six orders at 40 per second: the last starts 5 x 25 ms after the first.
        #expect(clock.now - started >= .milliseconds(125))
        #expect(summary.ordersCreated.count == 6)
        let total = await simulator.summary
        #expect(total.ordersCreated == summary.ordersCreated)
        await #expect(throws: StoreSimulatorError.self) { try await simulator.run(orders: 1, ratePerSecond: 0) }
    }
}
