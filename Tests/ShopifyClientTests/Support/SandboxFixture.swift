import Foundation
import InMemoryLogging
import Logging
import PluginKit
import Shopify
import ShopifySandbox
import Synchronization

/// One sandbox with one shop, started for a single test and stopped after it.
struct SandboxShop {
    let sandbox: ShopifySandbox
    let credentials: SandboxShopCredentials
    let timeScale: Double

    var domain: String { credentials.domain }

    /// A client for the shop; by default with the right token and a clock matching the sandbox's.
    func client(
        token: String? = nil,
        bucket: ShopifyCostBucket? = nil,
        logger: Logger = Logger(label: "test.shopify", factory: { _ in SwiftLogNoOpLogHandler() }),
        configuration: ShopifyAdminClient.Configuration = .init(requestTimeout: .seconds(10))
    ) -> ShopifyAdminClient {
        let connection = ShopifyConnection(
            shopDomain: credentials.domain, adminBaseURL: credentials.adminBaseURL,
            accessToken: Secret(token ?? credentials.accessToken))
        return ShopifyAdminClient(
            connection: connection,
            bucket: bucket ?? ShopifyCostBucket(clock: ScaledShopifyClock(timeScale: timeScale)),
            configuration: configuration,
            logger: logger)
    }
}

/// Starts a sandbox, creates `domain` on `plan`, runs `body`, and always stops the sandbox.
func withSandboxShop<T>(
    plan: ShopifyPlan = .standard,
    timeScale: Double = 1,
    currency: String = "USD",
    _ body: (SandboxShop) async throws -> T
) async throws -> T {
    let sandbox = ShopifySandbox(configuration: ShopifySandboxConfiguration(timeScale: timeScale))
    try await sandbox.start()
    do {
        let credentials = try await sandbox.createShop(domain: "acme-test.myshopify.com", plan: plan, currency: currency)
        let result = try await body(SandboxShop(sandbox: sandbox, credentials: credentials, timeScale: timeScale))
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}

/// A scaled clock that records every wait the bucket asks for (in clock time).
final class RecordingClock: ShopifyThrottleClock {
    private let base: ScaledShopifyClock
    private let recorded = Mutex<[Duration]>([])

    init(timeScale: Double) { base = ScaledShopifyClock(timeScale: timeScale) }

    var now: Date { base.now }
    var sleeps: [Duration] { recorded.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        recorded.withLock { $0.append(duration) }
        try await base.sleep(for: duration)
    }
}

/// A log handler list shared by a test and the loggers it hands out.
func capturingLogger() -> (Logger, InMemoryLogHandler) {
    let handler = InMemoryLogHandler()
    var logger = Logger(label: "test.shopify", factory: { _ in handler })
    logger.logLevel = .trace
    return (logger, handler)
}

extension SandboxShop {
    /// Seeds `count` variants (50 per product) so that pages come back full and cost what
    /// they request: Shopify charges the nodes actually returned.
    func seedVariants(count: Int) async throws {
        var remaining = count
        var product = 0
        while remaining > 0 {
            let size = min(50, remaining)
            let seeds = (0..<size).map { SandboxVariantSeed(sku: "LOAD-\(product)-\($0)", price: "1.00") }
            _ = try await sandbox.addProduct(shop: domain, title: "Load \(product)", variants: seeds)
            remaining -= size
            product += 1
        }
    }
}
