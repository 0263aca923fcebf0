import Foundation
import Logging
import PluginKit
import TenantStore

/// Runs every tenant's due jobs through their plugins, fairly: deficit round robin over the
/// tenants that have due jobs, a global worker limit, and a per-tenant cap, so a tenant with
/// 50,000 queued jobs delays a quiet tenant's next job by at most one job per busy tenant.
///
/// The scheduler keeps no queue of its own: each tenant's queue is its database. It learns
/// that a tenant has work from ``markReady(_:)`` (ingress after a commit), from the due times
/// it reads when a tenant's queue runs dry, and from a periodic sweep of every active tenant.
public actor JobScheduler {
    public struct Configuration: Sendable {
        /// Jobs running at once over all tenants. Default 16.
        public var workerLimit: Int
        /// Jobs running at once for one tenant. Default 4.
        public var perTenantLimit: Int
        /// How often every active tenant is checked for due jobs, whatever the signals said. Default 5 s.
        public var sweepInterval: Duration
        /// How long the loop sleeps when nothing can be dispatched. Default 20 ms.
        public var idleWait: Duration

        public init(workerLimit: Int = 16, perTenantLimit: Int = 4, sweepInterval: Duration = .seconds(5),
                    idleWait: Duration = .milliseconds(20)) {
            self.workerLimit = max(1, workerLimit)
            self.perTenantLimit = max(1, perTenantLimit)
            self.sweepInterval = sweepInterval
            self.idleWait = idleWait
        }
    }

    /// Where the services (governed clients) of a tenant come from.
    public typealias ServicesProvider = @Sendable (TenantRecord) async -> TenantServices

    private let catalog: TenantCatalog
    private let pool: TenantPool
    private let executor: JobExecutor
    private let services: ServicesProvider
    private let configuration: Configuration
    private let logger: Logger
    private var rotation = DeficitRoundRobin<TenantID>()
    private var inFlight: [TenantID: Int] = [:]
    private var wakeAt: [TenantID: Date] = [:]
    private var lastSweep = ContinuousClock.now - .seconds(3600)
    /// Jobs in flight, by a serial, so a graceful stop can wait for them.
    private var running: [UInt64: Task<Void, Never>] = [:]
    private var nextSerial: UInt64 = 0
    /// Jobs dispatched so far, per tenant, for tests and metrics.
    public private(set) var dispatched: [TenantID: Int] = [:]
    /// Claims attempted so far (including those that found nothing), for tests and metrics.
    public private(set) var claimsAttempted = 0

    public init(catalog: TenantCatalog, pool: TenantPool, registry: PluginRegistry, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "synchost.scheduler"), services: @escaping ServicesProvider = { _ in TenantServices() }) {
        self.catalog = catalog
        self.pool = pool
        self.executor = JobExecutor(registry: registry, logger: logger)
        self.services = services
        self.configuration = configuration
        self.logger = logger
    }

    /// Tells the scheduler that `tenant` has jobs due now.
    public func markReady(_ tenant: TenantID) {
        wakeAt[tenant] = nil
        rotation.activate(tenant)
    }

    /// Dispatches jobs until the calling task is cancelled, then stops claiming and waits for
    /// the jobs in flight to finish (each records its own outcome; a job cut off by the
    /// process ending is rescued through its lease).
    public func run() async {
        while !Task.isCancelled {
            sweepIfDue()
            wakeDueTenants()
            let dispatchedSome = await dispatchWhilePossible()
            if !dispatchedSome {
                try? await Task.sleep(for: configuration.idleWait)
            }
        }
        while let (_, task) = running.first { await task.value }
    }

    private var totalInFlight: Int { inFlight.values.reduce(0, +) }

    private func dispatchWhilePossible() async -> Bool {
        var dispatchedSome = false
        while totalInFlight < configuration.workerLimit, !Task.isCancelled {
            let limit = configuration.perTenantLimit
            let busy = inFlight
            guard let tenant = rotation.next(eligible: { busy[$0, default: 0] < limit }) else { break }
            guard let record = catalog.tenant(id: tenant), record.status == .active else {
                rotation.deactivate(tenant)
                continue
            }
            // Reserve the slot before awaiting the claim, so the reentrant loop cannot overfill.
            inFlight[tenant, default: 0] += 1
            let claimed: Job?
            claimsAttempted += 1
            do {
                claimed = try await pool.withDatabase(tenant) { try await $0.jobs.claim() }
            } catch {
                logger.error("cannot claim jobs", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
                claimed = nil
            }
            guard let job = claimed else {
                release(tenant)
                await parkUntilDue(tenant)
                continue
            }
            dispatched[tenant, default: 0] += 1
            dispatchedSome = true
            let services = self.services
            let executor = self.executor
            let pool = self.pool
            nextSerial += 1
            let serial = nextSerial
            running[serial] = Task {
                _ = try? await pool.withDatabase(tenant) { database in
                    await executor.run(job, tenant: record, database: database, services: await services(record))
                }
                self.finished(tenant, serial: serial)
            }
        }
        return dispatchedSome
    }

    private func finished(_ tenant: TenantID, serial: UInt64) {
        running[serial] = nil
        release(tenant)
        // The tenant may have more due jobs: keep it in the rotation; a dry claim parks it.
        rotation.activate(tenant)
    }

    private func release(_ tenant: TenantID) {
        let count = inFlight[tenant, default: 0]
        inFlight[tenant] = count <= 1 ? nil : count - 1
    }

    /// Takes a tenant whose queue has nothing due out of the rotation until its next job is
    /// due, even while some of its jobs still run: ``finished(_:serial:)`` brings it back, so
    /// the loop never spins on empty claims while a tenant's last jobs are in flight.
    private func parkUntilDue(_ tenant: TenantID) async {
        rotation.deactivate(tenant)
        let next = try? await pool.withDatabase(tenant) { try await $0.jobs.nextDueDate() }
        if let next = next ?? nil { wakeAt[tenant] = next }
    }

    private func wakeDueTenants() {
        let now = Date()
        for (tenant, date) in wakeAt where date <= now {
            wakeAt[tenant] = nil
            rotation.activate(tenant)
        }
    }

    /// Every so often, every active tenant gets a look: jobs may have been enqueued by another
    /// process (a CLI replay), or a signal may have been missed.
    private func sweepIfDue() {
        guard ContinuousClock.now - lastSweep >= configuration.sweepInterval else { return }
        lastSweep = .now
        for record in catalog.tenants() where record.status == .active { rotation.activate(record.id) }
    }
}
