import ArgumentParser
import Foundation
import Logging
import SyncHostDemo

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole system on the local sandboxes: three client stores, a flash sale, a per-tenant summary.",
        discussion: """
            Needs no set-up. Starts the Shopify and NetSuite sandboxes in this process, onboards three \
            demo tenants (two on subsidiaries of one NetSuite account, sharing its concurrency limit), \
            plays a flash sale on every store at once with duplicated and out-of-order webhooks, shows \
            progress while the host drains it, then checks every order on NetSuite. Exits 0 only if every \
            order synced with Shopify's total to the cent.
            """
    )

    @Option(name: .customLong("data-dir"), help: "Keep the host's databases here (default: a fresh temporary folder).")
    var dataDirectory: String?

    @Option(help: "Orders each store places in the flash sale.")
    var orders = 100

    @Option(help: "Seconds the flash sale lasts.")
    var saleSeconds = 3.0

    @Option(help: "Seconds the host may take to drain the sale.")
    var timeoutSeconds = 180.0

    @Option(help: "Seed of the catalogs and traffic.")
    var seed: UInt64 = 2026

    @Flag(help: "Show the host's log lines (warnings and above) on standard error.")
    var verbose = false

    func validate() throws {
        guard (1...5_000).contains(orders) else { throw ValidationError("--orders must be between 1 and 5000") }
        guard saleSeconds >= 0, saleSeconds <= 3_600 else { throw ValidationError("--sale-seconds must be between 0 and 3600") }
        guard timeoutSeconds > 0, timeoutSeconds <= 86_400 else { throw ValidationError("--timeout-seconds must be between 0 and 86400") }
    }

    func run() async throws {
        StandardErrorLogging.bootstrap(level: verbose ? .warning : .critical)
        var configuration = DemoRun.Configuration()
        configuration.dataDirectory = dataDirectory.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        configuration.ordersPerTenant = orders
        configuration.saleDuration = .milliseconds(Int64(saleSeconds * 1_000))
        configuration.timeout = .milliseconds(Int64(timeoutSeconds * 1_000))
        configuration.seed = seed
        let outcome = try await DemoRun(configuration: configuration).run { line in
            // Unbuffered: progress must show up even when stdout is a pipe.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        if !outcome.passed {
            FileHandle.standardError.write(Data("demo failed: not every order synced as it should (see above)\n".utf8))
            throw ExitCode(1)
        }
    }
}
