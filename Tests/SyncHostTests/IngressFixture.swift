import Foundation
import PluginKit
import Shopify
import TenantStore
@testable import SyncHost

/// A host data directory with one tenant, its webhook secret in the vault (and, if given,
/// its enabled flows), and an ingress.
struct IngressFixture {
    let directory: URL
    let catalog: TenantCatalog
    let pool: TenantPool
    let tenant: TenantID
    let secret: String
    let ingress: ShopifyWebhookIngress

    init(shop: String = "acme-outdoor.myshopify.com", routing: [String: [String]] = ["orders/create": ["orders", "customers"]],
         maximumBodySize: Int = 2 * 1024 * 1024, storeSecret: Bool = true, secret: String = "whsec_test_0123456789abcdef",
         enabledFlows: Set<String>? = nil, onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void = { _ in }) async throws {
        self.secret = secret
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-ingress-\(UUID().uuidString)")
        catalog = try TenantCatalog(dataDirectory: directory)
        pool = TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate()))
        tenant = try TenantID("acme")
        try catalog.add(TenantRecord(id: tenant, displayName: "Acme", shopDomain: shop, netsuiteAccountID: "1234567_SB1", subsidiaryID: "2"))
        if storeSecret {
            let secret = Secret(self.secret)
            try await pool.withDatabase(tenant) { try await $0.vault.store(secret, named: WebhookSecretNames.current) }
        }
        if let enabledFlows {
            try await pool.withDatabase(tenant) { try await $0.settings.setEnabledFlows(enabledFlows) }
        }
        ingress = ShopifyWebhookIngress(
            catalog: catalog, pool: pool, routing: WebhookRouting(flowsByTopic: routing),
            configuration: .init(maximumBodySize: maximumBodySize), onJobsEnqueued: onJobsEnqueued)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Headers as Shopify sends them for `body`, signed with `secret` (the tenant's by default).
    func headers(for body: Data, topic: String = "orders/create", webhookID: String = UUID().uuidString,
                 eventID: String = UUID().uuidString, shop: String = "acme-outdoor.myshopify.com",
                 signingSecret: String? = nil) -> [(String, String)] {
        [
            ("X-Shopify-Topic", topic),
            ("X-Shopify-Hmac-Sha256", ShopifyWebhookVerifier.signature(for: body, secret: Secret(signingSecret ?? secret))),
            ("X-Shopify-Shop-Domain", shop),
            ("X-Shopify-API-Version", "2026-01"),
            ("X-Shopify-Webhook-Id", webhookID),
            ("X-Shopify-Event-Id", eventID),
            ("X-Shopify-Triggered-At", "2026-11-23T10:00:00.000Z"),
        ]
    }

    func jobs() async throws -> [Job] {
        try await pool.withDatabase(tenant) { try await $0.jobs.jobs() }
    }
}
