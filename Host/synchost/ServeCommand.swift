import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SyncHost
import TenantStore
import UnixSignals

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the host: webhook ingress, the job scheduler and housekeeping, until SIGTERM or SIGINT.",
        discussion: """
            Every option can also come from the environment (flags win): SYNCHOST_DATA_DIR, \
            SYNCHOST_BIND, SYNCHOST_PORT, SYNCHOST_WORKERS, SYNCHOST_TENANT_WORKERS, \
            SYNCHOST_SHUTDOWN_DEADLINE, SYNCHOST_ACCOUNT_LIMITS (ACCOUNT=N,ACCOUNT=N), \
            SYNCHOST_DEFAULT_ACCOUNT_LIMIT. The master key comes from SYNCHOST_MASTER_KEY or \
            <data-dir>/master.key. On SIGTERM the host stops accepting webhooks, lets running jobs \
            finish up to the shutdown deadline, and gives the leases of the rest back.
            """
    )

    @Option(name: .customLong("data-dir"), help: "The host's data directory (tenant catalog and databases).")
    var dataDirectory: String?

    @Option(name: .customLong("bind"), help: "Address to listen on (default 127.0.0.1).")
    var bindAddress: String?

    @Option(help: "Port to listen on; 0 picks a free one (default 8080).")
    var port: Int?

    @Option(name: .customLong("workers"), help: "Jobs running at once over all tenants (default 16).")
    var workerLimit: Int?

    @Option(name: .customLong("tenant-workers"), help: "Jobs running at once for one tenant (default 4).")
    var perTenantLimit: Int?

    @Option(name: .customLong("shutdown-deadline"), help: "Seconds a stop waits for running jobs (default 20).")
    var shutdownDeadline: Double?

    @Option(name: .customLong("account-limit"), help: "A NetSuite account's concurrency limit, ACCOUNT=N; repeatable.")
    var accountLimits: [String] = []

    @Option(name: .customLong("default-account-limit"), help: "Concurrency limit of accounts not listed (default 5).")
    var defaultAccountLimit: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        var flags = HostOptions.Flags()
        flags.dataDirectory = dataDirectory
        flags.bindAddress = bindAddress
        flags.port = port
        flags.workerLimit = workerLimit
        flags.perTenantLimit = perTenantLimit
        flags.shutdownDeadlineSeconds = shutdownDeadline
        flags.accountLimits = accountLimits
        flags.defaultAccountLimit = defaultAccountLimit
        let options: HostOptions
        do {
            options = try HostOptions.resolve(flags, environment: ProcessInfo.processInfo.environment)
        } catch let error as HostOptionsError {
            throw ValidationError(error.message)
        }
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        StandardErrorLogging.bootstrap(level: level)
        let logger = Logger(label: "synchost")
        FileDescriptorLimit.raiseSoftLimit(logger: logger)

        let assembly = try HostAssembly(options: options, registry: try BuiltInPlugins.registry(), logger: logger)
        logger.info("starting", metadata: [
            "dataDir": "\(options.dataDirectory.path)", "tenants": "\(assembly.catalog.tenants().count)",
            "workers": "\(options.workerLimit)", "tenantWorkers": "\(options.perTenantLimit)",
        ])
        let group = ServiceGroup(configuration: .init(
            services: [assembly.runtime], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await assembly.shutdown()
            throw error
        }
        await assembly.shutdown()
    }
}
