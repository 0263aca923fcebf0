import Foundation
import Synchronization

/// A model of one shop's GraphQL cost bucket, as seen by this app.
///
/// It learns the bucket's size, level and restore rate from every answer's
/// `extensions.cost.throttleStatus`, estimates the level between answers (restore over the
/// elapsed time), and makes each request wait until the estimated level covers the
/// request's expected cost, so a warm client is never throttled. Expected costs are learned
/// per operation from `requestedQueryCost`; until then the caller's estimate is used.
///
/// Reservations are taken in order: each caller deducts its cost at once, so concurrent
/// callers queue behind each other instead of all waking at the same instant.
///
/// ```swift
/// let bucket = ShopifyCostBucket(seed: savedSnapshot)
/// let reservation = try await bucket.acquire(costKey: "shop", estimatedCost: 2)
/// // ... send the request ...
/// bucket.record(answer.cost, for: reservation)
/// ```
public final class ShopifyCostBucket: Sendable {
    private struct State {
        /// Unknown (nil) until the first answer or seed: a cold bucket never waits.
        var maximumAvailable: Double?
        /// Level at `observedAt`; negative when reservations run ahead of the level.
        var available: Double = 0
        var restoreRate: Double = 0
        var observedAt: Date = .distantPast
        /// Points reserved by requests whose answer has not come back yet.
        var outstanding: Double = 0
        var learnedCosts: [String: Double] = [:]

        func level(at instant: Date) -> Double? {
            guard let maximumAvailable else { return nil }
            let elapsed = max(0, instant.timeIntervalSince(observedAt))
            return min(maximumAvailable, available + restoreRate * elapsed)
        }
    }

    /// The clock all estimates and waits use.
    public let clock: any ShopifyThrottleClock
    private let state: Mutex<State>

    /// Creates a bucket, cold or seeded from a persisted snapshot.
    public init(clock: any ShopifyThrottleClock = SystemShopifyClock(), seed: ShopifyCostBucketSnapshot? = nil) {
        self.clock = clock
        self.state = Mutex(State())
        if let seed { self.seed(from: seed) }
    }

    /// Replaces what the bucket knows with a persisted snapshot (learned costs are kept).
    public func seed(from snapshot: ShopifyCostBucketSnapshot) {
        state.withLock { state in
            state.maximumAvailable = snapshot.maximumAvailable
            state.available = snapshot.currentlyAvailable
            state.restoreRate = snapshot.restoreRate
            state.observedAt = snapshot.observedAt
        }
    }

    /// What the bucket believes now, for persistence; nil while it has learned nothing.
    public func snapshot() -> ShopifyCostBucketSnapshot? {
        let now = clock.now
        return state.withLock { state in
            guard let maximumAvailable = state.maximumAvailable, let level = state.level(at: now) else { return nil }
            return ShopifyCostBucketSnapshot(
                maximumAvailable: maximumAvailable,
                currentlyAvailable: level,
                restoreRate: state.restoreRate,
                observedAt: now
            )
        }
    }

    /// The expected cost of an operation: the last `requestedQueryCost` seen for `costKey`,
    /// or `estimatedCost` when none has been seen yet.
    public func expectedCost(costKey: String, estimatedCost: Double) -> Double {
        state.withLock { $0.learnedCosts[costKey] ?? estimatedCost }
    }

    /// Reserves the expected cost now and says how long to wait before sending.
    public func reserve(costKey: String, estimatedCost: Double) -> ShopifyCostReservation {
        let now = clock.now
        return state.withLock { state in
            var cost = state.learnedCosts[costKey] ?? estimatedCost
            // A cost above the bucket size can never be covered (Shopify refuses it on its own);
            // capped before it is counted as outstanding, so releasing it gives back exactly as much.
            if let maximumAvailable = state.maximumAvailable { cost = min(cost, maximumAvailable) }
            state.outstanding += cost
            guard let level = state.level(at: now) else {
                return ShopifyCostReservation(costKey: costKey, cost: cost, delay: .zero)
            }
            let delay = ShopifyQueryCost.delay(toRestore: cost - level, rate: state.restoreRate)
            state.available = level - cost
            state.observedAt = now
            return ShopifyCostReservation(costKey: costKey, cost: cost, delay: delay)
        }
    }

    /// Reserves the expected cost and waits until the estimated level covers it.
    public func acquire(costKey: String, estimatedCost: Double) async throws -> ShopifyCostReservation {
        let reservation = reserve(costKey: costKey, estimatedCost: estimatedCost)
        if reservation.delay > .zero {
            do {
                try await clock.sleep(for: reservation.delay)
            } catch {
                release(reservation)
                throw error
            }
        }
        return reservation
    }

    /// Learns from an answer: the bucket's true state and the operation's requested cost.
    /// Pass nil when the answer carried no cost (the reservation is released all the same).
    public func record(_ cost: ShopifyQueryCost?, for reservation: ShopifyCostReservation) {
        let now = clock.now
        state.withLock { state in
            state.outstanding = max(0, state.outstanding - reservation.cost)
            guard let cost else { return }
            state.learnedCosts[reservation.costKey] = cost.requestedQueryCost
            let status = cost.throttleStatus
            state.maximumAvailable = status.maximumAvailable
            state.restoreRate = status.restoreRate
            // The server has not charged requests still in flight or waiting: keep them reserved.
            state.available = status.currentlyAvailable - state.outstanding
            state.observedAt = now
        }
    }

    /// Gives back a reservation whose request was never answered (cancelled, connection failed).
    public func release(_ reservation: ShopifyCostReservation) {
        let now = clock.now
        state.withLock { state in
            state.outstanding = max(0, state.outstanding - reservation.cost)
            if let level = state.level(at: now), let maximumAvailable = state.maximumAvailable {
                state.available = min(maximumAvailable, level + reservation.cost)
                state.observedAt = now
            }
        }
    }
}

/// Points set aside for one request, and the wait the bucket asked for before sending it.
public struct ShopifyCostReservation: Sendable, Equatable {
    /// The operation key the cost is learned under.
    public let costKey: String
    /// The points reserved.
    public let cost: Double
    /// How long the caller must wait before sending (already waited by `acquire`).
    public let delay: Duration
}
