import Crypto
import Foundation

/// Shopify's webhook signature: base64 of HMAC-SHA256 over the exact body bytes, keyed by the app secret.
enum WebhookSigner {
    static func signature(body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64EncodedString()
    }
}

/// A small seeded generator (SplitMix64) so that a fault profile replays exactly.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && Double.random(in: 0..<1, using: &self) < probability
    }
}

/// One merchant-side event to deliver: every delivery of it shares `eventID`.
struct WebhookEvent: Sendable {
    let shop: ShopHandle
    let topic: String
    let body: Data
    let eventID: String
    let triggeredAt: Date
    let apiVersion: String
    /// The subscription topic (`ORDERS_CREATE`) for deliveries to subscriptions; nil for
    /// compliance webhooks, which come from the app's configuration and are never removed.
    let subscriptionTopic: String?
}
