import Foundation

/// The `X-Shopify-*` headers of a webhook delivery, read case-insensitively.
///
/// ```swift
/// let headers = try ShopifyWebhookHeaders(request.headers.map { ($0.name, $0.value) })
/// guard seen(headers.eventID) == false else { return .ok }   // a duplicate delivery
/// ```
public struct ShopifyWebhookHeaders: Sendable, Equatable {
    /// `X-Shopify-Topic`, e.g. `orders/create`.
    public let topic: String
    /// `X-Shopify-Hmac-Sha256`, the base64 signature.
    public let hmac: String
    /// `X-Shopify-Shop-Domain`, `name.myshopify.com`: finds the tenant.
    public let shopDomain: String
    /// `X-Shopify-API-Version`, `YYYY-MM`: the shape of the payload.
    public let apiVersion: String
    /// `X-Shopify-Webhook-Id`: unique per delivery.
    public let webhookID: String
    /// `X-Shopify-Event-Id`: shared by all deliveries of one event; a repeat is a duplicate.
    public let eventID: String
    /// `X-Shopify-Triggered-At`: when the event fired.
    public let triggeredAt: Date
    /// `X-Shopify-Name`, when the subscription has one.
    public let name: String?

    /// The header names, lowercased (HTTP header names are case-insensitive).
    public enum Name {
        public static let topic = "x-shopify-topic"
        public static let hmac = "x-shopify-hmac-sha256"
        public static let shopDomain = "x-shopify-shop-domain"
        public static let apiVersion = "x-shopify-api-version"
        public static let webhookID = "x-shopify-webhook-id"
        public static let eventID = "x-shopify-event-id"
        public static let triggeredAt = "x-shopify-triggered-at"
        public static let name = "x-shopify-name"
    }

    /// Reads the headers from a list of (name, value) pairs; names match in any case.
    /// Throws ``ShopifyWebhookHeaderError`` naming the first missing or invalid header.
    public init(_ headers: some Sequence<(String, String)>) throws(ShopifyWebhookHeaderError) {
        var values: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if values[key] == nil { values[key] = value.trimmingCharacters(in: .whitespaces) }
        }
        func required(_ name: String) throws(ShopifyWebhookHeaderError) -> String {
            guard let value = values[name], !value.isEmpty else { throw .missing(name) }
            return value
        }
        topic = try required(Name.topic)
        hmac = try required(Name.hmac)
        shopDomain = try required(Name.shopDomain).lowercased()
        apiVersion = try required(Name.apiVersion)
        webhookID = try required(Name.webhookID)
        eventID = try required(Name.eventID)
        let triggered = try required(Name.triggeredAt)
        guard let date = ShopifyDates.parse(triggered) else { throw .invalid(Name.triggeredAt) }
        triggeredAt = date
        name = values[Name.name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A webhook delivery whose headers are incomplete.
public enum ShopifyWebhookHeaderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The named header is absent or empty.
    case missing(String)
    /// The named header has a value that cannot be read.
    case invalid(String)

    /// A stable code, e.g. `webhook_header_missing`.
    public var code: String {
        switch self {
        case .missing: "webhook_header_missing"
        case .invalid: "webhook_header_invalid"
        }
    }

    public var description: String {
        switch self {
        case .missing(let name): "\(code): the webhook has no \(name) header"
        case .invalid(let name): "\(code): the \(name) header cannot be read"
        }
    }
}
