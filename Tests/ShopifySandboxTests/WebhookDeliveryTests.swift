import Crypto
import Foundation
import ShopifySandbox
import Testing

@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    static func subscribe(_ harness: SandboxHarness, topic: String, to url: URL) async throws {
        let answer = try await harness.graphQL(
            """
            mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
                webhookSubscription { id topic uri } userErrors { field message }
              }
            }
            """,
            variables: ["topic": topic, "sub": ["uri": url.absoluteString, "format": "JSON"]])
        #expect(value(answer, "data", "webhookSubscriptionCreate", "webhookSubscription", "topic") as? String == topic)
    }

    static func signature(_ body: Data, secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))).base64EncodedString()
    }

    @Test func deliveryCarriesShopifysHeadersAndAValidSignature() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox { harness in
            try await Self.subscribe(harness, topic: "ORDERS_CREATE", to: receiver.url)
            let payload = restOrder(id: 42, updatedAt: "2026-01-01T00:00:00Z")
            let receipt = try await harness.sandbox.recordEvent(shop: harness.shop.domain, topic: "orders/create", payload: payload)
            let delivered = await receiver.waitFor(1)
            let delivery = try #require(delivered.first)
            #expect(delivery.body == payload)
            #expect(delivery.headers["x-shopify-topic"] == "orders/create")
            #expect(delivery.headers["x-shopify-shop-domain"] == harness.shop.domain)
            #expect(delivery.headers["x-shopify-api-version"] == "2026-01")
            #expect(delivery.headers["x-shopify-event-id"] == receipt.eventID)
            #expect(delivery.headers["x-shopify-webhook-id"]?.isEmpty == false)
            #expect(delivery.headers["x-shopify-triggered-at"].flatMap { ISO8601DateFormatter().date(from: $0) } != nil)
            #expect(delivery.headers["content-type"] == "application/json")
            #expect(delivery.headers["x-shopify-hmac-sha256"] == Self.signature(delivery.body, secret: harness.shop.webhookSecret))
            #expect(delivery.headers["x-shopify-hmac-sha256"] != Self.signature(delivery.body, secret: "another-secret"))
        }
        await receiver.stop()
    }

    @Test func aFailedDeliveryIsRetriedWithTheSameWebhookID() async throws {
        let receiver = WebhookReceiver(failFirst: [500])
        try await receiver.start()
        // 1000x sandbox time: the first backoff (60 sandbox seconds) takes 60 ms.
        try await withSandbox(configuration: .init(timeScale: 1000)) { harness in
            try await Self.subscribe(harness, topic: "ORDERS_CREATE", to: receiver.url)
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 1, updatedAt: "2026-01-01T00:00:00Z"))
            let delivered = await receiver.waitFor(2)
            #expect(delivered.count == 2)
            #expect(delivered.map { $0.headers["x-shopify-webhook-id"] }.dropFirst().first == delivered.first?.headers["x-shopify-webhook-id"])
            // The receiver has answered; the dispatcher records it a moment later.
            let record = try #require(await Self.delivery(harness, reaching: .delivered))
            #expect(record.attempts == 2)
            #expect(record.state == .delivered)
            #expect(record.lastStatus == 200)
            let stats = await harness.sandbox.stats(shop: harness.shop.domain)
            #expect(stats.webhookAttempts == 2)
            #expect(stats.webhookSucceeded == 1)
        }
        await receiver.stop()
    }

    /// The shop's first delivery once it reaches `state`, polling for at most about 5 s; the last
    /// one seen otherwise.
    static func delivery(_ harness: SandboxHarness, reaching state: SandboxWebhookDelivery.State) async -> SandboxWebhookDelivery? {
        var latest = await harness.sandbox.deliveries(shop: harness.shop.domain).first
        for _ in 0..<250 where latest?.state != state {
            try? await Task.sleep(for: .milliseconds(20))
            latest = await harness.sandbox.deliveries(shop: harness.shop.domain).first
        }
        return latest
    }

    @Test func includeFieldsReduceThePayload() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox { harness in
            _ = try await harness.graphQL(
                """
                mutation($sub: WebhookSubscriptionInput!) {
                  webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: $sub) { userErrors { message } }
                }
                """,
                variables: ["sub": ["uri": receiver.url.absoluteString, "includeFields": ["id", "updated_at"]]])
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 11, updatedAt: "2026-01-01T00:00:00Z"))
            let delivery = try #require(await receiver.waitFor(1).first)
            let document = try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any]
            #expect(Set(document?.keys.map { $0 } ?? []) == ["id", "updated_at"])
            #expect(delivery.headers["x-shopify-hmac-sha256"] == Self.signature(delivery.body, secret: harness.shop.webhookSecret))
        }
        await receiver.stop()
    }

    @Test func aSubscriptionThatFailsEveryRetryIsRemoved() async throws {
        let receiver = WebhookReceiver(failFirst: [500, 502, 503])
        try await receiver.start()
        let configuration = ShopifySandboxConfiguration(timeScale: 1000, webhookRetries: 2, webhookBaseBackoff: 10)
        try await withSandbox(configuration: configuration) { harness in
            try await Self.subscribe(harness, topic: "ORDERS_CREATE", to: receiver.url)
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 1, updatedAt: "2026-01-01T00:00:00Z"))
            #expect(await receiver.waitFor(3).count == 3)
            var state: SandboxWebhookDelivery.State?
            for _ in 0..<50 where state != .failed {
                try await Task.sleep(for: .milliseconds(20))
                state = await harness.sandbox.deliveries(shop: harness.shop.domain).first?.state
            }
            #expect(state == .failed)
            #expect(await harness.sandbox.stats(shop: harness.shop.domain).webhookFailed == 1)
            let listed = try await harness.graphQL("{ webhookSubscriptions(first: 5) { nodes { id } } }")
            #expect((value(listed, "data", "webhookSubscriptions", "nodes") as? [Any])?.isEmpty == true)
        }
        await receiver.stop()
    }

    @Test func stoppingDuringTheLastAttemptIsNotAFailure() async throws {
        // The receiver holds the request longer than the test waits: stop() cancels the attempt.
        let receiver = WebhookReceiver(answerDelay: .seconds(3))
        try await receiver.start()
        let configuration = ShopifySandboxConfiguration(timeScale: 1000, webhookRetries: 0)
        try await withSandbox(configuration: configuration) { harness in
            try await Self.subscribe(harness, topic: "ORDERS_CREATE", to: receiver.url)
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 1, updatedAt: "2026-01-01T00:00:00Z"))
            #expect(await receiver.waitFor(1).count == 1)
            await harness.sandbox.stop()
            let record = try #require(await harness.sandbox.deliveries(shop: harness.shop.domain).first)
            #expect(record.state == .pending)
            #expect(record.attempts == 0)
            #expect(await harness.sandbox.stats(shop: harness.shop.domain).webhookFailed == 0)
        }
        await receiver.stop()
    }

    @Test func duplicateFaultSharesTheEventID() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox(configuration: .init(webhookFaults: WebhookFaults(duplicate: 1, seed: 7))) { harness in
            try await Self.subscribe(harness, topic: "REFUNDS_CREATE", to: receiver.url)
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 3, updatedAt: "2026-01-01T00:00:00Z"))
            let refund = Data(#"{"id": 900, "order_id": 3, "refund_line_items": [], "transactions": []}"#.utf8)
            let receipt = try await harness.sandbox.recordEvent(shop: harness.shop.domain, topic: "refunds/create", payload: refund)
            let delivered = await receiver.waitFor(2)
            #expect(delivered.count == 2)
            #expect(Set(delivered.compactMap { $0.headers["x-shopify-event-id"] }) == [receipt.eventID])
            #expect(Set(delivered.compactMap { $0.headers["x-shopify-webhook-id"] }).count == 2)
        }
        await receiver.stop()
    }

    @Test func rotatedSecretKeepsSigningWithTheOldOneDuringGrace() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox(configuration: .init(timeScale: 1000)) { harness in
            let domain = harness.shop.domain
            try await Self.subscribe(harness, topic: "ORDERS_UPDATED", to: receiver.url)
            // 6000 sandbox seconds of grace = 6 s real: ample for the first delivery on a loaded machine.
            let newSecret = try await harness.sandbox.rotateWebhookSecret(shop: domain, graceSeconds: 6000)
            try await harness.sandbox.recordEvent(shop: domain, topic: "orders/updated", payload: restOrder(id: 5, updatedAt: "2026-01-01T00:00:00Z"))
            let first = try #require(await receiver.waitFor(1).first)
            #expect(first.headers["x-shopify-hmac-sha256"] == Self.signature(first.body, secret: harness.shop.webhookSecret))

            try await Task.sleep(for: .milliseconds(6300))
            try await harness.sandbox.recordEvent(shop: domain, topic: "orders/updated", payload: restOrder(id: 5, updatedAt: "2026-01-02T00:00:00Z"))
            let second = try #require(await receiver.waitFor(2).dropFirst().first)
            #expect(second.headers["x-shopify-hmac-sha256"] == Self.signature(second.body, secret: newSecret))
        }
        await receiver.stop()
    }

    @Test func complianceWebhookGoesToTheConfiguredURL() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox { harness in
            await harness.sandbox.setComplianceWebhookURL(shop: harness.shop.domain, url: receiver.url)
            let payload = Data(#"{"shop_id": 1, "shop_domain": "x.myshopify.com"}"#.utf8)
            try await harness.sandbox.sendComplianceWebhook(shop: harness.shop.domain, topic: "shop/redact", payload: payload)
            let delivery = try #require(await receiver.waitFor(1).first)
            #expect(delivery.headers["x-shopify-topic"] == "shop/redact")
            #expect(delivery.headers["x-shopify-hmac-sha256"] == Self.signature(payload, secret: harness.shop.webhookSecret))
            await #expect(throws: ShopifySandboxError.self) {
                try await harness.sandbox.sendComplianceWebhook(shop: harness.shop.domain, topic: "orders/create", payload: payload)
            }
        }
        await receiver.stop()
    }

    @Test func subscriptionsAreListedAndDeleted() async throws {
        try await withSandbox { harness in
            try await Self.subscribe(harness, topic: "ORDERS_CREATE", to: URL(string: "https://hooks.example/orders")!)
            let listed = try await harness.graphQL("{ webhookSubscriptions(first: 10, topics: [ORDERS_CREATE]) { nodes { id uri topic } } }")
            let id = try #require(value(listed, "data", "webhookSubscriptions", "nodes", "0", "id") as? String)
            let badTopic = try await harness.graphQL(
                #"mutation { webhookSubscriptionCreate(topic: CUSTOMERS_REDACT, webhookSubscription: {uri: "https://x.example"}) { userErrors { message } } }"#)
            #expect(!errorMessages(badTopic).isEmpty)
            let deleted = try await harness.graphQL(
                "mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }",
                variables: ["id": id])
            #expect(value(deleted, "data", "webhookSubscriptionDelete", "deletedWebhookSubscriptionId") as? String == id)
            let empty = try await harness.graphQL("{ webhookSubscriptions(first: 10) { nodes { id } } }")
            #expect((value(empty, "data", "webhookSubscriptions", "nodes") as? [Any])?.isEmpty == true)
        }
    }
}
