import Foundation
import Logging
import PluginKit
import SyncHost
import TenantStore

/// `synchost bench scheduler`: how long a quiet tenant's job waits while other tenants have
/// tens of thousands of jobs queued, with the real ``JobScheduler`` over real per-tenant
/// SQLite databases.
///
/// Two scenarios run one after the other, each in its own folder: a baseline where only the
/// quiet tenants have work, and one where noisy tenants start with a backlog. In both, quiet
/// jobs arrive one at a time at random moments on random quiet tenants (the same seeded
/// sequence), and each is measured from just before its enqueue to the start of its plugin
/// run. The ratio of the two is the figure to quote: both come from the same machine in the
/// same minute, so a loaded machine moves them together.
public struct SchedulerBenchmark: Sendable {
    public struct Options: Sendable {
        /// Tenants that start with a backlog. Default 1.
        public var noisyTenants: Int
        /// Jobs queued in each noisy tenant before the scheduler starts. Default 50,000.
        public var backlog: Int
        /// Tenants that receive the measured jobs. Default 10.
        public var quietTenants: Int
        /// Measured jobs per scenario. Default 200.
        public var quietJobs: Int
        /// The mean gap between two measured jobs (spread uniformly over half to one and a
        /// half times this). Default 50 ms.
        public var quietInterval: Duration
        /// How long the plugin works on each job. Default 2 ms; zero is allowed.
        public var work: Duration
        /// The scheduler's global worker limit (``JobScheduler/Configuration/workerLimit``).
        public var workerLimit: Int
        /// The scheduler's per-tenant cap (``JobScheduler/Configuration/perTenantLimit``).
        public var perTenantLimit: Int
        /// Seeds the arrival times and tenants of the measured jobs.
        public var seed: UInt64

        public init(noisyTenants: Int = 1, backlog: Int = 50_000, quietTenants: Int = 10, quietJobs: Int = 200,
                    quietInterval: Duration = .milliseconds(50), work: Duration = .milliseconds(2),
                    workerLimit: Int = JobScheduler.Configuration().workerLimit,
                    perTenantLimit: Int = JobScheduler.Configuration().perTenantLimit, seed: UInt64 = 2026) {
            self.noisyTenants = noisyTenants
            self.backlog = backlog
            self.quietTenants = quietTenants
            self.quietJobs = quietJobs
            self.quietInterval = quietInterval
            self.work = work
            self.workerLimit = workerLimit
            self.perTenantLimit = perTenantLimit
            self.seed = seed
        }
    }

    public let directory: URL
    public let options: Options

    /// Runs in `directory`, which is created if needed; each scenario uses a subfolder.
    public init(directory: URL, options: Options = Options()) {
        self.directory = directory
        self.options = options
    }

    /// What one scenario observed.
    public struct Scenario: Sendable {
        /// Each started quiet job's wait, enqueue to plugin start, in milliseconds.
        public let quietLatenciesMS: [Double]
        /// Each started quiet job's count of noisy jobs that began while it waited.
        public let jobsAhead: [Int]
        /// Quiet jobs that had not started when the scenario gave up waiting.
        public let quietJobsNotStarted: Int
        /// Noisy jobs begun between the first measured enqueue and the last measured start.
        public let noisyJobsInWindow: Int
        /// The length of that window, in seconds.
        public let windowSeconds: Double
        /// Noisy jobs still queued when the scenario stopped: zero means the backlog ran dry
        /// during the measurement, which understates the contention.
        public let backlogLeft: Int

        /// Noisy jobs begun per second during the window.
        public var noisyPerSecond: Double { Double(noisyJobsInWindow) / max(windowSeconds, 1e-9) }
    }

    public struct Report: Sendable {
        public let options: Options
        public let baseline: Scenario
        public let backlogged: Scenario

        /// The most noisy jobs the design lets start ahead of a quiet one, roughly: every busy
        /// tenant may already hold its per-tenant cap of claimed jobs when the quiet job
        /// arrives, and the quiet tenant joins the round behind each of them once.
        public var jobsAheadBound: Int { options.noisyTenants * options.perTenantLimit }

        /// The figures as an aligned text table.
        public var table: String {
            let o = options
            var lines = [
                "\(o.noisyTenants) noisy tenant(s) x \(o.backlog) queued jobs, \(o.quietTenants) quiet tenants, "
                    + "\(o.quietJobs) quiet jobs every ~\(o.quietInterval.inMilliseconds.fixed(1)) ms, "
                    + "work \(o.work.inMilliseconds.fixed(1)) ms/job, workers \(o.workerLimit), per-tenant cap \(o.perTenantLimit)",
                "",
                "quiet jobs                      p50       p95       p99       max",
            ]
            func row(_ name: String, _ values: [Double], decimals: Int) {
                let cells = [0.50, 0.95, 0.99, 1.0].map { Percentile.of(values, $0).fixed(decimals).leftPadded(10) }
                lines.append(name.padding(toLength: 28, withPad: " ", startingAt: 0) + cells.joined())
            }
            row("latency ms, no backlog", baseline.quietLatenciesMS, decimals: 2)
            row("latency ms, with backlog", backlogged.quietLatenciesMS, decimals: 2)
            row("jobs ahead, no backlog", baseline.jobsAhead.map(Double.init), decimals: 0)
            row("jobs ahead, with backlog", backlogged.jobsAhead.map(Double.init), decimals: 0)
            let ratios = [0.50, 0.95, 0.99, 1.0].map { quantile -> String in
                let without = Percentile.of(baseline.quietLatenciesMS, quantile)
                let with = Percentile.of(backlogged.quietLatenciesMS, quantile)
                return (without > 0 ? (with / without).fixed(2) + "x" : "n/a").leftPadded(10)
            }
            lines.append("latency ratio with / without".padding(toLength: 28, withPad: " ", startingAt: 0) + ratios.joined())
            lines.append("")
            let worst = backlogged.jobsAhead.max() ?? 0
            lines.append("jobs ahead bound (noisy tenants x per-tenant cap): \(jobsAheadBound); "
                + "worst seen \(worst)" + (worst <= jobsAheadBound ? " (within)" : " (EXCEEDED)"))
            lines.append("noisy throughput while measuring: \(Int(backlogged.noisyPerSecond.rounded())) jobs/s "
                + "(\(backlogged.noisyJobsInWindow) jobs in \(backlogged.windowSeconds.fixed(1)) s; "
                + "\(backlogged.backlogLeft) still queued at the end)")
            if backlogged.backlogLeft == 0, o.noisyTenants > 0, o.backlog > 0 {
                lines.append("warning: the backlog ran dry before the measurement ended; raise --backlog")
            }
            for (name, scenario) in [("no backlog", baseline), ("with backlog", backlogged)] where scenario.quietJobsNotStarted > 0 {
                lines.append("warning: \(scenario.quietJobsNotStarted) quiet job(s) never started (\(name)); they are left out")
            }
            return lines.joined(separator: "\n")
        }
    }

    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        progress("baseline: \(options.quietJobs) quiet jobs, no backlog...")
        let baseline = try await runScenario(folder: "baseline", backlog: 0, progress: progress)
        progress("with backlog: \(options.noisyTenants) x \(options.backlog) noisy jobs, \(options.quietJobs) quiet jobs...")
        let backlogged = try await runScenario(folder: "backlog", backlog: options.backlog, progress: progress)
        return Report(options: options, baseline: baseline, backlogged: backlogged)
    }

    private func runScenario(folder: String, backlog: Int, progress: @Sendable (String) -> Void) async throws -> Scenario {
        let folder = directory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let catalog = try TenantCatalog(dataDirectory: folder)
        let pool = TenantPool(
            dataDirectory: folder, keyring: MasterKeyring(current: .generate()),
            configuration: .init(maximumOpenDatabases: max(128, options.noisyTenants + options.quietTenants + 1)))
        let noisy = try (0..<options.noisyTenants).map { try TenantID("noisy-\($0)") }
        let quiet = try (0..<options.quietTenants).map { try TenantID("quiet-\($0)") }
        for id in noisy + quiet {
            try catalog.add(TenantRecord(id: id, displayName: id.rawValue, shopDomain: "\(id.rawValue).myshopify.com",
                                         netsuiteAccountID: "1", subsidiaryID: "1"))
            // Open (create and migrate) every tenant first: opening is not what is measured.
            _ = try await pool.withDatabase(id) { try await $0.jobs.stats() }
        }
        if backlog > 0 {
            progress("  queueing the backlog...")
            for id in noisy { try await enqueueBacklog(backlog, in: id, pool: pool) }
        }

        let log = SchedulerStartLog()
        var logger = Logger(label: "synchost.bench.scheduler")
        // The scheduler's notices (jobs cut off by the final stop) are expected here, not news.
        logger.logLevel = .error
        let scheduler = JobScheduler(
            catalog: catalog, pool: pool, registry: try PluginRegistry([TimedBenchmarkPlugin(work: options.work, log: log)]),
            configuration: .init(workerLimit: options.workerLimit, perTenantLimit: options.perTenantLimit), logger: logger)
        for id in noisy where backlog > 0 { await scheduler.markReady(id) }
        let running = Task { await scheduler.run() }

        if backlog > 0 {
            // Measure a backlog that is draining at full speed, not one still spinning up.
            let warmUp = min(backlog * noisy.count, 200)
            let deadline = ContinuousClock.now + .seconds(60)
            while log.noisyStarted < warmUp, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        }

        // One unmeasured job per quiet tenant first, so neither scenario's figures include the
        // first run's one-off costs (the first claim on each database, cold caches).
        for (index, tenant) in quiet.enumerated() {
            _ = try await pool.withDatabase(tenant) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: TimedBenchmarkPlugin.warmUpKind)) }
            await scheduler.markReady(tenant)
            let deadline = ContinuousClock.now + .seconds(30)
            while log.warmUpStarted <= index, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        }

        progress("  measuring...")
        var random = SplitMix64(seed: options.seed)
        let noisyAtWindowStart = log.noisyStarted
        let windowStart = ContinuousClock.now
        for number in 0..<options.quietJobs {
            let gap = options.quietInterval * (0.5 + random.nextUnit())
            try await Task.sleep(for: gap)
            let tenant = quiet[Int(random.next() % UInt64(quiet.count))]
            let enqueuedAt = ContinuousClock.now
            _ = try await pool.withDatabase(tenant) { database in
                try await database.jobs.enqueue(NewJob(flow: "orders", kind: TimedBenchmarkPlugin.quietKindPrefix + "\(number)"))
            }
            log.recordQuietCommit(number, enqueuedAt: enqueuedAt)
            await scheduler.markReady(tenant)
        }
        // Generous: a quiet job that has not started after this long is a finding, not a wait.
        let deadline = ContinuousClock.now + .seconds(30)
        while log.quietStarted < options.quietJobs, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let noisyAtWindowEnd = log.noisyStarted
        running.cancel()
        await running.value

        var backlogLeft = 0
        for id in noisy { backlogLeft += try await pool.withDatabase(id) { try await $0.jobs.stats() }.count(.available) }
        await pool.closeAll()

        var latencies: [Double] = []
        var jobsAhead: [Int] = []
        var lastStart = windowStart
        for job in log.quietJobs.values {
            guard let enqueued = job.enqueuedAt, let started = job.startedAt,
                  let aheadFrom = job.noisyStartedAtCommit, let aheadTo = job.noisyStartedAtStart else { continue }
            latencies.append((started - enqueued).inMilliseconds)
            // Negative when the scheduler started the job before the enqueuer noted its commit.
            jobsAhead.append(max(0, aheadTo - aheadFrom))
            lastStart = max(lastStart, started)
        }
        return Scenario(
            quietLatenciesMS: latencies, jobsAhead: jobsAhead, quietJobsNotStarted: options.quietJobs - latencies.count,
            noisyJobsInWindow: noisyAtWindowEnd - noisyAtWindowStart, windowSeconds: (lastStart - windowStart).inSeconds,
            backlogLeft: backlogLeft)
    }

    private func enqueueBacklog(_ count: Int, in tenant: TenantID, pool: TenantPool) async throws {
        let batchSize = 1_000
        for start in stride(from: 0, to: count, by: batchSize) {
            let jobs = (start..<min(start + batchSize, count)).map { _ in NewJob(flow: "orders", kind: TimedBenchmarkPlugin.noisyKind) }
            _ = try await pool.withDatabase(tenant) { try await $0.jobs.enqueue(jobs) }
        }
    }
}

/// Nearest-rank percentiles of a sample.
enum Percentile {
    /// The value at `quantile` (0...1) of `values`, by nearest rank; 0 for an empty sample.
    static func of(_ values: [Double], _ quantile: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((quantile * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// A small seeded generator, so both scenarios see the same arrival sequence.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var inMilliseconds: Double { inSeconds * 1_000 }
}

extension Double {
    func fixed(_ decimals: Int) -> String { String(format: "%.\(decimals)f", self) }
}
