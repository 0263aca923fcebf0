import Crypto
import Foundation
import PluginKit

/// Checks `X-Shopify-Hmac-Sha256` against the raw body of a webhook delivery.
///
/// The signature is HMAC-SHA256 over the exact body bytes, keyed with the app's client
/// secret, base64 encoded (a hex digest is refused). The comparison runs in constant time.
/// After a secret rotation Shopify may keep signing with the old secret for a while, so the
/// previous secret is accepted until `previousSecretExpiresAt`.
///
/// ```swift
/// let verifier = ShopifyWebhookVerifier(secret: current, previousSecret: old,
///                                       previousSecretExpiresAt: rotatedAt + 3600)
/// let used = try verifier.verify(body: rawBody, signature: headers.hmac)
/// ```
public struct ShopifyWebhookVerifier: Sendable {
    /// Which secret produced a valid signature.
    public enum MatchedSecret: Sendable, Equatable {
        /// The current secret.
        case current
        /// The previous secret, inside its grace window.
        case previous
    }

    private let secret: Secret
    private let previousSecret: Secret?
    private let previousSecretExpiresAt: Date?

    /// Creates a verifier for the current secret and, optionally, the previous one with the
    /// instant its grace window ends.
    public init(secret: Secret, previousSecret: Secret? = nil, previousSecretExpiresAt: Date? = nil) {
        self.secret = secret
        self.previousSecret = previousSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt
    }

    /// Verifies `signature` for `body` at instant `now`; throws when it does not match.
    @discardableResult
    public func verify(body: some DataProtocol, signature: String, now: Date = Date()) throws(ShopifyWebhookSignatureError) -> MatchedSecret {
        let trimmed = signature.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .missing }
        guard let digest = Data(base64Encoded: trimmed), digest.count == SHA256.byteCount else {
            throw .malformed
        }
        let bytes = Data(body)
        if Self.matches(digest, body: bytes, key: secret) { return .current }
        if let previousSecret, let previousSecretExpiresAt, now < previousSecretExpiresAt,
           Self.matches(digest, body: bytes, key: previousSecret) {
            return .previous
        }
        throw .mismatch
    }

    /// True when `signature` is valid for `body` at `now`.
    public func isValid(body: some DataProtocol, signature: String, now: Date = Date()) -> Bool {
        (try? verify(body: body, signature: signature, now: now)) != nil
    }

    /// The base64 signature Shopify would send for `body` with `secret` (for tests and the sandbox).
    public static func signature(for body: some DataProtocol, secret: Secret) -> String {
        let key = SymmetricKey(data: Data(secret.exposedValue.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(body), using: key)).base64EncodedString()
    }

    private static func matches(_ digest: Data, body: Data, key: Secret) -> Bool {
        let symmetricKey = SymmetricKey(data: Data(key.exposedValue.utf8))
        // Crypto's check compares in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(digest, authenticating: body, using: symmetricKey)
    }
}

/// Why a webhook signature was refused. Never carries the signature or the secret.
public enum ShopifyWebhookSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No signature header value.
    case missing
    /// Not a base64-encoded SHA-256 digest (a hex digest lands here).
    case malformed
    /// A well-formed signature that no accepted secret produces.
    case mismatch

    /// A stable code, e.g. `webhook_signature_mismatch`.
    public var code: String {
        switch self {
        case .missing: "webhook_signature_missing"
        case .malformed: "webhook_signature_malformed"
        case .mismatch: "webhook_signature_mismatch"
        }
    }

    public var description: String {
        switch self {
        case .missing: "\(code): the X-Shopify-Hmac-Sha256 header is empty"
        case .malformed: "\(code): the signature is not a base64 SHA-256 digest"
        case .mismatch: "\(code): the signature does not match the body"
        }
    }
}
