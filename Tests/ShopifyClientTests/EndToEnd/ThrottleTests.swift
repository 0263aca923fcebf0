import Foundation
import InMemoryLogging
import Logging
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: the cost bucket against the sandbox's throttle")
struct ThrottleTests {
    /// 21 points per request (10 variants with a product object each): cheap to serve, so the
    /// client's demand outruns the bucket's restore rate by a wide margin.
    struct VariantPage: ShopifyOperation {
        static let name = "variantPage"
        let document = "query variantPage { productVariants(first: 10) { nodes { id product { id } } } }"
        let variables = ShopifyNoVariables()
        let estimatedCost: Double = 20
        struct Result: Decodable, Sendable {}
    }

    /// About 750 points: a page of 250 variants with two nested objects each.
    struct HeavyPage: ShopifyOperation {
        static let name = "heavyPage"
        let document = "query heavyPage { productVariants(first: 250) { nodes { id product { id } inventoryItem { id } } } }"
        let variables = ShopifyNoVariables()
        let estimatedCost: Double = 750
        struct Result: Decodable, Sendable {}
    }

    @Test func aWarmClientIsNeverThrottledUnderSustainedLoad() async throws {
        // Standard plan (2,000 points, 100/s) at 3x: 200 requests of 21 points spend the bucket
        // twice over; demand outruns the 300 points a real second restores even on a busy
        // machine, so after the first 2,000 points the client has to pace itself (about seven seconds).
        try await withSandboxShop(plan: .standard, timeScale: 3) { shop in
            try await shop.seedVariants(count: 250)
            let client = shop.client()
            _ = try await client.executeWithCost(VariantPage())   // warm-up: the client learns the bucket
            let before = await shop.sandbox.stats(shop: shop.domain)

            let started = ContinuousClock.now
            let costs = try await withThrowingTaskGroup(of: [ShopifyQueryCost].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var costs: [ShopifyQueryCost] = []
                        for _ in 0..<50 {
                            costs.append(try #require(try await client.executeWithCost(VariantPage()).cost))
                        }
                        return costs
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let after = await shop.sandbox.stats(shop: shop.domain)
            #expect(after.throttledResponses == before.throttledResponses)
            #expect(after.throttledResponses == 0)
            #expect(after.requestsServed - before.requestsServed == 200)
            // The load really pressed on the bucket: far more than its size was spent.
            #expect(costs.count == 200)
            #expect(costs.map(\.requestedQueryCost).reduce(0, +) > 2 * 2000)
            #expect(costs.map(\.throttleStatus.currentlyAvailable).min() ?? .infinity < 1000)
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test func aThrottledAnswerIsRetriedAfterTheDeficitOverTheRestoreRate() async throws {
        // A slow clock (2x) so the bucket cannot refill while the second client starts.
        try await withSandboxShop(plan: .standard, timeScale: 2) { shop in
            // A well-behaved client drains the shop's bucket, while a second client trusts a
            // stale snapshot that says the bucket is full.
            try await drainBucket(shop)
            let clock = RecordingClock(timeScale: 2)
            let stale = ShopifyCostBucket(clock: clock, seed: ShopifyCostBucketSnapshot(
                maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100, observedAt: clock.now))
            let (logger, handler) = capturingLogger()
            let answer = try await shop.client(bucket: stale, logger: logger).executeWithCost(HeavyPage())
            #expect(answer.cost != nil)

            let stats = await shop.sandbox.stats(shop: shop.domain)
            #expect(stats.throttledResponses == 1)
            let throttled = try #require(handler.entries.first { "\($0.message)" == "shopify throttled the request" })
            let requested = try #require(throttled.metadata["shopify.cost.requested"].flatMap { Double("\($0)") })
            let left = try #require(throttled.metadata["shopify.bucket.available"].flatMap { Double("\($0)") })
            let expected = (requested - left) / 100
            let waited = try #require(clock.sleeps.first)
            #expect(clock.sleeps.count == 1)
            // The wait is the deficit over the restore rate, less what the bucket restored
            // between the answer and the retry (a few real milliseconds).
            #expect(waited.inSeconds <= expected + 0.001)
            #expect(waited.inSeconds > expected - 0.5)
        }
    }
}

extension ThrottleTests {
    /// 251 points: 125 variants with a product object each.
    struct MediumPage: ShopifyOperation {
        static let name = "mediumPage"
        let document = "query mediumPage { productVariants(first: 125) { nodes { id product { id } } } }"
        let variables = ShopifyNoVariables()
        let estimatedCost: Double = 251
        struct Result: Decodable, Sendable {}
    }

    /// A well-behaved client spends the shop's bucket far below one heavy page (751 points),
    /// so that a heavy page sent right after is refused even if seconds pass in between.
    func drainBucket(_ shop: SandboxShop) async throws {
        try await shop.seedVariants(count: 250)
        let drainer = shop.client()
        var available = Double.infinity
        for _ in 0..<20 where available >= 300 {
            available = try #require(try await drainer.executeWithCost(MediumPage()).cost).throttleStatus.currentlyAvailable
        }
        #expect(available < 300)
    }

    @Test func throttlingBeyondTheRetryBoundIsRateLimitedWithTheComputedDelay() async throws {
        try await withSandboxShop(plan: .standard, timeScale: 2) { shop in
            try await drainBucket(shop)
            let clock = RecordingClock(timeScale: 2)
            let stale = ShopifyCostBucket(clock: clock, seed: ShopifyCostBucketSnapshot(
                maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100, observedAt: clock.now))
            let client = shop.client(bucket: stale, configuration: .init(maximumThrottleRetries: 0))
            let error = try await #require(throws: ShopifyError.self) { try await client.execute(HeavyPage()) }
            #expect(error.code == "shopify_throttled")
            guard case .rateLimited(let retryAfter) = error.failureClass else {
                Issue.record("expected rateLimited, got \(error.failureClass)")
                return
            }
            // At most the whole heavy cost at 100 points per second, and more than nothing.
            #expect(retryAfter > .zero && retryAfter <= .milliseconds(7510))
            #expect(clock.sleeps.isEmpty)
            #expect(await shop.sandbox.stats(shop: shop.domain).throttledResponses == 1)
        }
    }
}

extension Duration {
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
