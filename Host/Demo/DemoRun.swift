import Foundation
import Logging
import SandboxWorld
import NetSuiteSandbox
import ShopifySandbox
import ShopifySimulator
import SyncHost
import TenantStore
import UnixSignals

/// One tenant's line in the demo's summary.
public struct DemoTenantSummary: Sendable {
    public let tenantID: String
    public let netsuiteAccount: String
    public let tally: TenantTally
    public let check: SalesOrderCheck.Result
    /// Every order synced, verified on NetSuite, none dead.
    public var passed: Bool { check.passed && tally.synced == tally.placed && tally.dead == 0 }
}

/// `synchost demo`: the whole system on the sandboxes, with no set-up. Starts both sandboxes
/// in-process, builds the host over a data directory, onboards the three demo clients (two on
/// subsidiaries of one NetSuite account), plays a flash sale on every store at once, shows
/// progress while the host drains it, and checks every order on NetSuite.
public struct DemoRun: Sendable {
    public struct Configuration: Sendable {
        /// Where the host keeps its databases; nil means a fresh temporary folder.
        public var dataDirectory: URL?
        /// Orders each store places in the flash sale. Default 100.
        public var ordersPerTenant: Int = 100
        /// How long the flash sale lasts: short enough that orders arrive faster than NetSuite's
        /// limit lets the host write them, so the demo shows a backlog draining. Default 3 s.
        public var saleDuration: Duration = .seconds(3)
        /// How long the host may take to drain the sale before the demo gives up. Default 180 s.
        public var timeout: Duration = .seconds(180)
        /// Seed of the catalogs and traffic.
        public var seed: UInt64 = 2026
        /// Jobs at once over all tenants.
        public var workerLimit: Int = 12
        /// Webhook delivery faults the Shopify sandbox injects (duplicates, out of order, ...).
        public var webhookFaults: WebhookFaults = WebhookFaults(duplicate: 0.05, outOfOrder: 0.05, seed: 7)
        /// Whether SIGINT/SIGTERM stop the host gracefully (the command); tests leave signals alone.
        public var handlesSignals = true

        public init() {}
    }

    /// What the run found.
    public struct Outcome: Sendable {
        public let summaries: [DemoTenantSummary]
        public let dataDirectory: URL
        public let elapsed: Duration
        /// Every order of every tenant synced and verified.
        public var passed: Bool { summaries.allSatisfy(\.passed) }
    }

    public let configuration: Configuration
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Runs the demo, writing progress through `say`; returns the verdict. Stops everything it
    /// started, also when it throws.
    public func run(say: @escaping @Sendable (String) -> Void, logger: Logger = Logger(label: "synchost.demo")) async throws -> Outcome {
        let started = ContinuousClock.now
        let dataDirectory = configuration.dataDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("synchost-demo-\(UUID().uuidString.prefix(8))")
        say("starting the Shopify and NetSuite sandboxes...")
        var world = DemoWorld.Configuration(seed: configuration.seed)
        world.webhookFaults = configuration.webhookFaults
        let sandboxes = try await DemoWorld.start(world)
        do {
            let outcome = try await runHost(world: sandboxes, dataDirectory: dataDirectory, started: started, say: say, logger: logger)
            await sandboxes.stop()
            return outcome
        } catch {
            await sandboxes.stop()
            throw error
        }
    }

    private func runHost(world: DemoWorld, dataDirectory: URL, started: ContinuousClock.Instant,
                         say: @escaping @Sendable (String) -> Void, logger: Logger) async throws -> Outcome {
        var options = HostOptions(dataDirectory: dataDirectory)
        options.port = 0
        options.workerLimit = configuration.workerLimit
        // The demo accounts have NetSuite's Standard limit, the host's default.
        options.defaultAccountLimit = 5
        let assembly = try HostAssembly(options: options, registry: try BuiltInPlugins.registry(), logger: logger)
        let host = try await RunningHost(assembly, signals: configuration.handlesSignals ? [.sigterm, .sigint] : [], logger: logger)
        do {
            let outcome = try await drive(world: world, assembly: assembly, dataDirectory: dataDirectory, started: started, say: say)
            await host.stop()
            return outcome
        } catch {
            await host.stop()
            throw error
        }
    }

    private func drive(world: DemoWorld, assembly: HostAssembly, dataDirectory: URL, started: ContinuousClock.Instant,
                       say: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        say("host listening on \(assembly.httpServer.baseURL.absoluteString), data in \(dataDirectory.path)")

        let onboarding = DemoOnboarding(world: world, assembly: assembly)
        for tenant in world.tenants {
            try await onboarding.onboard(tenant)
            say("onboarded \(tenant.displayName) (\(tenant.tenantID)): NetSuite \(tenant.netsuiteAccount.id), subsidiary \(tenant.subsidiaryID)")
        }

        say("flash sale: \(configuration.ordersPerTenant) orders per store within \(DemoConsole.seconds(configuration.saleDuration))...")
        let sale = configuration
        let selling = Task {
            try await withThrowingTaskGroup(of: (String, [Int64]).self) { group in
                for tenant in world.tenants {
                    group.addTask {
                        let summary = try await tenant.simulator.flashSale(orders: sale.ordersPerTenant, within: sale.saleDuration)
                        return (tenant.tenantID, summary.ordersCreated)
                    }
                }
                var placed: [String: [Int64]] = [:]
                for try await (tenant, orders) in group { placed[tenant] = orders }
                return placed
            }
        }
        // While the stores sell, the host is already syncing: show it.
        let saleEnds = ContinuousClock.now + configuration.saleDuration
        while ContinuousClock.now < saleEnds {
            try await Task.sleep(for: .seconds(1))
            var counts: [(tenant: String, received: Int, synced: Int)] = []
            for tenant in world.tenants {
                let live = try await TenantTally.readLive(tenant: try TenantID(tenant.tenantID), pool: assembly.pool)
                counts.append((tenant.tenantID, live.received, live.synced))
            }
            say(DemoConsole.liveLine(elapsed: .now - started, counts: counts))
        }
        let placed = try await selling.value

        let deadline = ContinuousClock.now + configuration.timeout
        var tallies: [(tenant: String, tally: TenantTally)] = []
        var lastLine = ""
        while true {
            tallies = []
            for tenant in world.tenants {
                let tally = try await TenantTally.read(
                    tenant: try TenantID(tenant.tenantID), placedOrderIDs: placed[tenant.tenantID] ?? [], pool: assembly.pool)
                tallies.append((tenant.tenantID, tally))
            }
            // A line only when something moved, so a stuck tenant does not flood the screen.
            let line = DemoConsole.progressLine(elapsed: .now - started, tallies: tallies)
            let progress = tallies.map { "\($0.tally.synced) \($0.tally.retried) \($0.tally.dead)" }.joined(separator: ",")
            if progress != lastLine {
                say(line)
                lastLine = progress
            }
            let settled = tallies.allSatisfy { $0.tally.synced + $0.tally.dead >= $0.tally.placed && $0.tally.pending == 0 }
            if settled || ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(500))
        }

        var summaries: [DemoTenantSummary] = []
        for tenant in world.tenants {
            let tally = tallies.first { $0.tenant == tenant.tenantID }?.tally ?? TenantTally()
            let check = await SalesOrderCheck().check(placed[tenant.tenantID] ?? [], of: tenant, netsuite: world.netsuite)
            summaries.append(DemoTenantSummary(tenantID: tenant.tenantID, netsuiteAccount: tenant.netsuiteAccount.id, tally: tally, check: check))
        }
        let elapsed = ContinuousClock.now - started
        say("")
        say(DemoConsole.summary(summaries, elapsed: elapsed, dataDirectory: dataDirectory))
        return Outcome(summaries: summaries, dataDirectory: dataDirectory, elapsed: elapsed)
    }
}
