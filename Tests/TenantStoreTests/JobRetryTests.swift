import Foundation
import Testing
@testable import TenantStore

@Suite struct JobRetryTests {
    @Test func backoffDoublesFromOneSecondAndCapsAtAnHour() {
        let policy = RetryPolicy()
        let seconds = (1...15).map { policy.nominalDelay(afterAttempt: $0) }
        #expect(seconds == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600, 3600].map { Duration.seconds($0) })
        #expect(policy.nominalDelay(afterAttempt: 500) == .seconds(3600))
    }

    @Test func jitterSpreadsTenPercentBothWays() {
        let policy = RetryPolicy()
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, unitRandom: 0) == .milliseconds(7200))
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, unitRandom: 0.5) == .milliseconds(8000))
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, unitRandom: 0.999_999) == .milliseconds(8800))
        let spread = Set((0..<50).map { _ in policy.delay(afterAttempt: 3, retryAfter: nil) })
        #expect(spread.count > 1, "jitter must vary")
        #expect(spread.allSatisfy { $0 >= .milliseconds(3600) && $0 <= .milliseconds(4400) })
    }

    @Test func retryAfterWinsOverBackoff() {
        let policy = RetryPolicy()
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(30), unitRandom: 0) == .seconds(30))
        #expect(policy.delay(afterAttempt: 12, retryAfter: .seconds(5), unitRandom: 0.9) == .seconds(5))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(10_000_000)) == .seconds(86_400))
    }

    @Test func transientFailuresBackOffThenGoDeadWhenAttemptsAreUsedUp() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        let enqueued = try await queue.enqueue(NewJob(flow: "orders", kind: "k", maxAttempts: 3))
        var delays: [TimeInterval] = []
        for attempt in 1...2 {
            let job = try #require(try await queue.claim())
            #expect(job.attempt == attempt)
            let outcome = try await queue.fail(job, .transient(code: "netsuite_unavailable", message: "503 from NetSuite"))
            guard case .retryScheduled(let at, _) = outcome else {
                Issue.record("expected a retry, got \(outcome)")
                return
            }
            delays.append(at.timeIntervalSince(fixture.clock.now()))
            #expect(try await queue.claim() == nil, "a retryable job must wait for its backoff")
            fixture.clock.advance(by: .seconds(Int64(at.timeIntervalSince(fixture.clock.now()).rounded(.up))))
        }
        #expect(delays == [1, 2])

        let last = try #require(try await queue.claim())
        let outcome = try await queue.fail(last, .transient(code: "netsuite_unavailable", message: "503 from NetSuite"))
        #expect(outcome == .dead(reason: "gave up after 3 attempts; last error: 503 from NetSuite"))
        let dead = try #require(try await queue.job(id: enqueued.job.id))
        #expect(dead.state == .dead)
        #expect(dead.lastError?.code == "netsuite_unavailable")
        #expect(dead.lastError?.message == "gave up after 3 attempts; last error: 503 from NetSuite")
        #expect(dead.finishedAt != nil)
    }

    @Test func serverRetryAfterSchedulesTheRetry() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k"))
        let job = try #require(try await queue.claim())
        let outcome = try await queue.fail(job, .transient(code: "http_503", message: "maintenance", retryAfter: .seconds(120)))
        #expect(outcome == .retryScheduled(at: fixture.clock.now().addingTimeInterval(120), attempt: 1))
        fixture.clock.advance(by: .seconds(119))
        #expect(try await queue.claim() == nil)
        fixture.clock.advance(by: .seconds(1))
        #expect(try await queue.claim()?.attempt == 2)
    }

    @Test func rateLimitSnoozesWithoutUsingAnAttempt() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        let enqueued = try await queue.enqueue(NewJob(flow: "orders", kind: "k", maxAttempts: 2))
        // Far more rate limits than attempts: none of them may kill the job.
        for _ in 0..<5 {
            let job = try #require(try await queue.claim())
            #expect(job.attempt == 1)
            let outcome = try await queue.fail(job, .rateLimited(code: "netsuite_429", message: "concurrency", retryAfter: .seconds(2)))
            #expect(outcome == .snoozed(until: fixture.clock.now().addingTimeInterval(2)))
            let snoozed = try #require(try await queue.job(id: enqueued.job.id))
            #expect(snoozed.state == .scheduled)
            #expect(snoozed.attempt == 0)
            #expect(try await queue.claim() == nil)
            fixture.clock.advance(by: .seconds(2))
        }
        let job = try #require(try await queue.claim())
        try await queue.complete(job)
        #expect(try await queue.job(id: job.id)?.state == .done)
    }

    @Test func permanentFailureIsDeadAtOnceAndReplayable() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        let enqueued = try await queue.enqueue(NewJob(flow: "orders", kind: "orders/create", uniqueKey: "w-9"))
        let job = try #require(try await queue.claim())
        let outcome = try await queue.fail(job, .permanent(code: "unknown_sku", message: "SKU TEE-RED-XL has no NetSuite item"))
        #expect(outcome == .dead(reason: "SKU TEE-RED-XL has no NetSuite item"))
        let stats = try await queue.stats()
        #expect(stats.countsByFlow["orders"]?[.dead] == 1)
        #expect(stats.recentFailures.first?.error.code == "unknown_sku")

        let replayed = try await queue.replay(jobID: enqueued.job.id)
        #expect(replayed.state == .available)
        #expect(replayed.attempt == 0)
        #expect(replayed.lastError?.code == "unknown_sku", "the last error stays visible after a replay")
        let again = try #require(try await queue.claim())
        #expect(again.id == enqueued.job.id)
        try await queue.complete(again)
        await #expect(throws: TenantStoreError.self) { try await queue.replay(jobID: enqueued.job.id) }
    }

    @Test func replayOfAFlowSkipsJobsWhoseKeyIsLiveAgain() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        for key in ["a", "b", "c"] { _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k", uniqueKey: key)) }
        _ = try await queue.enqueue(NewJob(flow: "refunds", kind: "k", uniqueKey: "a"))
        for job in try await queue.claim(limit: 10) {
            try await queue.fail(job, .permanent(code: "bad", message: "bad data"))
        }
        // The same webhook arrives again while "a" is dead: a new live job now holds key "a".
        let fresh = try await queue.enqueue(NewJob(flow: "orders", kind: "k", uniqueKey: "a"))
        #expect(fresh.wasEnqueued)

        #expect(try await queue.replayDead(flow: "orders") == 2)
        let stats = try await queue.stats()
        #expect(stats.countsByFlow["orders"]?[.available] == 3)
        #expect(stats.countsByFlow["orders"]?[.dead] == 1)
        #expect(stats.countsByFlow["refunds"]?[.dead] == 1, "replaying one flow leaves the others alone")
    }

    @Test func cancelStopsAJobAndPruneDeletesOldFinishedJobs() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        let cancelled = try await queue.enqueue(NewJob(flow: "orders", kind: "k"))
        _ = try await queue.cancel(jobID: cancelled.job.id)
        await #expect(throws: TenantStoreError.self) { try await queue.cancel(jobID: cancelled.job.id) }
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k"))
        let done = try #require(try await queue.claim())
        try await queue.complete(done)
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "dead"))
        try await queue.fail(try #require(try await queue.claim()), .permanent(code: "x", message: "x"))

        fixture.clock.advance(by: .seconds(3600))
        #expect(try await queue.pruneFinished(olderThan: .seconds(7200)) == 0)
        fixture.clock.advance(by: .seconds(3601))
        #expect(try await queue.pruneFinished(olderThan: .seconds(7200)) == 2)
        let remaining = try await queue.jobs()
        #expect(remaining.map(\.state) == [.dead], "dead jobs wait for an operator")
    }

    @Test func statsReportCountsAndTheOldestDueJob() async throws {
        let fixture = try TenantFixture()
        let queue = fixture.database.jobs
        _ = try await queue.enqueue(NewJob(flow: "orders", kind: "k"))
        fixture.clock.advance(by: .seconds(10))
        _ = try await queue.enqueue(NewJob(flow: "inventory", kind: "k"))
        _ = try await queue.enqueue(NewJob(flow: "inventory", kind: "k", runAt: fixture.clock.now().addingTimeInterval(600)))
        fixture.clock.advance(by: .seconds(5))
        let stats = try await queue.stats()
        #expect(stats.countsByFlow == ["orders": [.available: 1], "inventory": [.available: 1, .scheduled: 1]])
        #expect(stats.oldestDueAge == .seconds(15))
        #expect(stats.recentFailures.isEmpty)
    }
}
