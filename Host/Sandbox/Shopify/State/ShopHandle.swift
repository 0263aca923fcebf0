import Foundation
import Synchronization

/// Converts real time to sandbox time: sandbox seconds run `timeScale` times faster.
struct SandboxClock: Sendable {
    let timeScale: Double
    let origin: ContinuousClock.Instant

    init(timeScale: Double) {
        self.timeScale = timeScale > 0 ? timeScale : 1
        self.origin = .now
    }

    /// Sandbox seconds elapsed since the sandbox was created.
    var now: Double {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds * timeScale
    }

    /// Real duration of a span of sandbox seconds.
    func realDuration(ofSandboxSeconds seconds: Double) -> Duration {
        .nanoseconds(Int64(max(0, seconds / timeScale) * 1e9))
    }
}

/// The app's client secret for one shop, with the previous one kept during a rotation's grace window.
struct WebhookSecrets: Sendable {
    var current: String
    var previous: String?
    /// Sandbox time until which deliveries are still signed with `previous`.
    var previousUntil: Double = 0

    /// The secret that signs a delivery made at sandbox time `now`.
    func signingSecret(at now: Double) -> String {
        if let previous, now < previousUntil { return previous }
        return current
    }
}

/// One shop of the sandbox: its state and its per-shop services, each behind its own lock.
final class ShopHandle: Sendable {
    let domain: String
    let accessToken: String
    let state: Mutex<ShopState>
    let bucket: Mutex<CostBucket>
    let secrets: Mutex<WebhookSecrets>
    let counters = Mutex(ShopifySandboxStats())
    let complianceURL = Mutex<URL?>(nil)

    init(state: ShopState, secret: String, bucket: CostBucket) {
        self.domain = state.domain
        self.accessToken = state.accessToken
        self.state = Mutex(state)
        self.bucket = Mutex(bucket)
        self.secrets = Mutex(WebhookSecrets(current: secret))
    }

    /// A consistent copy of the shop's state.
    var snapshot: ShopState { state.withLock { $0 } }
}

/// Random tokens for access tokens, secrets and webhook ids.
enum RandomToken {
    static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func uuid() -> String { UUID().uuidString.lowercased() }
}
