import Foundation
import PluginKit
import Shopify
import ShopifySandbox
import Testing
import TenantStore
@testable import SyncHost

/// Shopify (the sandbox) delivers real webhooks over HTTP to the host's ingress.
@Suite struct WebhookDeliveryEndToEndTests {
    @Test func aWebhookFromTheSandboxBecomesDurableJobs() async throws {
        let sandbox = ShopifySandbox(configuration: ShopifySandboxConfiguration(timeScale: 600))
        try await sandbox.start()
        let shop = try await sandbox.createShop(domain: "acme-outdoor.myshopify.com")
        let fixture = try await IngressFixture(secret: shop.webhookSecret)
        let server = HostHTTPServer(shopifyIngress: fixture.ingress)
        try await server.start()
        do {
            let client = ShopifyAdminClient(connection: ShopifyConnection(
                shopDomain: shop.domain, adminBaseURL: shop.adminBaseURL, accessToken: Secret(shop.accessToken)))
            let endpoint = server.baseURL.appendingPathComponent("webhooks/shopify").absoluteString
            _ = try await client.createWebhookSubscription(topic: "ORDERS_CREATE", uri: endpoint)

            let order = Data(##"{"id":5001,"name":"#1001","updated_at":"2026-11-23T10:00:00-05:00","customer":{"id":77,"email":"jo@example.com"},"line_items":[],"total_price":"0.00","currency":"USD"}"##.utf8)
            try await sandbox.recordEvent(shop: shop.domain, topic: "orders/create", payload: order)

            var jobs: [Job] = []
            for _ in 0..<500 where jobs.count < 2 {
                jobs = try await fixture.jobs()
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(Set(jobs.map(\.flow)) == ["orders", "customers"])
            let payloadID = try #require(jobs.first?.payloadID)
            let stored = try await fixture.pool.withDatabase(fixture.tenant) { try await $0.archive.body(id: payloadID) }
            #expect(try JSONSerialization.jsonObject(with: stored) as? NSDictionary == JSONSerialization.jsonObject(with: order) as? NSDictionary)
            let deliveries = await sandbox.deliveries(shop: shop.domain)
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.lastStatus == 200)
            #expect(deliveries.first?.attempts == 1)
        } catch {
            Issue.record(error)
        }
        await server.stop()
        await sandbox.stop()
        fixture.remove()
    }
}
