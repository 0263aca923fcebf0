/// What the host should do about a failed call to Shopify or NetSuite.
///
/// Every client error is classified once, where the response is understood, so that the
/// queue, the governors and the health report never have to parse status codes again.
public enum FailureClass: Sendable, Equatable {
    /// Worth retrying later (5xx, timeouts, connection resets, maintenance windows).
    /// `retryAfter` is the server's own hint when it gave one.
    case transient(retryAfter: Duration?)
    /// The vendor asked us to slow down (HTTP 429, Shopify THROTTLED). Retrying after the
    /// delay is expected to succeed and must not count as a failed attempt.
    case rateLimited(retryAfter: Duration)
    /// The credentials were refused (revoked token, bad signature, expired key). Retrying
    /// will not help until an operator fixes the tenant's credentials.
    case authentication
    /// The request itself is wrong (bad data, unknown item, validation error). Retrying
    /// the same request can never succeed.
    case permanent
}

/// An error that knows its ``FailureClass``.
///
/// ```swift
/// do {
///     try await netsuite.upsert(salesOrder)
/// } catch let error as any ClassifiedError {
///     switch error.failureClass {
///     case .rateLimited(let delay): // snooze the job for `delay`
///     case .transient, .authentication, .permanent: ...
///     }
/// }
/// ```
public protocol ClassifiedError: Error, Sendable, CustomStringConvertible {
    /// How the host should react.
    var failureClass: FailureClass { get }
    /// A short, stable code, safe as a metric label, such as `http_503`,
    /// `shopify_throttled` or `netsuite_INVALID_CONTENT`.
    var code: String { get }
    /// What happened, for an operator. Never contains a secret (tokens, signatures, keys).
    var message: String { get }
}

extension ClassifiedError {
    public var description: String { "\(code): \(message)" }
}
