import Foundation
import Logging
import Synchronization

/// A faithful local Shopify Admin GraphQL API on 127.0.0.1, serving many shops from one process.
///
/// ```swift
/// let sandbox = ShopifySandbox(configuration: .init(timeScale: 100))
/// try await sandbox.start()
/// let shop = try await sandbox.createShop(domain: "acme.myshopify.com", plan: .standard)
/// // POST sandbox.graphQLURL(shop: shop.domain) with X-Shopify-Access-Token: shop.accessToken
/// await sandbox.stop()
/// ```
///
/// The schema is Shopify's 2026-01 Admin schema (the part the flows use); requests are
/// validated, costed and throttled as Shopify does. Events recorded with `recordEvent` update
/// the shop and are delivered as signed webhooks to the subscriptions made over GraphQL.
public final class ShopifySandbox: Sendable {
    let configuration: ShopifySandboxConfiguration
    let clock: SandboxClock
    let logger: Logger
    let shops = Mutex<[String: ShopHandle]>([:])
    let engine = Mutex<AdminGraphQLEngine?>(nil)
    let server = Mutex<AdminServer?>(nil)
    let dispatcher: WebhookDispatcher
    private let nextShopID = Mutex<Int64>(1)

    /// Creates a sandbox; nothing listens until `start()`.
    public init(configuration: ShopifySandboxConfiguration = .init()) {
        self.configuration = configuration
        self.clock = SandboxClock(timeScale: configuration.timeScale)
        self.logger = Logger(label: "synchost.sandbox.shopify")
        self.dispatcher = WebhookDispatcher(
            clock: clock, faults: configuration.webhookFaults, retries: configuration.webhookRetries,
            baseBackoff: configuration.webhookBaseBackoff, logger: logger)
    }

    /// Loads the schema and binds the HTTP server to 127.0.0.1 (the configured port, 0 = ephemeral).
    public func start() async throws {
        let fileURL: @Sendable (String, Int64) -> String = { [weak self] shop, id in
            (self?.baseURL ?? URL(filePath: "/")).appending(path: "bulk/\(shop)/\(id).jsonl").absoluteString
        }
        let builtEngine = try AdminGraphQLEngine.load(clock: clock, bulkFileURL: fileURL) { [weak self] shop, events in
            for event in events { await self?.deliver(event.topic, payload: event.payload, for: shop) }
        }
        engine.withLock { $0 = builtEngine }
        let adminServer = AdminServer(sandbox: self, engine: builtEngine)
        try await adminServer.start(port: configuration.port)
        server.withLock { $0 = adminServer }
    }

    /// Stops the HTTP server and the webhook deliveries still pending.
    public func stop() async {
        let running = server.withLock { current -> AdminServer? in
            defer { current = nil }
            return current
        }
        await running?.stop()
        await dispatcher.stop()
    }

    /// `http://127.0.0.1:PORT`; valid after `start()` (port 0 before it).
    public var baseURL: URL {
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = server.withLock { $0?.port } ?? 0
        return components.url ?? URL(filePath: "/")
    }

    /// `{baseURL}/{shop}/admin/api/{version}/graphql.json`.
    public func graphQLURL(shop: String, version: String = "2026-01") -> URL {
        baseURL.appending(path: shop).appending(path: "admin/api/\(version)/graphql.json")
    }

    /// Creates a shop with a fresh access token and webhook secret.
    public func createShop(
        domain: String, plan: ShopifyPlan = .standard, currency: String = "USD"
    ) async throws -> SandboxShopCredentials {
        guard Self.isValidDomain(domain) else {
            throw ShopifySandboxError(.invalidArgument, "'\(domain)' is not a shop domain (name.myshopify.com)")
        }
        guard currency.count == 3, currency.allSatisfy({ $0.isUppercase && $0.isASCII }) else {
            throw ShopifySandboxError(.invalidArgument, "'\(currency)' is not an ISO currency code")
        }
        let shopID = nextShopID.withLock { value -> Int64 in
            defer { value += 1 }
            return value
        }
        let token = "shpat_" + RandomToken.hex(bytes: 16)
        let secret = RandomToken.hex(bytes: 32)
        let state = ShopState(
            shopID: shopID, domain: domain, accessToken: token, plan: plan, currency: currency, now: Date())
        let handle = ShopHandle(state: state, secret: secret, bucket: CostBucket(plan: plan, now: clock.now))
        try shops.withLock { registry in
            guard registry[domain] == nil else {
                throw ShopifySandboxError(.shopExists, "shop \(domain) already exists")
            }
            registry[domain] = handle
        }
        return SandboxShopCredentials(
            domain: domain, accessToken: token, webhookSecret: secret, adminBaseURL: baseURL.appending(path: domain))
    }

    func shop(_ domain: String) throws -> ShopHandle {
        guard let handle = shops.withLock({ $0[domain] }) else {
            throw ShopifySandboxError(.unknownShop, "no shop \(domain) in the sandbox")
        }
        return handle
    }

    static func isValidDomain(_ domain: String) -> Bool {
        domain.range(of: #"^[a-z0-9][a-z0-9-]*\.myshopify\.com$"#, options: .regularExpression) != nil
    }
}
