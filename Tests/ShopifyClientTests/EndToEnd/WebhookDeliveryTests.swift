import Foundation
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: webhook deliveries from the sandbox")
struct WebhookDeliveryTests {
    @Test func aDeliveredOrderVerifiesParsesAndKeepsExactMoney() async throws {
        try await withSandboxShop { shop in
            try await withWebhookReceiver { receiver, url in
                _ = try await shop.client().createWebhookSubscription(topic: "ORDERS_CREATE", uri: url.absoluteString)
                let receipt = try await shop.sandbox.recordEvent(shop: shop.domain, topic: "orders/create",
                    payload: OrderDocuments.order(id: 9001, number: 1900, updatedAt: "2026-01-03T10:00:00Z"))

                let delivery = try #require(try await receiver.waitForDeliveries(1).first)
                let headers = try ShopifyWebhookHeaders(delivery.headers)
                #expect(headers.topic == "orders/create")
                #expect(headers.shopDomain == shop.domain)
                #expect(headers.eventID == receipt.eventID)
                let verifier = ShopifyWebhookVerifier(secret: Secret(shop.credentials.webhookSecret))
                #expect(try verifier.verify(body: delivery.body, signature: headers.hmac) == .current)

                let order = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: delivery.body)
                #expect(order.id == 9001)
                #expect(order.total == (try Money("10.00", currency: "USD")))

                // One changed byte and the signature no longer holds.
                var tampered = delivery.body
                tampered[tampered.startIndex] = UInt8(ascii: " ")
                #expect(!verifier.isValid(body: tampered, signature: headers.hmac))
            }
        }
    }

    @Test func complianceWebhooksSignedWithTheOldSecretPassOnlyWithinTheGrace() async throws {
        try await withSandboxShop { shop in
            try await withWebhookReceiver { receiver, url in
                await shop.sandbox.setComplianceWebhookURL(shop: shop.domain, url: url)
                let oldSecret = shop.credentials.webhookSecret
                let newSecret = try await shop.sandbox.rotateWebhookSecret(shop: shop.domain, graceSeconds: 3600)
                let payload = Data(#"{"shop_id": 1, "shop_domain": "acme-test.myshopify.com", "customer": {"id": 191167, "email": "john@example.com", "phone": null}, "orders_to_redact": [9001]}"#.utf8)
                try await shop.sandbox.sendComplianceWebhook(shop: shop.domain, topic: "customers/redact", payload: payload)

                let delivery = try #require(try await receiver.waitForDeliveries(1).first)
                let headers = try ShopifyWebhookHeaders(delivery.headers)
                #expect(headers.topic == "customers/redact")
                // During the grace window Shopify (and the sandbox) still sign with the old secret:
                // accepted as the previous secret until the window ends, refused after it.
                let rotatedAt = Date()
                let verifier = ShopifyWebhookVerifier(
                    secret: Secret(newSecret), previousSecret: Secret(oldSecret), previousSecretExpiresAt: rotatedAt.addingTimeInterval(3600))
                #expect(try verifier.verify(body: delivery.body, signature: headers.hmac, now: rotatedAt) == .previous)
                #expect(!verifier.isValid(body: delivery.body, signature: headers.hmac, now: rotatedAt.addingTimeInterval(3600)))
                #expect(!ShopifyWebhookVerifier(secret: Secret(newSecret)).isValid(body: delivery.body, signature: headers.hmac))

                let redact = try ShopifyWebhookPayloads.decode(ShopifyCustomerRedact.self, from: delivery.body)
                #expect(redact.ordersToRedact == [9001])
            }
        }
    }
}
