import Foundation
import Logging
import PluginKit
import TenantStore

/// The host's housekeeping, run every ``Configuration/interval`` over every active tenant:
/// returns expired leases to the queue (a crashed or killed worker's jobs), enqueues the
/// plugins' periodic jobs (the orders reconciliation poll), and prunes old finished jobs and
/// payloads. Whatever it enqueues or rescues, it tells the scheduler about.
///
/// Periodic jobs live in the tenant's queue, so they survive restarts. Each schedule's period
/// is numbered (`floor(now / interval)`); the last period enqueued is kept in the tenant's
/// cursors, so a restart does not enqueue a period twice, and a host that was down for three
/// periods enqueues one job, not three. The job's unique key keeps one live job per schedule.
public struct HostMaintenance: Sendable {
    public struct Configuration: Sendable {
        /// How often the pass runs. Default 15 s.
        public var interval: Duration
        /// Finished (done, cancelled) jobs older than this are deleted. Default 7 days.
        public var finishedJobRetention: Duration
        /// Archived payloads older than this, and referenced by no live job, are deleted. Default 30 days.
        public var payloadRetention: Duration
        /// How often pruning runs (it is heavier than the rest). Default 1 hour.
        public var pruneInterval: Duration

        public init(interval: Duration = .seconds(15), finishedJobRetention: Duration = .seconds(7 * 86_400),
                    payloadRetention: Duration = .seconds(30 * 86_400), pruneInterval: Duration = .seconds(3600)) {
            self.interval = interval
            self.finishedJobRetention = finishedJobRetention
            self.payloadRetention = payloadRetention
            self.pruneInterval = pruneInterval
        }
    }

    /// What one pass did, for logs and tests.
    public struct PassReport: Sendable, Equatable {
        public var tenantsVisited = 0
        public var leasesRescued = 0
        public var periodicJobsEnqueued = 0
        public var jobsPruned = 0
        public var payloadsPruned = 0
        public var tenantsFailed = 0
    }

    private let catalog: TenantCatalog
    private let pool: TenantPool
    private let registry: PluginRegistry
    private let services: JobScheduler.ServicesProvider
    private let scheduler: JobScheduler?
    private let configuration: Configuration
    private let logger: Logger

    public init(catalog: TenantCatalog, pool: TenantPool, registry: PluginRegistry, scheduler: JobScheduler?,
                configuration: Configuration = Configuration(), logger: Logger = Logger(label: "synchost.maintenance"),
                services: @escaping JobScheduler.ServicesProvider) {
        self.catalog = catalog
        self.pool = pool
        self.registry = registry
        self.scheduler = scheduler
        self.configuration = configuration
        self.logger = logger
        self.services = services
    }

    /// Runs a pass every interval until the calling task is cancelled.
    public func run() async {
        var lastPrune = ContinuousClock.now
        while !Task.isCancelled {
            let prune = ContinuousClock.now - lastPrune >= configuration.pruneInterval
            if prune { lastPrune = .now }
            let report = await runPass(now: Date(), prune: prune)
            if report.leasesRescued + report.periodicJobsEnqueued + report.jobsPruned + report.payloadsPruned > 0 {
                logger.debug("maintenance pass", metadata: [
                    "tenants": "\(report.tenantsVisited)", "rescued": "\(report.leasesRescued)",
                    "periodic": "\(report.periodicJobsEnqueued)", "prunedJobs": "\(report.jobsPruned)",
                    "prunedPayloads": "\(report.payloadsPruned)",
                ])
            }
            try? await Task.sleep(for: configuration.interval)
        }
    }

    /// One pass over every active tenant. A tenant whose database fails is logged and skipped:
    /// one broken tenant never stops the others' housekeeping.
    @discardableResult
    public func runPass(now: Date = Date(), prune: Bool = false) async -> PassReport {
        var report = PassReport()
        for record in catalog.tenants() where record.status == .active {
            if Task.isCancelled { break }
            report.tenantsVisited += 1
            let tenantServices = await services(record)
            do {
                let (rescued, enqueued, prunedJobs, prunedPayloads) = try await pool.withDatabase(record.id) { database in
                    let rescued = try await database.jobs.rescueExpiredLeases()
                    let enqueued = try await enqueueDuePeriodicJobs(database, services: tenantServices, now: now)
                    var prunedJobs = 0
                    var prunedPayloads = 0
                    if prune {
                        prunedJobs = try await database.jobs.pruneFinished(olderThan: configuration.finishedJobRetention)
                        prunedPayloads = try await database.archive.prune(olderThan: configuration.payloadRetention)
                    }
                    return (rescued, enqueued, prunedJobs, prunedPayloads)
                }
                report.leasesRescued += rescued
                report.periodicJobsEnqueued += enqueued
                report.jobsPruned += prunedJobs
                report.payloadsPruned += prunedPayloads
                if rescued + enqueued > 0 { await scheduler?.markReady(record.id) }
            } catch {
                report.tenantsFailed += 1
                logger.error("maintenance failed for a tenant", metadata: ["tenant": "\(record.id)", "error": "\(error)"])
            }
        }
        return report
    }

    /// Enqueues each enabled plugin's schedule whose current period has not been enqueued yet.
    private func enqueueDuePeriodicJobs(_ database: TenantDatabase, services: TenantServices, now: Date) async throws -> Int {
        var enqueued = 0
        for plugin in registry.plugins where services.isEnabled(plugin.descriptor.id) {
            for schedule in plugin.descriptor.schedules {
                let seconds = max(Double(schedule.interval.components.seconds), 1)
                let period = Int64((now.timeIntervalSince1970 / seconds).rounded(.down))
                let marker = Self.periodMarker(flow: plugin.descriptor.id, kind: schedule.kind)
                if let last = try await database.ledger.cursor(flow: marker).flatMap(Int64.init), last >= period { continue }
                let result = try await database.jobs.enqueue(NewJob(
                    flow: plugin.descriptor.id, kind: schedule.kind, uniqueKey: "schedule:\(schedule.kind)"))
                try await database.ledger.setCursor(String(period), flow: marker)
                if case .enqueued = result { enqueued += 1 }
            }
        }
        return enqueued
    }

    /// The cursor that remembers the last period a schedule was enqueued for.
    static func periodMarker(flow: String, kind: String) -> String { "schedule:\(flow):\(kind)" }
}
