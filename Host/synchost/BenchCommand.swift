import ArgumentParser
import Benchmarks
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchStoreCommand.self]
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
