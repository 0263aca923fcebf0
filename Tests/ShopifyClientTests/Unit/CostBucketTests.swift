import Foundation
import PluginKit
import Testing
@testable import Shopify

@Suite("Cost bucket model")
struct CostBucketTests {
    private func cost(requested: Double, available: Double, maximum: Double = 2000, rate: Double = 100) -> ShopifyQueryCost {
        ShopifyQueryCost(
            requestedQueryCost: requested, actualQueryCost: requested,
            throttleStatus: ShopifyThrottleStatus(maximumAvailable: maximum, currentlyAvailable: available, restoreRate: rate))
    }

    @Test func coldBucketNeverWaits() {
        let bucket = ShopifyCostBucket(clock: ManualClock())
        let reservation = bucket.reserve(costKey: "q", estimatedCost: 5000)
        #expect(reservation.delay == .zero)
        #expect(bucket.snapshot() == nil)
    }

    @Test func waitsForTheDeficitAtTheRestoreRate() {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let first = bucket.reserve(costKey: "q", estimatedCost: 100)
        bucket.record(cost(requested: 100, available: 50), for: first)
        // 50 available, 100 wanted, 100 points/s: half a second.
        #expect(bucket.reserve(costKey: "q", estimatedCost: 1).delay == .milliseconds(500))
    }

    @Test func restoresOverElapsedTimeAndCapsAtTheMaximum() {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let first = bucket.reserve(costKey: "q", estimatedCost: 100)
        bucket.record(cost(requested: 100, available: 0), for: first)
        clock.advance(by: 1)
        #expect(bucket.reserve(costKey: "q", estimatedCost: 100).delay == .zero)   // 100 restored
        clock.advance(by: 3600)
        let snapshot = bucket.snapshot()
        #expect(snapshot?.currentlyAvailable == 2000)
    }

    @Test func concurrentReservationsQueueBehindEachOther() {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let first = bucket.reserve(costKey: "q", estimatedCost: 200)
        bucket.record(cost(requested: 200, available: 200), for: first)
        let a = bucket.reserve(costKey: "q", estimatedCost: 0)   // learned: 200, level 200 -> 0
        let b = bucket.reserve(costKey: "q", estimatedCost: 0)   // level 0 -> -200: 2 s
        let c = bucket.reserve(costKey: "q", estimatedCost: 0)   // level -200 -> -400: 4 s
        #expect(a.delay == .zero)
        #expect(b.delay == .seconds(2))
        #expect(c.delay == .seconds(4))
    }

    @Test func answerKeepsInFlightReservationsDeducted() {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let warmup = bucket.reserve(costKey: "q", estimatedCost: 100)
        bucket.record(cost(requested: 100, available: 1000), for: warmup)
        let inFlight = bucket.reserve(costKey: "q", estimatedCost: 100)
        let answered = bucket.reserve(costKey: "q", estimatedCost: 100)
        // The server saw only `answered`: 900 left; `inFlight` is still to be charged.
        bucket.record(cost(requested: 100, available: 900), for: answered)
        #expect(bucket.snapshot()?.currentlyAvailable == 800)
        bucket.record(cost(requested: 100, available: 800), for: inFlight)
        #expect(bucket.snapshot()?.currentlyAvailable == 800)
    }

    @Test func learnsTheRequestedCostPerOperation() {
        let bucket = ShopifyCostBucket(clock: ManualClock())
        #expect(bucket.expectedCost(costKey: "orders/25", estimatedCost: 300) == 300)
        let reservation = bucket.reserve(costKey: "orders/25", estimatedCost: 300)
        bucket.record(cost(requested: 152, available: 1848), for: reservation)
        #expect(bucket.expectedCost(costKey: "orders/25", estimatedCost: 300) == 152)
        #expect(bucket.expectedCost(costKey: "shop", estimatedCost: 2) == 2)
    }

    @Test func acquireSleepsOnTheInjectedClock() async throws {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let first = bucket.reserve(costKey: "q", estimatedCost: 10)
        bucket.record(cost(requested: 400, available: 100, rate: 50), for: first)
        let start = clock.now
        let reservation = try await bucket.acquire(costKey: "q", estimatedCost: 1)
        // 300 missing at 50 points/s: 6 seconds, waited on the injected clock.
        #expect(reservation.delay == .seconds(6))
        #expect(clock.sleeps == [.seconds(6)])
        #expect(clock.now.timeIntervalSince(start) == 6)
    }

    @Test func snapshotRoundTripsIntoASeededBucket() throws {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let first = bucket.reserve(costKey: "q", estimatedCost: 10)
        bucket.record(cost(requested: 10, available: 500, maximum: 20000, rate: 1000), for: first)
        let snapshot = try #require(bucket.snapshot())
        #expect(snapshot.maximumAvailable == 20000)
        #expect(snapshot.restoreRate == 1000)
        #expect(snapshot.currentlyAvailable == 500)

        // A restarted host seeds a new bucket; two seconds later 2,000 points were restored.
        clock.advance(by: 2)
        let seeded = ShopifyCostBucket(clock: clock, seed: snapshot)
        #expect(seeded.snapshot()?.currentlyAvailable == 2500)
        #expect(seeded.reserve(costKey: "big", estimatedCost: 3000).delay == .milliseconds(500))
    }

    @Test func releaseGivesBackAnUnansweredReservation() {
        let clock = ManualClock()
        let bucket = ShopifyCostBucket(clock: clock)
        let first = bucket.reserve(costKey: "q", estimatedCost: 10)
        bucket.record(cost(requested: 10, available: 300), for: first)
        let lost = bucket.reserve(costKey: "big", estimatedCost: 300)
        #expect(bucket.snapshot()?.currentlyAvailable == 0)
        bucket.release(lost)
        #expect(bucket.snapshot()?.currentlyAvailable == 300)
    }

    @Test func throttledAnswerDelayComesFromDeficitAndRestoreRate() {
        let throttled = ShopifyQueryCost(
            requestedQueryCost: 502, actualQueryCost: nil,
            throttleStatus: ShopifyThrottleStatus(maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100))
        #expect(throttled.delayUntilAffordable == .seconds(5))
        let error = ShopifyError.throttled(cost: throttled)
        #expect(error.failureClass == .rateLimited(retryAfter: .seconds(5)))
        #expect(error.code == "shopify_throttled")
    }
}
