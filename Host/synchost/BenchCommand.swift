import ArgumentParser
import Benchmarks
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchStoreCommand.self, BenchSchedulerCommand.self]
    )
}

struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Measure the tenant store: enqueue, claim+complete and archive rates, and the archive's compression ratio."
    )

    @Option(help: "Jobs (and payloads) per measurement.")
    var operations = 5_000

    @Option(help: "Tenants in the many-tenant measurements.")
    var tenants = 100

    @Option(help: "Rows per transaction in the batched measurements.")
    var batchSize = 100

    @Option(help: "Folder for the benchmark's databases (default: a fresh temporary folder, removed afterwards).")
    var dataDir: String?

    func validate() throws {
        guard operations > 0, tenants > 0, batchSize > 0 else {
            throw ValidationError("--operations, --tenants and --batch-size must be positive")
        }
    }

    func run() async throws {
        let directory = dataDir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("synchost-bench-\(UUID().uuidString)")
        defer { if dataDir == nil { try? FileManager.default.removeItem(at: directory) } }
        let benchmark = StoreBenchmark(
            directory: directory, operations: operations, tenants: tenants, batchSize: batchSize)
        let report = try await benchmark.run { line in print(line) }
        print("")
        print(report.table)
    }
}

struct BenchSchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Measure how long a quiet tenant's job waits while noisy tenants drain a large backlog, against a baseline without one."
    )

    @Option(help: "Tenants that start with a backlog.")
    var noisyTenants = 1

    @Option(help: "Jobs queued in each noisy tenant.")
    var backlog = 50_000

    @Option(help: "Tenants that receive the measured jobs.")
    var quietTenants = 10

    @Option(help: "Measured (quiet) jobs per scenario.")
    var quietJobs = 200

    @Option(help: "Mean milliseconds between two measured jobs (uniform over half to one and a half times this).")
    var quietIntervalMs = 50.0

    @Option(help: "Milliseconds each job's plugin works (0 allowed).")
    var workMs = 2.0

    @Option(help: "The scheduler's global worker limit (default: the scheduler's own).")
    var workers: Int?

    @Option(help: "The scheduler's per-tenant cap (default: the scheduler's own).")
    var perTenantCap: Int?

    @Option(help: "Seed for the measured jobs' arrival times and tenants.")
    var seed: UInt64 = 2026

    @Option(help: "Folder for the benchmark's databases (default: a fresh temporary folder, removed afterwards).")
    var dataDir: String?

    func validate() throws {
        guard noisyTenants >= 0, backlog >= 0, workMs >= 0 else {
            throw ValidationError("--noisy-tenants, --backlog and --work-ms must not be negative")
        }
        guard quietTenants > 0, quietJobs > 0, quietIntervalMs > 0 else {
            throw ValidationError("--quiet-tenants, --quiet-jobs and --quiet-interval-ms must be positive")
        }
        guard (workers ?? 1) > 0, (perTenantCap ?? 1) > 0 else {
            throw ValidationError("--workers and --per-tenant-cap must be positive")
        }
    }

    func run() async throws {
        let directory = dataDir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("synchost-bench-\(UUID().uuidString)")
        defer { if dataDir == nil { try? FileManager.default.removeItem(at: directory) } }
        var options = SchedulerBenchmark.Options(
            noisyTenants: noisyTenants, backlog: backlog, quietTenants: quietTenants, quietJobs: quietJobs,
            quietInterval: .microseconds(Int64((quietIntervalMs * 1_000).rounded())),
            work: .microseconds(Int64((workMs * 1_000).rounded())), seed: seed)
        if let workers { options.workerLimit = workers }
        if let perTenantCap { options.perTenantLimit = perTenantCap }
        let report = try await SchedulerBenchmark(directory: directory, options: options).run { line in print(line) }
        print("")
        print(report.table)
    }
}
