import Foundation

/// When a job that failed transiently runs again: exponential backoff from ``baseDelay``,
/// doubling each attempt up to ``maximumDelay``, spread by +-``jitter`` so that jobs that
/// failed together do not come back together. A server's `Retry-After` wins.
public struct RetryPolicy: Sendable {
    /// The delay after the first failed attempt. Default 1 s.
    public var baseDelay: Duration
    /// The longest delay backoff ever reaches. Default 1 h.
    public var maximumDelay: Duration
    /// The fraction by which each delay is spread at random, both ways. Default 0.1.
    public var jitter: Double
    /// The longest `Retry-After` honoured as given, so a bogus header cannot park a job for a year. Default 24 h.
    public var maximumRetryAfter: Duration

    public init(
        baseDelay: Duration = .seconds(1),
        maximumDelay: Duration = .seconds(3600),
        jitter: Double = 0.1,
        maximumRetryAfter: Duration = .seconds(86_400)
    ) {
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The delay before the next run after `attempt` attempts have failed (1 for the first failure),
    /// before jitter.
    public func nominalDelay(afterAttempt attempt: Int) -> Duration {
        let base = baseDelay.timeInterval
        let doublings = Double(max(0, attempt - 1))
        let seconds = min(base * pow(2, min(doublings, 62)), maximumDelay.timeInterval)
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The delay to use: the server's `retryAfter` if it gave one (bounded by
    /// ``maximumRetryAfter``), otherwise the nominal delay spread by jitter.
    /// `unitRandom` is a value in [0, 1), injected so tests can pin the spread.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, unitRandom: Double = Double.random(in: 0..<1)) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maximumRetryAfter)
        }
        let nominal = nominalDelay(afterAttempt: attempt).timeInterval
        let factor = 1 + jitter * (2 * unitRandom - 1)
        return .milliseconds(Int64((nominal * factor * 1000).rounded()))
    }
}
