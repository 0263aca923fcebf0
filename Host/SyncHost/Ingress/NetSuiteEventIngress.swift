import Crypto
import Foundation
import Logging
import PluginKit
import TenantStore

/// `POST /netsuite/events/{tenant}`: events the SuiteScript we ship pushes from NetSuite
/// (`inventory.changed`, `itemFulfillment.created`).
///
/// The tenant comes from the path. The request is authenticated with the tenant's vault
/// secret ``TenantSecretNames/netSuiteEventsSecret``:
/// `X-SyncHost-Signature: sha256=<base64 HMAC-SHA256(secret, "<X-SyncHost-Timestamp>.<raw body>")>`,
/// compared in constant time, and a timestamp more than ``Configuration/maximumClockSkew``
/// away from now is refused (a captured request cannot be replayed later). The event is
/// deduplicated by its `eventId`, archived raw, and one job is enqueued per enabled flow
/// that consumes its `type`, through the same group commit as Shopify webhooks, before 200.
///
/// Answers: 404 unknown tenant, 413 body too large, 401 bad signature or stale timestamp,
/// 400 not a JSON object or without `eventId`/`type` (or for another NetSuite account),
/// 503 no secret configured or storage failed (NetSuite's script retries), 200 accepted or
/// already received. Logs name the tenant, event type and id, never a secret or the body.
public struct NetSuiteEventIngress: Sendable {
    public struct Configuration: Sendable {
        /// Bodies larger than this are refused with 413. Default 1 MiB (an inventory event for
        /// a few thousand item-locations).
        public var maximumBodySize: Int
        /// How far the signed timestamp may be from the host's clock. Default 5 minutes.
        public var maximumClockSkew: Duration
        /// How long a tenant's events secret and enabled flows are reused. Default 60 s.
        public var tenantCacheLifetime: Duration

        public init(maximumBodySize: Int = 1024 * 1024, maximumClockSkew: Duration = .seconds(300),
                    tenantCacheLifetime: Duration = .seconds(60)) {
            self.maximumBodySize = maximumBodySize
            self.maximumClockSkew = maximumClockSkew
            self.tenantCacheLifetime = tenantCacheLifetime
        }
    }

    /// Header names, lowercase.
    enum Header {
        static let timestamp = "x-synchost-timestamp"
        static let signature = "x-synchost-signature"
    }

    let catalog: TenantCatalog
    let committers: IngestCommitters
    let secrets: TenantValueCache<Secret?>
    let enabledFlows: EnabledFlowsCache
    /// Flows consuming each event type, sorted.
    let routing: [String: [String]]
    public let configuration: Configuration
    let logger: Logger
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - routing: The flows that consume each event type (``PluginRegistry/pushedEventRouting``).
    ///   - onJobsEnqueued: Called with the tenant after a commit that enqueued at least one job.
    ///   - now: The clock timestamps are checked against; tests inject one.
    public init(catalog: TenantCatalog, pool: TenantPool, routing: [String: [String]],
                configuration: Configuration = Configuration(), logger: Logger = Logger(label: "synchost.ingress.netsuite"),
                onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void = { _ in },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(catalog: catalog, pool: pool, routing: routing, configuration: configuration, logger: logger,
                  committers: IngestCommitters(pool: pool, onJobsEnqueued: onJobsEnqueued),
                  enabledFlows: .enabledFlows(pool: pool, lifetime: configuration.tenantCacheLifetime), now: now)
    }

    /// An ingress sharing its committers and enabled-flows cache with the Shopify ingress.
    init(catalog: TenantCatalog, pool: TenantPool, routing: [String: [String]], configuration: Configuration, logger: Logger,
         committers: IngestCommitters, enabledFlows: EnabledFlowsCache, now: @escaping @Sendable () -> Date = { Date() }) {
        self.catalog = catalog
        self.committers = committers
        self.secrets = TenantValueCache(pool: pool, lifetime: configuration.tenantCacheLifetime) { database in
            try await database.vault.storedSecret(named: TenantSecretNames.netSuiteEventsSecret)?.secret
        }
        self.enabledFlows = enabledFlows
        self.routing = routing.mapValues { Array(Set($0)).sorted() }
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    /// Handles one pushed event; `tenant` is the path segment as received, `headers` as
    /// received (names in any case), `body` the raw bytes.
    public func handle(tenant tenantSegment: String, headers: [(String, String)], body: Data) async -> IngressResponse {
        guard let id = try? TenantID(tenantSegment), let tenant = catalog.tenant(id: id) else {
            return refuse(404, "unknown tenant", tenant: nil)
        }
        guard body.count <= configuration.maximumBodySize else {
            return refuse(413, "body larger than \(configuration.maximumBodySize) bytes", tenant: tenant.id)
        }
        let secret: Secret?
        do {
            secret = try await secrets.value(for: tenant.id)
        } catch {
            logger.error("cannot read the events secret", metadata: ["tenant": "\(tenant.id)", "error": "\(error)"])
            return IngressResponse(status: 503, message: "tenant unavailable, retry later")
        }
        guard let secret else {
            return refuse(503, "no events secret configured for this tenant", tenant: tenant.id)
        }
        if let problem = authenticate(headers: headers, body: body, secret: secret) {
            return refuse(401, problem, tenant: tenant.id)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return refuse(400, "body is not a JSON object", tenant: tenant.id)
        }
        guard let eventID = object["eventId"] as? String, Self.isToken(eventID, maximumLength: 200) else {
            return refuse(400, "missing or invalid eventId", tenant: tenant.id)
        }
        guard let type = object["type"] as? String, Self.isToken(type, maximumLength: 100) else {
            return refuse(400, "missing or invalid event type", tenant: tenant.id)
        }
        if let account = object["accountId"] as? String, !account.isEmpty, account.uppercased() != tenant.netsuiteAccountID.uppercased() {
            return refuse(400, "event is for another NetSuite account", tenant: tenant.id, type: type)
        }
        return await ingest(eventID: eventID, type: type, body: body, tenant: tenant.id)
    }

    /// Why the request is not authentic, or nil if it is.
    private func authenticate(headers: [(String, String)], body: Data, secret: Secret) -> String? {
        guard let timestampText = ShopifyWebhookIngress.header(Header.timestamp, in: headers),
              let timestamp = Int64(timestampText.trimmingCharacters(in: .whitespaces))
        else {
            return "missing or invalid X-SyncHost-Timestamp"
        }
        guard let signatureText = ShopifyWebhookIngress.header(Header.signature, in: headers), signatureText.hasPrefix("sha256="),
              let signature = Data(base64Encoded: String(signatureText.dropFirst("sha256=".count)))
        else {
            return "missing or malformed X-SyncHost-Signature"
        }
        var message = Data(timestampText.utf8)
        message.append(UInt8(ascii: "."))
        message.append(body)
        // isValidAuthenticationCode compares in constant time.
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: SymmetricKey(data: Data(secret.exposedValue.utf8))) else {
            return "invalid signature"
        }
        // Checked after the signature, so an attacker cannot learn the skew window from answers
        // to unsigned requests; the timestamp is signed, so it cannot be refreshed on a replay.
        let skew = abs(now().timeIntervalSince1970 - Double(timestamp))
        let allowed = configuration.maximumClockSkew.components
        guard skew <= Double(allowed.seconds) + Double(allowed.attoseconds) / 1e18 else {
            return "timestamp too far from now (replay protection)"
        }
        return nil
    }

    private func ingest(eventID: String, type: String, body: Data, tenant: TenantID) async -> IngressResponse {
        let identity = DeliveryIdentity(source: "netsuite", topic: type, deliveryID: nil, eventID: eventID)
        do {
            let enabled = try await enabledFlows.value(for: tenant)
            let jobs = (routing[type] ?? []).filter { enabled?.contains($0) ?? true }.map { flow in
                NewJob(flow: flow, kind: type, uniqueKey: "netsuite:\(type):\(eventID)")
            }
            let payload = try PreparedPayload(NewPayload(body: body, topic: type, source: "netsuite"))
            let result = try await committers.committer(for: tenant).submit(IngestRequest(identity: identity, payload: payload, jobs: jobs))
            switch result {
            case .accepted(_, let jobIDs):
                logger.debug("netsuite event accepted", metadata: metadata(tenant, type, eventID, ["jobs": "\(jobIDs.count)"]))
                return .accepted
            case .duplicate:
                logger.info("duplicate netsuite event acknowledged", metadata: metadata(tenant, type, eventID))
                return .duplicate
            }
        } catch {
            logger.error("netsuite event could not be stored", metadata: metadata(tenant, type, eventID, ["error": "\(error)"]))
            return IngressResponse(status: 503, message: "could not store the event, retry later")
        }
    }

    private func refuse(_ status: Int, _ reason: String, tenant: TenantID?, type: String? = nil) -> IngressResponse {
        var metadata: Logger.Metadata = ["status": "\(status)", "reason": "\(reason)"]
        if let tenant { metadata["tenant"] = "\(tenant)" }
        if let type { metadata["event_type"] = "\(type)" }
        logger.notice("netsuite event refused", metadata: metadata)
        return IngressResponse(status: status, message: reason)
    }

    private func metadata(_ tenant: TenantID, _ type: String, _ eventID: String, _ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        extra.merging(["tenant": "\(tenant)", "event_type": "\(type)", "event_id": "\(eventID)"]) { $1 }
    }

    /// A printable identifier without spaces or control characters, safe in logs and keys.
    static func isToken(_ text: String, maximumLength: Int) -> Bool {
        (1...maximumLength).contains(text.utf8.count) && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
    }
}
