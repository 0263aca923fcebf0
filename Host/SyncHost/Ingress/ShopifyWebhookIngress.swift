import Foundation
import Logging
import PluginKit
import Shopify
import TenantStore

/// What ingress answers: an HTTP status and a short plain-text reason.
public struct IngressResponse: Sendable, Equatable {
    public let status: Int
    public let message: String

    static let accepted = IngressResponse(status: 200, message: "ok")
    static let duplicate = IngressResponse(status: 200, message: "ok (already received)")
}

/// `POST /webhooks/shopify`: finds the tenant by `X-Shopify-Shop-Domain`, verifies the HMAC
/// with that tenant's secret, and makes the delivery durable (archive + one job per
/// subscribing flow) before answering 200. Every refusal has its own status and a short
/// reason, and is logged with the tenant and topic but never a secret or the body.
/// Jobs are enqueued only for the flows the tenant enabled.
public struct ShopifyWebhookIngress: Sendable {
    public struct Configuration: Sendable {
        /// Bodies larger than this are refused with 413. Default 2 MiB (Shopify's order
        /// payloads are a few KB; the largest carry hundreds of line items).
        public var maximumBodySize: Int
        /// How long a tenant's secrets and enabled flows are reused before they are read
        /// again: a change made elsewhere takes effect within it. Default 60 s.
        public var tenantCacheLifetime: Duration

        public init(maximumBodySize: Int = 2 * 1024 * 1024, tenantCacheLifetime: Duration = .seconds(60)) {
            self.maximumBodySize = maximumBodySize
            self.tenantCacheLifetime = tenantCacheLifetime
        }
    }

    let catalog: TenantCatalog
    let committers: IngestCommitters
    let secrets: WebhookSecretCache
    let enabledFlows: EnabledFlowsCache
    let routing: WebhookRouting
    public let configuration: Configuration
    let logger: Logger

    /// - Parameter onJobsEnqueued: Called with the tenant after a commit that enqueued at
    ///   least one job; the runtime passes `{ await scheduler.markReady($0) }`.
    public init(catalog: TenantCatalog, pool: TenantPool, routing: WebhookRouting,
                configuration: Configuration = Configuration(), logger: Logger = Logger(label: "synchost.ingress"),
                onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void = { _ in }) {
        self.init(catalog: catalog, pool: pool, routing: routing, configuration: configuration, logger: logger,
                  committers: IngestCommitters(pool: pool, onJobsEnqueued: onJobsEnqueued),
                  enabledFlows: .enabledFlows(pool: pool, lifetime: configuration.tenantCacheLifetime))
    }

    /// An ingress sharing its committers and enabled-flows cache with the NetSuite ingress.
    init(catalog: TenantCatalog, pool: TenantPool, routing: WebhookRouting, configuration: Configuration, logger: Logger,
         committers: IngestCommitters, enabledFlows: EnabledFlowsCache) {
        self.catalog = catalog
        self.committers = committers
        self.secrets = WebhookSecretCache(pool: pool, lifetime: configuration.tenantCacheLifetime)
        self.enabledFlows = enabledFlows
        self.routing = routing
        self.configuration = configuration
        self.logger = logger
    }

    /// Handles one delivery; `headers` as received (names in any case), `body` the raw bytes.
    public func handle(headers: [(String, String)], body: Data) async -> IngressResponse {
        guard let domain = Self.header(ShopifyWebhookHeaders.Name.shopDomain, in: headers), !domain.isEmpty else {
            return refuse(400, "missing X-Shopify-Shop-Domain header", tenant: nil)
        }
        guard let tenant = catalog.tenant(forShopDomain: domain) else {
            return refuse(404, "unknown shop", tenant: nil, domain: domain)
        }
        guard body.count <= configuration.maximumBodySize else {
            return refuse(413, "body larger than \(configuration.maximumBodySize) bytes", tenant: tenant.id)
        }
        let verifier: ShopifyWebhookVerifier?
        do {
            verifier = try await secrets.verifier(for: tenant.id)
        } catch {
            logger.error("cannot read the webhook secret", metadata: ["tenant": "\(tenant.id)", "error": "\(error)"])
            return IngressResponse(status: 503, message: "tenant unavailable, retry later")
        }
        guard let verifier else {
            return refuse(503, "no webhook secret configured for this shop", tenant: tenant.id)
        }
        do {
            try verifier.verify(body: body, signature: Self.header(ShopifyWebhookHeaders.Name.hmac, in: headers) ?? "")
        } catch {
            return refuse(401, "invalid webhook signature (\(error.code))", tenant: tenant.id)
        }
        // A disabled tenant's deliveries are still accepted (once authenticated): its jobs wait in
        // its queue until it is enabled. Refusing them would make Shopify drop the subscription
        // after its retries run out, losing events.
        let delivery: ShopifyWebhookHeaders
        do {
            delivery = try ShopifyWebhookHeaders(headers)
        } catch {
            return refuse(400, "\(error)", tenant: tenant.id)
        }
        guard let document = try? JSONSerialization.jsonObject(with: body), document is [String: Any] else {
            return refuse(400, "body is not a JSON object", tenant: tenant.id, topic: delivery.topic)
        }
        return await ingest(delivery: delivery, body: body, subjects: Self.subjects(of: document, topic: delivery.topic), tenant: tenant.id)
    }

    private func ingest(delivery: ShopifyWebhookHeaders, body: Data, subjects: [PayloadSubject], tenant: TenantID) async -> IngressResponse {
        let identity = DeliveryIdentity(source: "shopify", topic: delivery.topic, deliveryID: delivery.webhookID, eventID: delivery.eventID)
        do {
            // Only the flows the tenant enabled get jobs; the delivery is archived either way.
            let enabled = try await enabledFlows.value(for: tenant)
            let jobs = routing.flows(for: delivery.topic).filter { enabled?.contains($0) ?? true }.map { flow in
                NewJob(flow: flow, kind: delivery.topic, uniqueKey: "shopify:\(delivery.topic):\(delivery.eventID)")
            }
            let payload = try PreparedPayload(NewPayload(
                body: body, topic: delivery.topic, source: "shopify", receivedAt: nil, subjects: subjects))
            let result = try await committers.committer(for: tenant).submit(IngestRequest(identity: identity, payload: payload, jobs: jobs))
            switch result {
            case .accepted(_, let jobIDs):
                logger.debug("webhook accepted", metadata: metadata(tenant, delivery, ["jobs": "\(jobIDs.count)"]))
                return .accepted
            case .duplicate:
                logger.info("duplicate webhook acknowledged", metadata: metadata(tenant, delivery))
                return .duplicate
            }
        } catch {
            logger.error("webhook could not be stored", metadata: metadata(tenant, delivery, ["error": "\(error)"]))
            return IngressResponse(status: 503, message: "could not store the delivery, retry later")
        }
    }

    private func refuse(_ status: Int, _ reason: String, tenant: TenantID?, domain: String? = nil, topic: String? = nil) -> IngressResponse {
        var metadata: Logger.Metadata = ["status": "\(status)", "reason": "\(reason)"]
        if let tenant { metadata["tenant"] = "\(tenant)" }
        if let domain { metadata["shop"] = "\(domain.prefix(100))" }
        if let topic { metadata["topic"] = "\(topic)" }
        logger.notice("webhook refused", metadata: metadata)
        return IngressResponse(status: status, message: reason)
    }

    private func metadata(_ tenant: TenantID, _ delivery: ShopifyWebhookHeaders, _ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        extra.merging(["tenant": "\(tenant)", "topic": "\(delivery.topic)", "webhook_id": "\(delivery.webhookID)"]) { $1 }
    }

    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name }?.1
    }

    /// Whom the payload is about, so a customers/redact request can find it later.
    static func subjects(of document: Any, topic: String) -> [PayloadSubject] {
        guard let object = document as? [String: Any] else { return [] }
        var subjects: [PayloadSubject] = []
        func identifier(_ value: Any?) -> String? {
            switch value {
            case let number as NSNumber: number.stringValue
            case let text as String where !text.isEmpty: text
            default: nil
            }
        }
        if topic.hasPrefix("orders/"), let id = identifier(object["id"]) { subjects.append(.order(id)) }
        if let orderID = identifier(object["order_id"]) { subjects.append(.order(orderID)) }
        if topic.hasPrefix("customers/"), let id = identifier(object["id"]) { subjects.append(.customer(id)) }
        if let customer = object["customer"] as? [String: Any], let id = identifier(customer["id"]) { subjects.append(.customer(id)) }
        return subjects
    }
}
