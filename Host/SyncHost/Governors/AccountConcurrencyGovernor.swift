import Foundation
import TenantStore

/// Shares one NetSuite account's concurrency limit among every tenant mapped to a
/// subsidiary of that account, so that the host never has more requests in flight on the
/// account than its limit, and a busy tenant cannot starve a quiet one.
///
/// - Fair: when a slot frees, it goes to the waiting tenant with the fewest requests in
///   flight for its weight (`inFlight / weight`), oldest waiter first on ties. An idle
///   tenant's share is used by the others (the limit is never left idle while anyone waits).
/// - Adaptive (AIMD): NetSuite's limit is shared with every other integration on the
///   account, so a 429 can come even when we stay under it. On a 429 the governor halves
///   its effective limit; each run of successes as long as the effective limit adds one
///   slot back, up to the configured limit.
public actor AccountConcurrencyGovernor {
    public struct Configuration: Sendable {
        /// The account's concurrency limit (Standard 5, Premium 15, Enterprise 20, +10 per
        /// SuiteCloud Plus license), minus whatever other integrations are known to use.
        public var limit: Int
        /// The effective limit never drops below this. Default 1.
        public var minimumLimit: Int

        public init(limit: Int, minimumLimit: Int = 1) {
            self.limit = max(1, limit)
            self.minimumLimit = min(max(1, minimumLimit), max(1, limit))
        }
    }

    /// Proof of one slot, returned with ``release(_:outcome:)``.
    public struct Permit: Sendable, Hashable {
        public let tenant: TenantID
        let serial: UInt64
    }

    /// How the request that held a permit went, as far as the account's limit is concerned.
    public enum Outcome: Sendable {
        /// Any answer that was not a concurrency refusal (successes and ordinary errors alike).
        case completed
        /// NetSuite answered 429 / CONCURRENCY_LIMIT_EXCEEDED.
        case throttled
    }

    /// The governor's state, for health reports and tests.
    public struct Snapshot: Sendable, Equatable {
        public let limit: Int
        public let effectiveLimit: Int
        public let inFlight: [TenantID: Int]
        public let waiting: [TenantID: Int]
        public let highWaterMark: Int
        public let throttles: Int
    }

    private struct Waiter {
        let serial: UInt64
        let continuation: CheckedContinuation<Permit, any Error>
    }

    public let accountID: String
    private let configuration: Configuration
    private var effectiveLimit: Int
    private var successesSinceChange = 0
    private var weights: [TenantID: Double] = [:]
    private var inFlight: [TenantID: Int] = [:]
    private var waiters: [TenantID: [Waiter]] = [:]
    private var nextSerial: UInt64 = 0
    /// Permits granted and not yet released: a permit released twice must not free a slot twice.
    private var live: Set<UInt64> = []
    /// Permits granted before the last decrease: their 429s answer the old limit, so they
    /// must not halve the new one again (a burst of 429s is one congestion signal, not ten).
    private var lastDecreaseSerial: UInt64 = 0
    private var highWaterMark = 0
    private var throttles = 0

    public init(accountID: String, configuration: Configuration) {
        self.accountID = accountID
        self.configuration = configuration
        effectiveLimit = configuration.limit
    }

    /// Sets a tenant's weight (default 1): a tenant of weight 2 gets twice the slots of a
    /// tenant of weight 1 when both are waiting.
    public func setWeight(_ weight: Double, for tenant: TenantID) {
        weights[tenant] = max(weight, 0.01)
    }

    /// Waits for a slot on the account for `tenant`. Throws `CancellationError` if the
    /// calling task is cancelled while waiting (the slot is then not taken).
    public func acquire(for tenant: TenantID) async throws -> Permit {
        nextSerial += 1
        let serial = nextSerial
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard !Task.isCancelled else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                waiters[tenant, default: []].append(Waiter(serial: serial, continuation: continuation))
                grantFreeSlots()
            }
        } onCancel: {
            Task { await self.abandon(serial: serial, tenant: tenant) }
        }
    }

    /// Returns a slot. A `throttled` outcome halves the effective limit.
    public func release(_ permit: Permit, outcome: Outcome) {
        guard live.remove(permit.serial) != nil, let count = inFlight[permit.tenant], count > 0 else { return }
        inFlight[permit.tenant] = count == 1 ? nil : count - 1
        switch outcome {
        case .throttled:
            throttles += 1
            if permit.serial > lastDecreaseSerial {
                effectiveLimit = max(configuration.minimumLimit, effectiveLimit / 2)
                lastDecreaseSerial = nextSerial
            }
            successesSinceChange = 0
        case .completed:
            successesSinceChange += 1
            if successesSinceChange >= effectiveLimit && effectiveLimit < configuration.limit {
                effectiveLimit += 1
                successesSinceChange = 0
            }
        }
        grantFreeSlots()
    }

    /// Runs `body` holding a slot; a body that throws an error classified as rate-limited
    /// releases the slot as `throttled`.
    public func withPermit<T: Sendable>(
        for tenant: TenantID, isThrottle: @Sendable (any Error) -> Bool, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let permit = try await acquire(for: tenant)
        do {
            let result = try await body()
            release(permit, outcome: .completed)
            return result
        } catch {
            release(permit, outcome: isThrottle(error) ? .throttled : .completed)
            throw error
        }
    }

    public var snapshot: Snapshot {
        Snapshot(limit: configuration.limit, effectiveLimit: effectiveLimit, inFlight: inFlight,
                 waiting: waiters.mapValues(\.count), highWaterMark: highWaterMark, throttles: throttles)
    }

    private var totalInFlight: Int { inFlight.values.reduce(0, +) }

    private func grantFreeSlots() {
        while totalInFlight < effectiveLimit, let tenant = fairestWaitingTenant() {
            let waiter = waiters[tenant]!.removeFirst()
            if waiters[tenant]!.isEmpty { waiters[tenant] = nil }
            inFlight[tenant, default: 0] += 1
            live.insert(waiter.serial)
            highWaterMark = max(highWaterMark, totalInFlight)
            waiter.continuation.resume(returning: Permit(tenant: tenant, serial: waiter.serial))
        }
    }

    /// The waiting tenant with the least in flight for its weight; the oldest waiter wins ties.
    private func fairestWaitingTenant() -> TenantID? {
        waiters.min { lhs, rhs in
            let left = Double(inFlight[lhs.key, default: 0]) / weights[lhs.key, default: 1]
            let right = Double(inFlight[rhs.key, default: 0]) / weights[rhs.key, default: 1]
            return left != right ? left < right : lhs.value[0].serial < rhs.value[0].serial
        }?.key
    }

    private func abandon(serial: UInt64, tenant: TenantID) {
        guard let index = waiters[tenant]?.firstIndex(where: { $0.serial == serial }) else { return }
        let waiter = waiters[tenant]!.remove(at: index)
        if waiters[tenant]!.isEmpty { waiters[tenant] = nil }
        waiter.continuation.resume(throwing: CancellationError())
    }
}
