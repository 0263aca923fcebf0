import Testing
import TenantStore
@testable import SyncHost

/// Counts requests in flight as the "NetSuite" side would see them.
private actor InFlightProbe {
    private(set) var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}

@Suite struct AccountConcurrencyGovernorTests {
    let acme = try! TenantID("acme")
    let globex = try! TenantID("globex")
    let initech = try! TenantID("initech")

    @Test func theAccountLimitIsNeverExceeded() async throws {
        let governor = AccountConcurrencyGovernor(accountID: "1234567", configuration: .init(limit: 5))
        let probe = InFlightProbe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                let tenant = [acme, globex, initech][index % 3]
                group.addTask {
                    try await governor.withPermit(for: tenant, isThrottle: { _ in false }) {
                        await probe.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        await probe.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await probe.peak <= 5)
        let snapshot = await governor.snapshot
        #expect(snapshot.highWaterMark == 5)
        #expect(snapshot.inFlight.isEmpty)
        #expect(snapshot.waiting.isEmpty)
    }

    @Test func aQuietTenantGetsTheNextFreeSlotAheadOfANoisyBacklog() async throws {
        let governor = AccountConcurrencyGovernor(accountID: "1234567", configuration: .init(limit: 2))
        let held = [try await governor.acquire(for: acme), try await governor.acquire(for: acme)]
        // The noisy tenant queues a backlog first.
        let backlog = (0..<20).map { _ in Task { try await governor.acquire(for: acme) } }
        try await waitUntil { await governor.snapshot.waiting[acme] == 20 }
        let quiet = Task { try await governor.acquire(for: globex) }
        try await waitUntil { await governor.snapshot.waiting[globex] == 1 }

        await governor.release(held[0], outcome: .completed)
        let permit = try await quiet.value
        #expect(permit.tenant == globex)
        #expect(await governor.snapshot.waiting[acme] == 20, "the backlog got nothing yet")
        for task in backlog { task.cancel() }
        for task in backlog { _ = try? await task.value }
        #expect(await governor.snapshot.waiting.isEmpty)
    }

    @Test func weightsDecideWhoGetsFreedSlots() async throws {
        let governor = AccountConcurrencyGovernor(accountID: "1", configuration: .init(limit: 3))
        await governor.setWeight(2, for: acme)
        // acme holds 1, globex holds 1: acme (1/2) is further below its share than globex (1/1).
        let a = try await governor.acquire(for: acme)
        let g = try await governor.acquire(for: globex)
        let filler = try await governor.acquire(for: initech)
        let waitingGlobex = Task { try await governor.acquire(for: globex) }
        try await waitUntil { await governor.snapshot.waiting[globex] == 1 }
        let waitingAcme = Task { try await governor.acquire(for: acme) }
        try await waitUntil { await governor.snapshot.waiting[acme] == 1 }
        await governor.release(filler, outcome: .completed)
        #expect(try await waitingAcme.value.tenant == acme)
        await governor.release(a, outcome: .completed)
        #expect(try await waitingGlobex.value.tenant == globex)
        _ = g
    }

    @Test func throttlingHalvesTheLimitAndSuccessesRestoreIt() async throws {
        let governor = AccountConcurrencyGovernor(accountID: "1", configuration: .init(limit: 8))
        let permit = try await governor.acquire(for: acme)
        await governor.release(permit, outcome: .throttled)
        #expect(await governor.snapshot.effectiveLimit == 4)
        let again = try await governor.acquire(for: acme)
        await governor.release(again, outcome: .throttled)
        #expect(await governor.snapshot.effectiveLimit == 2)
        for _ in 0..<100 {
            let p = try await governor.acquire(for: acme)
            await governor.release(p, outcome: .completed)
        }
        let snapshot = await governor.snapshot
        #expect(snapshot.effectiveLimit == 8)
        #expect(snapshot.throttles == 2)
    }

    @Test func aBurstOf429sHalvesTheLimitOnceAndDoubleReleaseFreesNothing() async throws {
        let governor = AccountConcurrencyGovernor(accountID: "1", configuration: .init(limit: 8))
        var permits: [AccountConcurrencyGovernor.Permit] = []
        for _ in 0..<8 { permits.append(try await governor.acquire(for: acme)) }
        for permit in permits { await governor.release(permit, outcome: .throttled) }
        #expect(await governor.snapshot.effectiveLimit == 4, "eight 429s from one burst are one signal")
        let held = try await governor.acquire(for: acme)
        await governor.release(held, outcome: .completed)
        await governor.release(held, outcome: .completed)
        #expect(await governor.snapshot.inFlight.isEmpty)
        let fresh = try await governor.acquire(for: globex)
        #expect(await governor.snapshot.inFlight == [globex: 1])
        await governor.release(fresh, outcome: .throttled)
        #expect(await governor.snapshot.effectiveLimit == 2, "a new 429 after the decrease counts")
    }

    @Test func aCancelledWaiterTakesNoSlot() async throws {
        let governor = AccountConcurrencyGovernor(accountID: "1", configuration: .init(limit: 1))
        let held = try await governor.acquire(for: acme)
        let waiter = Task { try await governor.acquire(for: globex) }
        try await waitUntil { await governor.snapshot.waiting[globex] == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await governor.release(held, outcome: .completed)
        let next = try await governor.acquire(for: initech)
        #expect(next.tenant == initech)
        #expect(await governor.snapshot.inFlight == [initech: 1])
    }

    private func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<2_000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("condition not reached in time")
    }
}
