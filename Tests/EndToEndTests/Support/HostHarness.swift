import Foundation
import Logging
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import SyncHost
import SyncHostDemo
import TenantStore

/// The whole system for one test: both sandboxes with the demo clients, and the real host
/// (built by `HostAssembly`, as `synchost serve` builds it) over a temporary data directory,
/// listening on loopback. The host can be stopped and started again on the same port and
/// data, as after a restart.
final class HostHarness: @unchecked Sendable {
    let world: DemoWorld
    let dataDirectory: URL
    private(set) var assembly: HostAssembly
    private var host: RunningHost?
    private var options: HostOptions
    private let maintenance: HostMaintenance.Configuration

    /// Starts the sandboxes and the host; onboards `tenants` (ids of demo tenants; all by default).
    init(world configuration: DemoWorld.Configuration = .init(), tenants: [String]? = nil, workerLimit: Int = 8,
         shutdownDeadline: Duration = .seconds(10), maintenance: HostMaintenance.Configuration = .init(interval: .milliseconds(250))) async throws {
        world = try await DemoWorld.start(configuration)
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-e2e-\(UUID().uuidString.prefix(8))")
        options = HostOptions(dataDirectory: dataDirectory)
        options.port = 0
        options.workerLimit = workerLimit
        options.perTenantLimit = min(4, workerLimit)
        options.shutdownDeadline = shutdownDeadline
        self.maintenance = maintenance
        assembly = try HostAssembly(options: options, registry: try BuiltInPlugins.registry(), maintenance: maintenance,
                                    logger: Self.quietLogger)
        do {
            try await startHost()
            let onboarding = DemoOnboarding(world: world, assembly: assembly)
            for tenant in world.tenants where tenants?.contains(tenant.tenantID) ?? true {
                try await onboarding.onboard(tenant)
            }
        } catch {
            await stop()
            throw error
        }
    }

    /// The host's logger in tests: silent unless `SYNCHOST_TEST_LOG` names a level (`debug`, ...).
    static var quietLogger: Logger {
        var logger = Logger(label: "synchost.e2e")
        logger.logLevel = ProcessInfo.processInfo.environment["SYNCHOST_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }

    func tenant(_ id: String) -> DemoTenant { world.tenants.first { $0.tenantID == id }! }

    /// Starts the host's runtime and waits until it listens.
    func startHost() async throws {
        host = try await RunningHost(assembly, logger: Self.quietLogger)
        options.port = assembly.httpServer.port
    }

    /// Stops the host gracefully (as on SIGTERM) and waits until it has.
    func stopHost() async {
        await host?.stop()
        host = nil
    }

    /// A new host process over the same data directory and port.
    func restartHost() async throws {
        await stopHost()
        assembly = try HostAssembly(options: options, registry: try BuiltInPlugins.registry(), maintenance: maintenance,
                                    logger: Self.quietLogger)
        try await startHost()
    }

    /// Stops everything and removes the data directory; safe to call twice.
    func stop() async {
        await stopHost()
        await world.stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    /// The tenant's tally for `orders` placed orders.
    func tally(_ tenant: String, orders: [Int64]) async throws -> TenantTally {
        try await TenantTally.read(tenant: try TenantID(tenant), placedOrderIDs: orders, pool: assembly.pool)
    }

    /// Waits until every order in `orders` of `tenant` is in NetSuite with the right total,
    /// or the timeout passes; returns the last check.
    @discardableResult
    func waitUntilSynced(_ tenant: String, orders: [Int64], timeout: Duration = .seconds(90)) async throws -> SalesOrderCheck.Result {
        let deadline = ContinuousClock.now + timeout
        var result = SalesOrderCheck.Result()
        while ContinuousClock.now < deadline {
            result = await SalesOrderCheck().check(orders, of: self.tenant(tenant), netsuite: world.netsuite)
            if result.passed { return result }
            try await Task.sleep(for: .milliseconds(200))
        }
        return result
    }

    /// Runs `body` with the tenant's database.
    func withDatabase<T: Sendable>(_ tenant: String, _ body: @Sendable (TenantDatabase) async throws -> T) async throws -> T {
        try await assembly.pool.withDatabase(try TenantID(tenant), body)
    }
}
