import Logging
import TenantStore

/// Both ingresses of a host, built from its catalog, pool and plugin registry and sharing
/// one group committer per tenant and one cache of each tenant's enabled flows.
///
/// ```swift
/// let ingresses = HostIngresses(catalog: catalog, pool: pool, registry: registry) { await scheduler.markReady($0) }
/// let server = HostHTTPServer(ingresses: ingresses, port: 8080)
/// ```
public struct HostIngresses: Sendable {
    /// Tunables of both ingresses.
    public struct Configuration: Sendable {
        public var shopify: ShopifyWebhookIngress.Configuration
        public var netsuite: NetSuiteEventIngress.Configuration

        public init(shopify: ShopifyWebhookIngress.Configuration = .init(), netsuite: NetSuiteEventIngress.Configuration = .init()) {
            self.shopify = shopify
            self.netsuite = netsuite
        }
    }

    /// `POST /webhooks/shopify`.
    public let shopify: ShopifyWebhookIngress
    /// `POST /netsuite/events/{tenant}`.
    public let netsuite: NetSuiteEventIngress

    /// - Parameter onJobsEnqueued: Called with the tenant after a commit that enqueued at
    ///   least one job; the runtime passes `{ await scheduler.markReady($0) }`.
    public init(catalog: TenantCatalog, pool: TenantPool, registry: PluginRegistry, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "synchost.ingress"),
                onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void = { _ in }) {
        let committers = IngestCommitters(pool: pool, onJobsEnqueued: onJobsEnqueued)
        // One lifetime for the shared cache: the shorter of the two, so neither waits longer than configured.
        let lifetime = min(configuration.shopify.tenantCacheLifetime, configuration.netsuite.tenantCacheLifetime)
        let enabledFlows = EnabledFlowsCache.enabledFlows(pool: pool, lifetime: lifetime)
        shopify = ShopifyWebhookIngress(catalog: catalog, pool: pool, routing: registry.webhookRouting, configuration: configuration.shopify,
                                        logger: logger, committers: committers, enabledFlows: enabledFlows)
        netsuite = NetSuiteEventIngress(catalog: catalog, pool: pool, routing: registry.pushedEventRouting, configuration: configuration.netsuite,
                                        logger: logger, committers: committers, enabledFlows: enabledFlows)
    }
}
