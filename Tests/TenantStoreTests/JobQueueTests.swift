import Foundation
import Testing
@testable import TenantStore

@Suite struct JobQueueTests {
    @Test func enqueueWithSameUniqueKeyReturnsTheLiveJob() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        let first = try await queue.enqueue(NewJob(flow: "orders", kind: "orders/create", uniqueKey: "webhook-1"))
        let second = try await queue.enqueue(NewJob(flow: "orders", kind: "orders/create", uniqueKey: "webhook-1"))
        #expect(first.wasEnqueued)
        #expect(!second.wasEnqueued)
        #expect(second.job.id == first.job.id)

        // Another flow may hold the same key: each flow gets its own job for one webhook.
        let otherFlow = try await queue.enqueue(NewJob(flow: "customers", kind: "orders/create", uniqueKey: "webhook-1"))
        #expect(otherFlow.wasEnqueued)

        // Once the job is final the key is free again.
        let claimed = try #require(try await queue.claim(limit: 1, flows: ["orders"]).first)
        try await queue.complete(claimed)
        let third = try await queue.enqueue(NewJob(flow: "orders", kind: "orders/create", uniqueKey: "webhook-1"))
        #expect(third.wasEnqueued)
        #expect(third.job.id != first.job.id)
    }

    @Test func batchEnqueueDedupesWithinTheBatch() async throws {
        let fixture = try TenantFixture()
        let results = try await fixture.database.jobs.enqueue([
            NewJob(flow: "orders", kind: "a", uniqueKey: "k"), NewJob(flow: "orders", kind: "a", uniqueKey: "k"),
            NewJob(flow: "orders", kind: "a"),
        ])
        #expect(results.map(\.wasEnqueued) == [true, false, true])
        #expect(try await fixture.database.jobs.stats().count(.available) == 2)
    }

    @Test func invalidJobsAreRefused() async throws {
        let fixture = try TenantFixture()
        await #expect(throws: TenantStoreError.self) { try await fixture.database.jobs.enqueue(NewJob(flow: "", kind: "x")) }
        await #expect(throws: TenantStoreError.self) {
            try await fixture.database.jobs.enqueue(NewJob(flow: "orders", kind: "x", maxAttempts: 0))
        }
        #expect(try await fixture.database.jobs.jobs().isEmpty)
    }

    @Test func claimTakesDueJobsByPriorityThenRunAt() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        let later = try await queue.enqueue(NewJob(flow: "orders", kind: "later", runAt: fixture.clock.now().addingTimeInterval(60)))
        let low = try await queue.enqueue(NewJob(flow: "orders", kind: "low", priority: 5))
        fixture.clock.advance(by: .seconds(1))
        let urgent = try await queue.enqueue(NewJob(flow: "orders", kind: "urgent", priority: 0))
        #expect(later.job.state == .scheduled)

        #expect(try await queue.claim()?.id == urgent.job.id)
        #expect(try await queue.claim()?.id == low.job.id)
        #expect(try await queue.claim() == nil)
        fixture.clock.advance(by: .seconds(60))
        let due = try #require(try await queue.claim())
        #expect(due.id == later.job.id)
        #expect(due.state == .running)
        #expect(due.attempt == 1)
        #expect(due.leaseUntil == fixture.clock.now().addingTimeInterval(30))
    }

    @Test func concurrentClaimersNeverShareAJob() async throws {
        let fixture = try TenantFixture()
        let jobCount = 400
        _ = try await fixture.database.jobs.enqueue((0..<jobCount).map { NewJob(flow: "orders", kind: "k", uniqueKey: "\($0)") })
        // Two connections to one file, as two processes would have, each hammered by many tasks.
        let connections = [fixture.database, try fixture.secondConnection()]
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in 0..<16 {
                let queue = connections[worker % 2].jobs
                group.addTask {
                    var mine: [Int64] = []
                    while case let jobs = try await queue.claim(limit: 1 + worker % 3), !jobs.isEmpty {
                        mine += jobs.map(\.id)
                        try await queue.complete(jobs)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.count == Set(claimed).count, "a job was claimed twice")
        let stats = try await fixture.database.jobs.stats()
        #expect(stats.count(.done) == jobCount)
        #expect(stats.count(.available) == 0)
        try connections[1].close()
    }

    @Test func heartbeatExtendsTheLeaseAndRescueReturnsExpiredJobs() async throws {
        let fixture = try TenantFixture(leaseDuration: .seconds(30))
        let queue = fixture.database.jobs
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k"))
        let job = try #require(try await queue.claim())

        fixture.clock.advance(by: .seconds(20))
        let extended = try await queue.heartbeat(job)
        #expect(extended == fixture.clock.now().addingTimeInterval(30))
        fixture.clock.advance(by: .seconds(20))
        #expect(try await queue.rescueExpiredLeases() == 0, "a heartbeat must keep the job")

        // The worker dies: no more heartbeats.
        fixture.clock.advance(by: .seconds(31))
        #expect(try await queue.rescueExpiredLeases() == 1)
        let rescued = try #require(try await queue.job(id: job.id))
        #expect(rescued.state == .retryable)
        #expect(rescued.lastError?.code == "lease_expired")

        let again = try #require(try await queue.claim())
        #expect(again.id == job.id)
        #expect(again.attempt == 2)
        // The first worker wakes up: its lease is gone, it cannot complete or fail the job.
        await #expect(throws: TenantStoreError(.leaseLost, "job \(job.id) (orders) is no longer leased to this worker")) {
            try await queue.complete(job)
        }
        await #expect(throws: TenantStoreError.self) { try await queue.heartbeat(job) }
        try await queue.complete(again)
        #expect(try await queue.job(id: job.id)?.state == .done)
    }

    @Test func rescueOfAJobWithNoAttemptsLeftMakesItDead() async throws {
        let fixture = try TenantFixture(leaseDuration: .seconds(5))
        let queue = fixture.database.jobs
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k", maxAttempts: 1))
        let job = try #require(try await queue.claim())
        fixture.clock.advance(by: .seconds(6))
        #expect(try await queue.rescueExpiredLeases() == 1)
        #expect(try await queue.job(id: job.id)?.state == .dead)
    }

    @Test func releaseGivesTheAttemptBack() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k"))
        let job = try #require(try await queue.claim())
        try await queue.release(job)
        let released = try #require(try await queue.job(id: job.id))
        #expect(released.state == .available)
        #expect(released.attempt == 0)
        #expect(released.leaseToken == nil)
    }
}
