import Foundation
import Logging
import PluginKit
import ServiceLifecycle
import Synchronization
import Testing
import TenantStore
@testable import SyncHost

/// Counts the jobs a plugin finished, by kind.
private final class Finished: Sendable {
    private let kinds = Mutex<[String]>([])
    func add(_ kind: String) { kinds.withLock { $0.append(kind) } }
    var count: Int { kinds.withLock { $0.count } }
}

/// Works for `duration`, then reports done; cut off, it reports the cancellation as a plugin would.
private struct WorkingPlugin: FlowPlugin {
    var descriptor = PluginDescriptor(id: "orders", summary: "test")
    let duration: Duration
    let finished: Finished
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        do {
            try await Task.sleep(for: duration)
        } catch {
            return .failed(error)
        }
        finished.add(job.kind)
        return .done()
    }
}

/// A data directory with one active tenant, removed at the end.
private struct RuntimeFixture {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-runtime-\(UUID().uuidString)")
    let catalog: TenantCatalog
    let pool: TenantPool
    let tenant: TenantID

    init() throws {
        catalog = try TenantCatalog(dataDirectory: directory)
        pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        tenant = try TenantID("acme")
        try catalog.add(TenantRecord(id: tenant, displayName: "Acme", shopDomain: "acme.myshopify.com", netsuiteAccountID: "1", subsidiaryID: "1"))
    }

    func enqueue(_ count: Int) async throws {
        _ = try await pool.withDatabase(tenant) { try await $0.jobs.enqueue((0..<count).map { NewJob(flow: "orders", kind: "k\($0)") }) }
    }

    func stats() async throws -> QueueStats { try await pool.withDatabase(tenant) { try await $0.jobs.stats() } }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct SchedulerShutdownTests {
    @Test func aGracefulStopLetsJobsInFlightFinish() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        try await fixture.enqueue(4)
        let finished = Finished()
        let scheduler = JobScheduler(
            catalog: fixture.catalog, pool: fixture.pool,
            registry: try PluginRegistry([WorkingPlugin(duration: .milliseconds(300), finished: finished)]),
            configuration: .init(workerLimit: 4, perTenantLimit: 4, shutdownDeadline: .seconds(30)))
        await scheduler.markReady(fixture.tenant)
        let running = Task { await scheduler.run() }
        for _ in 0..<400 where await scheduler.runningCount < 4 { try await Task.sleep(for: .milliseconds(5)) }
        await scheduler.stop()
        await running.value
        let stats = try await fixture.stats()
        #expect(finished.count == 4)
        #expect(stats.count(.done) == 4)
        #expect(await scheduler.releasedOnStop == 0)
    }

    @Test func jobsStillRunningAtTheDeadlineGiveTheirLeaseAndAttemptBack() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        try await fixture.enqueue(3)
        let finished = Finished()
        let scheduler = JobScheduler(
            catalog: fixture.catalog, pool: fixture.pool,
            registry: try PluginRegistry([WorkingPlugin(duration: .seconds(600), finished: finished)]),
            configuration: .init(workerLimit: 4, perTenantLimit: 4, shutdownDeadline: .milliseconds(200)))
        await scheduler.markReady(fixture.tenant)
        let running = Task { await scheduler.run() }
        for _ in 0..<400 where await scheduler.runningCount < 3 { try await Task.sleep(for: .milliseconds(5)) }
        let stopAsked = ContinuousClock.now
        await scheduler.stop()
        await running.value
        #expect(ContinuousClock.now - stopAsked < .seconds(30), "the deadline bounds the stop")
        let jobs = try await fixture.pool.withDatabase(fixture.tenant) { try await $0.jobs.jobs() }
        #expect(jobs.count == 3)
        #expect(jobs.allSatisfy { $0.state == .available && $0.attempt == 0 }, "\(jobs.map { "\($0.state):\($0.attempt)" })")
        #expect(await scheduler.releasedOnStop == 3)

        // The next start picks them up at once: no lease has to expire first.
        let again = JobScheduler(
            catalog: fixture.catalog, pool: fixture.pool,
            registry: try PluginRegistry([WorkingPlugin(duration: .milliseconds(1), finished: finished)]),
            configuration: .init(workerLimit: 4, perTenantLimit: 4))
        await again.markReady(fixture.tenant)
        let rerun = Task { await again.run() }
        for _ in 0..<2_000 where finished.count < 3 { try await Task.sleep(for: .milliseconds(5)) }
        await again.stop()
        await rerun.value
        #expect(try await fixture.stats().count(.done) == 3)
    }

    @Test func readinessWakesAnIdleSchedulerWithoutPolling() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        let finished = Finished()
        // With a 60 s idle cap and sweep, only the signal can bring the job in quickly.
        let scheduler = JobScheduler(
            catalog: fixture.catalog, pool: fixture.pool,
            registry: try PluginRegistry([WorkingPlugin(duration: .milliseconds(1), finished: finished)]),
            configuration: .init(workerLimit: 2, perTenantLimit: 2, sweepInterval: .seconds(60), idleWait: .seconds(60)))
        let running = Task { await scheduler.run() }
        try await Task.sleep(for: .milliseconds(300))
        let claimsWhileIdle = await scheduler.claimsAttempted
        try await fixture.enqueue(1)
        let signalled = ContinuousClock.now
        await scheduler.markReady(fixture.tenant)
        for _ in 0..<2_000 where finished.count < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let latency = ContinuousClock.now - signalled
        await scheduler.stop()
        await running.value
        #expect(finished.count == 1)
        #expect(latency < .seconds(5), "job ran \(latency) after the signal")
        #expect(claimsWhileIdle <= 1, "an idle scheduler does not poll: \(claimsWhileIdle) claims")
    }
}

@Suite struct HostMaintenanceTests {
    private func maintenance(_ fixture: RuntimeFixture, enabled: Set<String>? = nil) throws -> HostMaintenance {
        let plugin = WorkingPlugin(
            descriptor: PluginDescriptor(id: "orders", summary: "test", schedules: [
                PluginSchedule(kind: "reconcile", every: .seconds(300), summary: "poll"),
            ]),
            duration: .milliseconds(1), finished: Finished())
        return HostMaintenance(catalog: fixture.catalog, pool: fixture.pool, registry: try PluginRegistry([plugin]), scheduler: nil) { _ in
            var services = TenantServices()
            services.enabledFlows = enabled
            return services
        }
    }

    private func reconcileJobs(_ fixture: RuntimeFixture) async throws -> [Job] {
        try await fixture.pool.withDatabase(fixture.tenant) { try await $0.jobs.jobs(flow: "orders") }.filter { $0.kind == "reconcile" }
    }

    @Test func aPeriodicJobIsEnqueuedOncePerPeriodEvenAcrossRestarts() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try maintenance(fixture)
        #expect(await first.runPass(now: start).periodicJobsEnqueued == 1)
        #expect(await first.runPass(now: start.addingTimeInterval(10)).periodicJobsEnqueued == 0)
        // A restarted host (a new value over the same database) remembers the period.
        let restarted = try maintenance(fixture)
        #expect(await restarted.runPass(now: start.addingTimeInterval(20)).periodicJobsEnqueued == 0)
        #expect(try await reconcileJobs(fixture).count == 1)

        // The job runs; the next period brings the next one.
        _ = try await fixture.pool.withDatabase(fixture.tenant) { database in
            let job = try #require(try await database.jobs.claim())
            try await database.jobs.complete(job)
        }
        #expect(await restarted.runPass(now: start.addingTimeInterval(300)).periodicJobsEnqueued == 1)
        #expect(try await reconcileJobs(fixture).count == 2)
    }

    @Test func aDownHostEnqueuesOneJobNotOnePerMissedPeriod() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let maintenance = try maintenance(fixture)
        #expect(await maintenance.runPass(now: start).periodicJobsEnqueued == 1)
        // Three periods later the first job has still not run: its unique key holds one live job.
        #expect(await maintenance.runPass(now: start.addingTimeInterval(900)).periodicJobsEnqueued == 0)
        #expect(try await reconcileJobs(fixture).count == 1)
    }

    @Test func aDisabledFlowGetsNoPeriodicJobs() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        let maintenance = try maintenance(fixture, enabled: ["customers"])
        #expect(await maintenance.runPass().periodicJobsEnqueued == 0)
        #expect(try await reconcileJobs(fixture).isEmpty)
    }
}

@Suite struct HostRuntimeLifecycleTests {
    @Test func aGracefulShutdownOfTheServiceGroupFinishesWorkAndReturns() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.remove() }
        try await fixture.enqueue(20)
        let finished = Finished()
        let registry = try PluginRegistry([WorkingPlugin(duration: .milliseconds(20), finished: finished)])
        let scheduler = JobScheduler(catalog: fixture.catalog, pool: fixture.pool, registry: registry,
                                     configuration: .init(workerLimit: 2, perTenantLimit: 2, shutdownDeadline: .seconds(30)))
        let maintenance = HostMaintenance(catalog: fixture.catalog, pool: fixture.pool, registry: registry, scheduler: scheduler) { _ in
            TenantServices()
        }
        let runtime = HostRuntime(scheduler: scheduler, maintenance: maintenance, httpServer: nil, pool: fixture.pool)
        let group = ServiceGroup(configuration: .init(services: [runtime], gracefulShutdownSignals: [], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        // The sweep finds the tenant's jobs without any signal.
        for _ in 0..<2_000 where finished.count < 5 { try await Task.sleep(for: .milliseconds(5)) }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(await fixture.pool.isOpen(fixture.tenant) == false, "databases are closed on the way out")
        let stats = try await fixture.stats()
        #expect(stats.count(.running) == 0)
        #expect(stats.count(.done) == finished.count)
        #expect(stats.count(.done) + stats.count(.available) == 20)
    }
}

@Suite struct SchedulerAccountCapTests {
    @Test func tenantsOfABusyAccountDoNotHoldEveryWorker() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-cap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try TenantCatalog(dataDirectory: directory)
        let pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        let crowded = try (1...3).map { try TenantID("crowded-\($0)") }
        let other = try TenantID("other")
        for tenant in crowded {
            try catalog.add(TenantRecord(id: tenant, displayName: tenant.rawValue, shopDomain: "\(tenant.rawValue).myshopify.com",
                                         netsuiteAccountID: "1234567_SB1", subsidiaryID: "1"))
            _ = try await pool.withDatabase(tenant) { try await $0.jobs.enqueue((0..<30).map { NewJob(flow: "orders", kind: "k\($0)") }) }
        }
        try catalog.add(TenantRecord(id: other, displayName: "Other", shopDomain: "other.myshopify.com",
                                     netsuiteAccountID: "7654321", subsidiaryID: "1"))
        let finished = Finished()
        let scheduler = JobScheduler(
            catalog: catalog, pool: pool,
            registry: try PluginRegistry([WorkingPlugin(duration: .milliseconds(40), finished: finished)]),
            configuration: .init(workerLimit: 8, perTenantLimit: 4, sweepInterval: .seconds(60),
                                 accountJobLimits: ["1234567_sb1": 2]))
        for tenant in crowded { await scheduler.markReady(tenant) }
        let running = Task { await scheduler.run() }
        var highest = 0
        var otherStarted = false
        for step in 0..<400 {
            highest = max(highest, await scheduler.runningByAccount["1234567_SB1", default: 0])
            if step == 20 {
                _ = try await pool.withDatabase(other) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: "quiet")) }
                await scheduler.markReady(other)
            }
            if step > 20, await scheduler.dispatched[other, default: 0] > 0 { otherStarted = true }
            if otherStarted, finished.count >= 30 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        await scheduler.stop()
        await running.value
        #expect(highest == 2, "jobs of the capped account at once: \(highest)")
        #expect(otherStarted, "the other account's tenant got a worker while the capped account was busy")
    }
}
