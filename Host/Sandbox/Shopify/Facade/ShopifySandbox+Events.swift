import Foundation
import Synchronization

extension ShopifySandbox {
    /// Records a merchant-side event given as the REST JSON document Shopify sends for `topic`
    /// (`orders/create` carries a REST order), updates the shop, and delivers the topic to its subscribers.
    ///
    /// Orders are upserted by id (`orders/cancelled` sets `cancelledAt`); `refunds/create` and
    /// `fulfillments/create` attach to the order named by `order_id`; `order_transactions/create`
    /// attaches to that order too (served as `Order.transactions`), or waits for it when the order
    /// has not been recorded yet; `customers/*` upsert the customer.
    /// Throws `invalidPayload` for a body that is not a JSON object with an `id`, or for an unknown topic.
    @discardableResult
    public func recordEvent(shop: String, topic: String, payload: Data) async throws -> SandboxEventReceipt {
        let handle = try self.shop(shop)
        guard WebhookTopic.enumValue(forHeader: topic) != nil else {
            throw ShopifySandboxError(.invalidPayload, "'\(topic)' is not a webhook topic")
        }
        guard let document = JSONValue.parse(payload), case .object = document else {
            throw ShopifySandboxError(.invalidPayload, "the \(topic) payload is not a JSON object")
        }
        guard document["id"]?.int64Value != nil else {
            throw ShopifySandboxError(.invalidPayload, "the \(topic) payload has no numeric id")
        }
        try handle.state.withLock { state in try state.apply(topic: topic, document: document, now: Date()) }
        return SandboxEventReceipt(eventID: await deliver(topic, payload: payload, for: handle))
    }

    /// Delivers one event of `topic` to the shop's subscribers of that topic; returns its event id.
    @discardableResult
    func deliver(_ topic: String, payload: Data, for handle: ShopHandle) async -> String {
        let topicEnum = WebhookTopic.enumValue(forHeader: topic)
        let subscriptions = handle.state.withLock { state in
            state.subscriptions.values.filter { $0.topic == topicEnum }.sorted { $0.id < $1.id }
        }
        let eventID = RandomToken.uuid()
        let triggeredAt = Date()
        for subscription in subscriptions {
            guard let url = URL(string: subscription.uri) else { continue }
            let body = Self.included(subscription.includeFields, of: payload)
            await dispatcher.enqueue(
                WebhookEvent(
                    shop: handle, topic: topic, body: body, eventID: eventID, triggeredAt: triggeredAt,
                    apiVersion: AdminAPIVersion.current, subscriptionTopic: topicEnum),
                to: [url], applyFaults: true)
        }
        return eventID
    }

    /// The payload reduced to a subscription's `includeFields` (top-level keys); all of it when none are set.
    static func included(_ fields: [String], of payload: Data) -> Data {
        guard !fields.isEmpty, let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else {
            return payload
        }
        let kept = object.filter { fields.contains($0.key) }
        return (try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys])) ?? payload
    }

    /// Sets the URL the shop's compliance webhooks go to (the app configuration's `compliance_topics`).
    public func setComplianceWebhookURL(shop: String, url: URL) async {
        guard let handle = try? self.shop(shop) else { return }
        handle.complianceURL.withLock { $0 = url }
    }

    /// Sends a compliance webhook (`customers/data_request`, `customers/redact`, `shop/redact`)
    /// to the URL set with `setComplianceWebhookURL`, signed like every webhook.
    public func sendComplianceWebhook(shop: String, topic: String, payload: Data) async throws {
        let handle = try self.shop(shop)
        guard WebhookTopic.compliance.contains(topic) else {
            throw ShopifySandboxError(.invalidArgument, "'\(topic)' is not a compliance topic")
        }
        guard let document = JSONValue.parse(payload), case .object = document else {
            throw ShopifySandboxError(.invalidPayload, "the \(topic) payload is not a JSON object")
        }
        guard let url = handle.complianceURL.withLock({ $0 }) else {
            throw ShopifySandboxError(.invalidArgument, "no compliance webhook URL is set for \(shop)")
        }
        await dispatcher.enqueue(
            WebhookEvent(
                shop: handle, topic: topic, body: payload, eventID: RandomToken.uuid(), triggeredAt: Date(),
                apiVersion: AdminAPIVersion.current, subscriptionTopic: nil),
            to: [url], applyFaults: false)
    }

    /// Replaces the shop's webhook secret and returns the new one. Deliveries keep being signed
    /// with the old secret for `graceSeconds` of sandbox time, as Shopify may do for up to an hour.
    public func rotateWebhookSecret(shop: String, graceSeconds: Double = 3600) async throws -> String {
        let handle = try self.shop(shop)
        let newSecret = RandomToken.hex(bytes: 32)
        let now = clock.now
        handle.secrets.withLock { secrets in
            secrets.previous = secrets.signingSecret(at: now)
            secrets.previousUntil = now + max(0, graceSeconds)
            secrets.current = newSecret
        }
        return newSecret
    }
}

/// Admin API versions the sandbox serves.
enum AdminAPIVersion {
    static let current = "2026-01"
    static let supported: Set<String> = ["2026-01"]
}

/// Webhook topics: header form `orders/create` and enum form `ORDERS_CREATE`.
enum WebhookTopic {
    static let compliance: Set<String> = ["customers/data_request", "customers/redact", "shop/redact"]

    /// `orders/create` -> `ORDERS_CREATE`, when that is a value of `WebhookSubscriptionTopic`.
    static func enumValue(forHeader topic: String) -> String? {
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let value = topic.uppercased().replacingOccurrences(of: "/", with: "_")
        return SubscriptionTopics.values.contains(value) ? value : nil
    }
}
