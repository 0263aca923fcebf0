import Foundation

/// Counters of one shop, for tests and benchmarks.
public struct ShopifySandboxStats: Sendable, Equatable {
    /// Admin API requests answered (any status).
    public var requestsServed: Int = 0
    /// Requests answered with THROTTLED.
    public var throttledResponses: Int = 0
    /// Points currently available in the cost bucket.
    public var bucketLevel: Double = 0
    /// Webhook delivery attempts made (every retry counts).
    public var webhookAttempts: Int = 0
    /// Deliveries that ended with a 2xx.
    public var webhookSucceeded: Int = 0
    /// Deliveries that used up every retry without a 2xx.
    public var webhookFailed: Int = 0
    /// Deliveries dropped on purpose by the fault profile.
    public var webhookDropped: Int = 0

    /// Creates empty counters.
    public init() {}
}

/// One webhook delivery (one `X-Shopify-Webhook-Id`) and what became of it.
public struct SandboxWebhookDelivery: Sendable, Equatable {
    /// The delivery's state.
    public enum State: String, Sendable {
        /// Waiting for its first attempt or its next retry.
        case pending
        /// Answered with a 2xx.
        case delivered
        /// Every retry failed.
        case failed
        /// Dropped by the fault profile: never sent.
        case dropped
    }

    /// Topic header value, e.g. `orders/create`.
    public let topic: String
    /// `X-Shopify-Webhook-Id`.
    public let webhookID: String
    /// `X-Shopify-Event-Id`.
    public let eventID: String
    /// Where it is sent.
    public let url: URL
    /// Attempts made so far.
    public var attempts: Int
    /// HTTP status of the last attempt (nil before the first answer or after a timeout).
    public var lastStatus: Int?
    /// Current state.
    public var state: State
}

/// An error of the sandbox's own API (not an Admin API answer).
public struct ShopifySandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes.
    public enum Code: String, Sendable {
        /// The HTTP server could not start.
        case notStarted = "NOT_STARTED"
        /// No shop with that domain.
        case unknownShop = "UNKNOWN_SHOP"
        /// `createShop` with a domain already taken.
        case shopExists = "SHOP_EXISTS"
        /// A seed names a location the shop does not have.
        case unknownLocation = "UNKNOWN_LOCATION"
        /// An event payload that is not a JSON object with an id, or that names an unknown order.
        case invalidPayload = "INVALID_PAYLOAD"
        /// Any other bad argument (domain, currency, amount, topic).
        case invalidArgument = "INVALID_ARGUMENT"
        /// The bundled schema could not be loaded or built.
        case schema = "SCHEMA"
    }

    /// Stable code.
    public let code: Code
    /// Human-readable detail; never contains a secret.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `CODE: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
