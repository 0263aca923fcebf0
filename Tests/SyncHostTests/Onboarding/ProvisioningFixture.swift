import Foundation
import PluginKit
import TenantStore
@testable import SyncHost

/// A flow plugin that only declares itself: provisioning and ingress read descriptors only.
struct DeclaredPlugin: FlowPlugin {
    let descriptor: PluginDescriptor
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome { .done() }

    /// `orders`: consumes orders/create, with a required setting and one of each kind.
    static let orders = DeclaredPlugin(descriptor: PluginDescriptor(
        id: "orders", summary: "orders to sales orders", webhookTopics: ["orders/create"],
        settings: [
            PluginSetting(key: "discount_item", kind: .string, defaultValue: nil, summary: "NetSuite item for discounts"),
            PluginSetting(key: "max_lines", kind: .integer, defaultValue: "250", summary: "lines per order"),
            PluginSetting(key: "tolerance", kind: .decimal, defaultValue: "0.01", summary: "rounding tolerance"),
            PluginSetting(key: "post_drafts", kind: .boolean, defaultValue: "false", summary: "post draft orders"),
            PluginSetting(key: "ship_methods", kind: .map, defaultValue: "", summary: "shipping title -> ship method"),
        ]))

    /// `inventory`: consumes pushed inventory events.
    static let inventory = DeclaredPlugin(descriptor: PluginDescriptor(
        id: "inventory", summary: "NetSuite inventory to Shopify", pushedEvents: ["inventory.changed"]))

    /// `fulfillments`: consumes pushed fulfillment events and orders/create.
    static let fulfillments = DeclaredPlugin(descriptor: PluginDescriptor(
        id: "fulfillments", summary: "NetSuite fulfillments to Shopify", webhookTopics: ["orders/create"],
        pushedEvents: ["itemFulfillment.created", "inventory.changed"]))

    static func registry() throws -> PluginRegistry { try PluginRegistry([orders, inventory, fulfillments]) }
}

/// A host data directory with an empty catalog and pool.
struct HostDirectoryFixture {
    let directory: URL
    let catalog: TenantCatalog
    let pool: TenantPool
    let registry: PluginRegistry

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-host-\(UUID().uuidString)")
        catalog = try TenantCatalog(dataDirectory: directory)
        pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        registry = try DeclaredPlugin.registry()
    }

    var provisioner: TenantProvisioner { TenantProvisioner(catalog: catalog, pool: pool, registry: registry) }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A complete, valid onboarding for `id`.
    static func onboarding(_ id: String = "acme", shop: String = "acme-outdoor.myshopify.com", account: String = "1234567_SB1",
                           flows: Set<String> = ["orders", "inventory"]) throws -> TenantOnboarding {
        var onboarding = TenantOnboarding(
            id: try TenantID(id), displayName: "Acme Outdoor", shopDomain: shop, netsuiteAccountID: account, subsidiaryID: "2",
            connection: ["netsuite.rest_base_url": "http://127.0.0.1:9/\(account)", "shopify.api_version": "2026-01", "netsuite.weight": "2"],
            enabledFlows: flows,
            flowSettings: ["orders": ["discount_item": "77", "tolerance": "0.05", "ship_methods": "UPS Ground=12, FedEx=14"]])
        onboarding.setShopifyCredentials(accessToken: Secret("shpat_token_value_123"), webhookSecret: Secret("whsec_value_456"))
        onboarding.setNetSuiteTokenBased(consumerKey: "ck_789", consumerSecret: Secret("cs_value_abc"), tokenID: "tid_def",
                                         tokenSecret: Secret("ts_value_ghi"))
        onboarding.setNetSuiteEventsSecret(Secret("events_secret_jkl"))
        return onboarding
    }
}
