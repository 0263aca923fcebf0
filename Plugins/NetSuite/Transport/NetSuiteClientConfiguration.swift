import Foundation

/// Tunables of a NetSuite client; every field has a production default.
public struct NetSuiteClientConfiguration: Sendable {
    /// How long one request may take, connection to last body byte. NetSuite itself
    /// gives up after 15 minutes; a minute is long for a record call. Default 60 s.
    public var requestTimeout: Duration
    /// A cached OAuth 2.0 access token is renewed once it is this close to expiry. Default 5 min.
    public var tokenRenewalMargin: Duration
    /// The delay reported for a 429 that carries no `Retry-After`. Default 1 s.
    public var defaultRateLimitDelay: Duration
    /// The largest response body read; larger answers are a transient
    /// `netsuite_response_too_large`. Default 64 MiB.
    public var maxResponseBytes: Int
    /// The wall clock for OAuth 1.0a timestamps and the JWT's `iat`/`exp`. Tests inject one.
    public var now: @Sendable () -> Date
    /// A monotonic clock (time since a fixed origin, never going back) that measures how
    /// long a cached access token has lived, immune to wall-clock jumps. Tests run it faster
    /// to match a time-scaled sandbox.
    public var monotonicNow: @Sendable () -> Duration

    /// A configuration; every argument defaults to the production value.
    public init(
        requestTimeout: Duration = .seconds(60),
        tokenRenewalMargin: Duration = .seconds(300),
        defaultRateLimitDelay: Duration = .seconds(1),
        maxResponseBytes: Int = 64 << 20,
        now: @escaping @Sendable () -> Date = { Date() },
        monotonicNow: @escaping @Sendable () -> Duration = NetSuiteClientConfiguration.continuousClockNow
    ) {
        self.requestTimeout = requestTimeout
        self.tokenRenewalMargin = tokenRenewalMargin
        self.defaultRateLimitDelay = defaultRateLimitDelay
        self.maxResponseBytes = maxResponseBytes
        self.now = now
        self.monotonicNow = monotonicNow
    }

    private static let origin = ContinuousClock.now

    /// The default ``monotonicNow``: `ContinuousClock` time since the first use.
    public static func continuousClockNow() -> Duration { ContinuousClock.now - origin }
}
