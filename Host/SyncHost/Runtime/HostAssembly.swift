import AsyncHTTPClient
import Foundation
import Logging
import TenantStore

/// The whole host built from its options: catalog, tenant pool, governed clients, ingress,
/// scheduler, housekeeping and the lifecycle service that runs them. `synchost serve`, the
/// demo and the end-to-end tests build the host this one way.
public final class HostAssembly: Sendable {
    public let options: HostOptions
    public let catalog: TenantCatalog
    public let pool: TenantPool
    public let registry: PluginRegistry
    /// Each tenant's governed clients, settings and enabled flows.
    public let services: TenantServicesFactory
    public let scheduler: JobScheduler
    public let maintenance: HostMaintenance
    public let httpServer: HostHTTPServer
    /// The lifecycle service to run in a `ServiceGroup`.
    public let runtime: HostRuntime
    private let httpClient: HTTPClient

    /// Builds the host over `options.dataDirectory`, creating it if needed. The master key
    /// comes from `SYNCHOST_MASTER_KEY` in `environment` or from the data directory.
    public init(options: HostOptions, registry: PluginRegistry, environment: [String: String] = ProcessInfo.processInfo.environment,
                maintenance maintenanceConfiguration: HostMaintenance.Configuration = .init(),
                logger: Logger = Logger(label: "synchost")) throws {
        self.options = options
        self.registry = registry
        try FileManager.default.createDirectory(at: options.dataDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        catalog = try TenantCatalog(dataDirectory: options.dataDirectory)
        let keyring = try MasterKeyStore(dataDirectory: options.dataDirectory, environment: environment).loadKeyring()
        pool = TenantPool(dataDirectory: options.dataDirectory, keyring: keyring, logger: logger)

        let largestLimit = ([options.defaultAccountLimit] + Array(options.accountLimits.values)).max() ?? options.defaultAccountLimit
        httpClient = TenantServicesFactory.makeHTTPClient(maximumAccountLimit: largestLimit)
        let services = TenantServicesFactory(
            pool: pool, httpClient: httpClient,
            configuration: .init(accountLimits: options.accountLimits, defaultAccountLimit: options.defaultAccountLimit),
            logger: logger)
        self.services = services
        let provider: JobScheduler.ServicesProvider = { await services.services(for: $0) }
        let scheduler = JobScheduler(
            catalog: catalog, pool: pool, registry: registry,
            configuration: .init(workerLimit: options.workerLimit, perTenantLimit: options.perTenantLimit,
                                 shutdownDeadline: options.shutdownDeadline,
                                 accountJobLimits: options.accountLimits.mapValues { $0 * Self.jobsPerNetSuiteSlot },
                                 defaultAccountJobLimit: options.defaultAccountLimit * Self.jobsPerNetSuiteSlot),
            logger: logger, services: provider)
        self.scheduler = scheduler
        maintenance = HostMaintenance(catalog: catalog, pool: pool, registry: registry, scheduler: scheduler,
                                      configuration: maintenanceConfiguration, logger: logger, services: provider)
        let ingresses = HostIngresses(catalog: catalog, pool: pool, registry: registry, logger: logger) {
            await scheduler.markReady($0)
        }
        httpServer = HostHTTPServer(ingresses: ingresses, host: options.bindAddress, port: options.port, logger: logger)
        runtime = HostRuntime(scheduler: scheduler, maintenance: maintenance, httpServer: httpServer, pool: pool, logger: logger)
    }

    /// Jobs the scheduler runs at once per NetSuite concurrency slot of an account: a job spends
    /// part of its time on Shopify and in the host, so two per slot keep NetSuite busy without
    /// letting one account's tenants hold every worker while they wait for it.
    static let jobsPerNetSuiteSlot = 2

    /// Releases what outlives the runtime (the shared HTTP client). Call after the runtime returned.
    public func shutdown() async {
        try? await httpClient.shutdown()
    }
}
