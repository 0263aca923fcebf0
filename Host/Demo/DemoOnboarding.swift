import AsyncHTTPClient
import Foundation
import PluginKit
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import Shopify
import SyncHost
import TenantStore

/// Brings a demo client onto the host the way an operator would: provision the tenant
/// (credentials into its vault, settings, enabled flows; validated before anything is
/// written), then subscribe the host's ingress to the shop's webhooks through the Admin API.
public struct DemoOnboarding: Sendable {
    /// The flows the demo tenants run.
    public static let flows: Set<String> = ["orders", "customers"]

    let world: DemoWorld
    let assembly: HostAssembly

    public init(world: DemoWorld, assembly: HostAssembly) {
        self.world = world
        self.assembly = assembly
    }

    /// The onboarding of `tenant`: its secrets, endpoints on the sandboxes and order settings.
    public static func onboarding(for tenant: DemoTenant) throws -> TenantOnboarding {
        var onboarding = TenantOnboarding(
            id: try TenantID(tenant.tenantID), displayName: tenant.displayName, shopDomain: tenant.shop.domain,
            netsuiteAccountID: tenant.netsuiteAccount.id, subsidiaryID: tenant.subsidiaryID, enabledFlows: flows)
        onboarding.setShopifyCredentials(accessToken: Secret(tenant.shop.accessToken), webhookSecret: Secret(tenant.shop.webhookSecret))
        onboarding.setNetSuiteTokenBased(
            consumerKey: tenant.tba.consumerKey, consumerSecret: Secret(tenant.tba.consumerSecret),
            tokenID: tenant.tba.tokenID, tokenSecret: Secret(tenant.tba.tokenSecret))
        onboarding.connection[TenantConnectionSettings.Key.shopifyAdminBaseURL] = tenant.shop.adminBaseURL.absoluteString
        onboarding.connection[TenantConnectionSettings.Key.netSuiteRESTBaseURL] = tenant.netsuiteAccount.restBaseURL.absoluteString
        onboarding.connection[TenantConnectionSettings.Key.netSuiteTokenURL] = tenant.netsuiteAccount.tokenURL.absoluteString
        var orders = [
            "discount_item": tenant.orderItems.discountItemID,
            "tax_item": tenant.orderItems.taxItemID,
            "gift_card_item": tenant.orderItems.giftCardItemID,
            "guest_customer": tenant.guestCustomerID,
        ]
        if let location = tenant.locationMap.sorted(by: { $0.key < $1.key }).first?.value { orders["location"] = location }
        let bundles = tenant.bundleMapSetting
        if !bundles.isEmpty { orders["bundle_map"] = bundles }
        onboarding.flowSettings["orders"] = orders
        return onboarding
    }

    /// Provisions `tenant` and subscribes the host to its shop's webhooks.
    public func onboard(_ tenant: DemoTenant) async throws {
        let provisioner = TenantProvisioner(catalog: assembly.catalog, pool: assembly.pool, registry: assembly.registry)
        let record = try await provisioner.provision(Self.onboarding(for: tenant))
        await assembly.services.invalidate(record.id)
        try await subscribeWebhooks(tenant)
    }

    /// Creates one subscription per topic the enabled flows consume, pointing at the host;
    /// subscriptions that already exist are kept, so onboarding twice subscribes once.
    private func subscribeWebhooks(_ tenant: DemoTenant) async throws {
        let client = ShopifyAdminClient(connection: ShopifyConnection(
            shopDomain: tenant.shop.domain, adminBaseURL: tenant.shop.adminBaseURL, accessToken: Secret(tenant.shop.accessToken)))
        let endpoint = assembly.httpServer.baseURL.appendingPathComponent("webhooks/shopify").absoluteString
        let routing = assembly.registry.webhookRouting
        let topics = assembly.registry.plugins
            .filter { Self.flows.contains($0.descriptor.id) }
            .flatMap(\.descriptor.webhookTopics)
        let existing = Set(try await client.webhookSubscriptions().filter { $0.uri == endpoint }.map(\.topic))
        for topic in Set(topics).sorted() where !routing.flows(for: topic).isEmpty {
            // `orders/create` is the header's spelling; the Admin API's enum is ORDERS_CREATE.
            let enumValue = topic.uppercased().replacingOccurrences(of: "/", with: "_")
            if existing.contains(enumValue) { continue }
            _ = try await client.createWebhookSubscription(topic: enumValue, uri: endpoint)
        }
    }
}
