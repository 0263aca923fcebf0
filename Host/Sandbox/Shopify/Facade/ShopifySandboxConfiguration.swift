import Foundation

/// A Shopify plan: it decides the GraphQL cost bucket's size and restore rate.
public enum ShopifyPlan: String, Sendable, CaseIterable {
    /// Basic / Shopify / Standard plans.
    case standard
    /// Advanced.
    case advanced
    /// Shopify Plus.
    case plus
    /// Commerce Components (enterprise).
    case enterprise

    /// Points restored per second of sandbox time (Shopify: 100 / 200 / 1000 / 2000).
    public var restoreRate: Double {
        switch self {
        case .standard: 100
        case .advanced: 200
        case .plus: 1000
        case .enterprise: 2000
        }
    }

    /// Bucket size: 2000 for Standard and Advanced, 20000 for Plus and Enterprise (assumed by API-FACTS).
    public var bucketSize: Double {
        switch self {
        case .standard, .advanced: 2000
        case .plus, .enterprise: 20000
        }
    }
}

/// Probabilities of the delivery faults Shopify is known for, drawn from a seeded generator
/// so that a test or benchmark run can be replayed exactly.
public struct WebhookFaults: Sendable, Equatable {
    /// Probability that a delivery is sent twice (same event id, new webhook id).
    public var duplicate: Double
    /// Probability that a delivery is held back until the next one of the shop has gone out.
    public var outOfOrder: Double
    /// Probability that a delivery is delayed by `lateDelay` sandbox seconds.
    public var late: Double
    /// Probability that a delivery is never sent.
    public var dropped: Double
    /// Delay of a late delivery, in sandbox seconds (Shopify: up to a day).
    public var lateDelay: Double
    /// Seed of the generator that draws the faults.
    public var seed: UInt64

    /// No faults: every event is delivered once, in order, as soon as possible.
    public static let none = WebhookFaults()

    /// Creates a fault profile; every probability defaults to 0.
    public init(
        duplicate: Double = 0, outOfOrder: Double = 0, late: Double = 0, dropped: Double = 0,
        lateDelay: Double = 3600, seed: UInt64 = 1
    ) {
        self.duplicate = duplicate
        self.outOfOrder = outOfOrder
        self.late = late
        self.dropped = dropped
        self.lateDelay = lateDelay
        self.seed = seed
    }
}

/// Configuration of a `ShopifySandbox`.
public struct ShopifySandboxConfiguration: Sendable {
    /// TCP port on 127.0.0.1; 0 picks an ephemeral port (read it back from `baseURL`).
    public var port: Int
    /// Sandbox seconds per real second: bucket restore and webhook retry backoff run this much faster.
    public var timeScale: Double
    /// Delivery faults applied to webhook deliveries (not to compliance webhooks).
    public var webhookFaults: WebhookFaults
    /// Webhook retries after the first attempt (Shopify: 8).
    public var webhookRetries: Int
    /// Backoff before the first retry in sandbox seconds; it doubles per retry. With 8 retries the
    /// default 60 s spreads them over about 4 hours, as Shopify does.
    public var webhookBaseBackoff: Double
    /// Largest accepted request body in bytes.
    public var maximumBodySize: Int

    /// Creates a configuration; every field has a default.
    public init(
        port: Int = 0, timeScale: Double = 1, webhookFaults: WebhookFaults = .none,
        webhookRetries: Int = 8, webhookBaseBackoff: Double = 60, maximumBodySize: Int = 2 << 20
    ) {
        self.port = port
        self.timeScale = timeScale
        self.webhookFaults = webhookFaults
        self.webhookRetries = webhookRetries
        self.webhookBaseBackoff = webhookBaseBackoff
        self.maximumBodySize = maximumBodySize
    }
}
