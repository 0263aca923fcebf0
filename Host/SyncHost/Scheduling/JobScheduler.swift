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
/// Between those it sleeps: nothing polls the queues.
///
/// Stopping (``stop()`` or cancelling ``run()``) stops claiming at once, lets the jobs in
/// flight finish up to ``Configuration/shutdownDeadline``, then cancels the rest; a job cut
/// off that way gives its lease and its attempt back, so the next start picks it up at once.
public actor JobScheduler {
    public struct Configuration: Sendable {
        /// Jobs running at once over all tenants. Default 16.
        public var workerLimit: Int
        /// Jobs running at once for one tenant. Default 4.
        public var perTenantLimit: Int
        /// How often every active tenant is checked for due jobs, whatever the signals said. Default 5 s.
        public var sweepInterval: Duration
        /// The longest the loop sleeps when nothing can be dispatched and no signal comes:
        /// a safety net for a missed signal. Default 1 s.
        public var idleWait: Duration
        /// How long a graceful stop waits for jobs in flight before cutting them off. Default 20 s
        /// (inside the 30 s most service managers allow between SIGTERM and SIGKILL).
        public var shutdownDeadline: Duration
        /// Jobs running at once for all the tenants of one NetSuite account, by account id
        /// (upper case). Jobs beyond what the account's concurrency limit can serve would only
        /// hold workers while they wait for it, workers that tenants of other accounts could use.
        public var accountJobLimits: [String: Int]
        /// The cap of accounts not in ``accountJobLimits``; nil means no cap.
        public var defaultAccountJobLimit: Int?

        public init(workerLimit: Int = 16, perTenantLimit: Int = 4, sweepInterval: Duration = .seconds(5),
                    idleWait: Duration = .seconds(1), shutdownDeadline: Duration = .seconds(20),
                    accountJobLimits: [String: Int] = [:], defaultAccountJobLimit: Int? = nil) {
            self.workerLimit = max(1, workerLimit)
            self.perTenantLimit = max(1, perTenantLimit)
            self.sweepInterval = sweepInterval
            self.idleWait = idleWait
            self.shutdownDeadline = shutdownDeadline
            self.accountJobLimits = Dictionary(accountJobLimits.map { ($0.key.uppercased(), max(1, $0.value)) }) { max($0, $1) }
            self.defaultAccountJobLimit = defaultAccountJobLimit.map { max(1, $0) }
        }

        /// The cap of jobs at once for the tenants of `accountID`, if any.
        func accountJobLimit(_ accountID: String) -> Int? {
            accountJobLimits[accountID.uppercased()] ?? defaultAccountJobLimit
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
    private var inFlightByAccount: [String: Int] = [:]
    private var wakeAt: [TenantID: Date] = [:]
    private var lastSweep = ContinuousClock.now - .seconds(3600)
    private let doorbell = Doorbell()
    private var stopping = false
    /// Jobs in flight, by a serial, so a graceful stop can wait for them.
    private var running: [UInt64: Task<Void, Never>] = [:]
    private var nextSerial: UInt64 = 0
    /// Jobs dispatched so far, per tenant, for tests and metrics.
    public private(set) var dispatched: [TenantID: Int] = [:]
    /// Claims attempted so far (including those that found nothing), for tests and metrics.
    public private(set) var claimsAttempted = 0
    /// Jobs that were cut off by a stop and gave their lease back, for tests and metrics.
    public private(set) var releasedOnStop = 0

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
        doorbell.ring()
    }

    /// Begins a graceful stop: no more claims; ``run()`` returns once the jobs in flight have
    /// finished or been cut off at the deadline.
    public func stop() {
        stopping = true
        doorbell.ring()
    }

    /// Jobs running now.
    public var runningCount: Int { running.count }
    /// Jobs running now for the tenants of each NetSuite account (upper-case id), for tests and metrics.
    public var runningByAccount: [String: Int] { inFlightByAccount }

    /// Dispatches jobs until ``stop()`` is called or the calling task is cancelled, then stops
    /// claiming and drains the jobs in flight (see the type's note).
    public func run() async {
        while !Task.isCancelled, !stopping {
            sweepIfDue()
            wakeDueTenants()
            let dispatchedSome = await dispatchWhilePossible()
            if !dispatchedSome, !stopping {
                await doorbell.wait(upTo: idleTimeout())
            }
        }
        await drain()
    }

    /// Waits for the jobs in flight up to the deadline (not at all if the task was cancelled:
    /// that is a hard stop), then cancels the rest and waits for them to give their leases back.
    private func drain() async {
        let deadline = ContinuousClock.now + configuration.shutdownDeadline
        while !running.isEmpty, !Task.isCancelled, ContinuousClock.now < deadline {
            await doorbell.wait(upTo: min(deadline - .now, .milliseconds(250)))
        }
        if !running.isEmpty {
            logger.notice("cutting off jobs still running at shutdown", metadata: ["count": "\(running.count)"])
        }
        for task in running.values { task.cancel() }
        while let (_, task) = running.first { await task.value }
    }

    /// How long the loop may sleep: until the next parked tenant is due or the next sweep,
    /// never longer than the idle cap.
    private func idleTimeout() -> Duration {
        var timeout = configuration.idleWait
        let untilSweep = configuration.sweepInterval - (ContinuousClock.now - lastSweep)
        timeout = min(timeout, max(untilSweep, .milliseconds(1)))
        if let earliest = wakeAt.values.min() {
            timeout = min(timeout, .seconds(clamping: max(earliest.timeIntervalSinceNow, 0.001), maximum: 3600))
        }
        return timeout
    }

    private var totalInFlight: Int { inFlight.values.reduce(0, +) }

    private func dispatchWhilePossible() async -> Bool {
        var dispatchedSome = false
        while totalInFlight < configuration.workerLimit, !Task.isCancelled, !stopping {
            let limit = configuration.perTenantLimit
            let busy = inFlight
            let busyAccounts = inFlightByAccount
            let configuration = self.configuration
            let catalog = self.catalog
            // A tenant whose account has all the jobs its limit can serve waits in the rotation,
            // keeping its place, while tenants of other accounts go ahead.
            guard let tenant = rotation.next(eligible: { tenant in
                guard busy[tenant, default: 0] < limit else { return false }
                guard let account = catalog.tenant(id: tenant)?.netsuiteAccountID,
                      let cap = configuration.accountJobLimit(account) else { return true }
                return busyAccounts[account.uppercased(), default: 0] < cap
            }) else { break }
            guard let record = catalog.tenant(id: tenant), record.status == .active else {
                rotation.deactivate(tenant)
                continue
            }
            // Reserve the slot before awaiting the claim, so the reentrant loop cannot overfill.
            inFlight[tenant, default: 0] += 1
            let account = record.netsuiteAccountID.uppercased()
            inFlightByAccount[account, default: 0] += 1
            let claimed: Job?
            claimsAttempted += 1
            do {
                claimed = try await pool.withDatabase(tenant) { try await $0.jobs.claim() }
            } catch is CancellationError {
                claimed = nil
            } catch {
                logger.error("cannot claim jobs", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
                claimed = nil
            }
            guard let job = claimed else {
                release(tenant, account: account)
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
                let result = try? await pool.withDatabase(tenant) { database in
                    await executor.run(job, tenant: record, database: database, services: await services(record))
                }
                self.finished(tenant, account: account, serial: serial, result: result)
            }
        }
        return dispatchedSome
    }

    private func finished(_ tenant: TenantID, account: String, serial: UInt64, result: JobExecutor.Result?) {
        running[serial] = nil
        if result == .released { releasedOnStop += 1 }
        doorbell.ring()
        release(tenant, account: account)
        // The tenant may have more due jobs: keep it in the rotation; a dry claim parks it.
        rotation.activate(tenant)
    }

    private func release(_ tenant: TenantID, account: String) {
        let count = inFlight[tenant, default: 0]
        inFlight[tenant] = count <= 1 ? nil : count - 1
        let accountCount = inFlightByAccount[account, default: 0]
        inFlightByAccount[account] = accountCount <= 1 ? nil : accountCount - 1
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
