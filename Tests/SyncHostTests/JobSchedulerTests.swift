import Foundation
import Logging
import PluginKit
import Synchronization
import Testing
import TenantStore
@testable import SyncHost

/// Records the order in which jobs finish, as "tenant:kind".
private final class CompletionLog: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

private struct RecordingPlugin: FlowPlugin {
    let descriptor = PluginDescriptor(id: "orders", summary: "test")
    let log: CompletionLog
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        try? await Task.sleep(for: .milliseconds(2))
        log.append("\(context.tenant.id):\(job.kind)")
        return .done()
    }
}

@Suite struct JobSchedulerTests {
    @Test func aQuietTenantIsNotStarvedByANoisyOne() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-sched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try TenantCatalog(dataDirectory: directory)
        let pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        let noisy = try TenantID("noisy")
        let quiet = try TenantID("quiet")
        for (id, shop) in [(noisy, "noisy.myshopify.com"), (quiet, "quiet.myshopify.com")] {
            try catalog.add(TenantRecord(id: id, displayName: id.rawValue, shopDomain: shop, netsuiteAccountID: "1", subsidiaryID: "1"))
        }
        _ = try await pool.withDatabase(noisy) { database in
            try await database.jobs.enqueue((0..<400).map { NewJob(flow: "orders", kind: "bulk-\($0)") })
        }
        let log = CompletionLog()
        let scheduler = JobScheduler(
            catalog: catalog, pool: pool, registry: try PluginRegistry([RecordingPlugin(log: log)]),
            configuration: .init(workerLimit: 2, perTenantLimit: 2, sweepInterval: .seconds(60)))
        await scheduler.markReady(noisy)
        let running = Task { await scheduler.run() }

        // Let the noisy backlog get going, then the quiet tenant's single job arrives.
        for _ in 0..<500 where log.all.count < 20 { try await Task.sleep(for: .milliseconds(5)) }
        _ = try await pool.withDatabase(quiet) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: "urgent")) }
        let before = log.all.count
        await scheduler.markReady(quiet)
        for _ in 0..<2_000 where !log.all.contains("quiet:urgent") { try await Task.sleep(for: .milliseconds(5)) }
        let position = try #require(log.all.firstIndex(of: "quiet:urgent"))
        // Generous bound for a test; the tight figure belongs in a benchmark.
        #expect(position - before <= 8, "the quiet job waited behind \(position - before) noisy jobs")

        for _ in 0..<4_000 where log.all.count < 401 { try await Task.sleep(for: .milliseconds(5)) }
        running.cancel()
        await running.value
        #expect(log.all.count == 401)
        let stats = try await pool.withDatabase(noisy) { try await $0.jobs.stats() }
        #expect(stats.count(.done) == 400)
        #expect(await scheduler.dispatched[quiet] == 1)
    }

    @Test func stoppingWaitsForJobsInFlightAndLosesNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-sched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try TenantCatalog(dataDirectory: directory)
        let pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        let tenant = try TenantID("acme")
        try catalog.add(TenantRecord(id: tenant, displayName: "Acme", shopDomain: "acme.myshopify.com", netsuiteAccountID: "1", subsidiaryID: "1"))
        _ = try await pool.withDatabase(tenant) { try await $0.jobs.enqueue((0..<100).map { NewJob(flow: "orders", kind: "k\($0)") }) }
        let log = CompletionLog()
        let scheduler = JobScheduler(catalog: catalog, pool: pool, registry: try PluginRegistry([RecordingPlugin(log: log)]),
                                     configuration: .init(workerLimit: 4, perTenantLimit: 4))
        await scheduler.markReady(tenant)
        let running = Task { await scheduler.run() }
        for _ in 0..<500 where log.all.count < 10 { try await Task.sleep(for: .milliseconds(5)) }
        running.cancel()
        await running.value
        let stats = try await pool.withDatabase(tenant) { try await $0.jobs.stats() }
        #expect(stats.count(.running) == 0, "every claimed job finished before the scheduler returned")
        #expect(stats.count(.done) == log.all.count)
        #expect(stats.count(.done) + stats.count(.available) == 100)
    }
}

private struct SlowPlugin: FlowPlugin {
    let descriptor = PluginDescriptor(id: "orders", summary: "test")
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        try? await Task.sleep(for: .milliseconds(400))
        return .done()
    }
}

@Suite struct JobSchedulerIdleTests {
    @Test func aTenantWhoseLastJobIsRunningIsNotClaimedInALoop() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-sched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try TenantCatalog(dataDirectory: directory)
        let pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        let tenant = try TenantID("acme")
        try catalog.add(TenantRecord(id: tenant, displayName: "Acme", shopDomain: "acme.myshopify.com", netsuiteAccountID: "1", subsidiaryID: "1"))
        _ = try await pool.withDatabase(tenant) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: "slow")) }
        let scheduler = JobScheduler(catalog: catalog, pool: pool, registry: try PluginRegistry([SlowPlugin()]),
                                     configuration: .init(workerLimit: 4, perTenantLimit: 4, sweepInterval: .seconds(60)))
        await scheduler.markReady(tenant)
        let running = Task { await scheduler.run() }
        try await Task.sleep(for: .milliseconds(600))
        running.cancel()
        await running.value
        #expect(await scheduler.dispatched[tenant] == 1)
        // One claim for the job, one that finds the queue empty, one more after the job ends.
        let claims = await scheduler.claimsAttempted
        #expect(claims <= 5, "claims attempted: \(claims)")
    }
}
