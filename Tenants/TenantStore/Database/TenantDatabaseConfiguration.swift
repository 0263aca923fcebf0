import Foundation

/// How tenant databases are opened and how their queues behave.
public struct TenantDatabaseConfiguration: Sendable {
    /// How durable a commit is.
    public enum Durability: String, Sendable {
        /// `synchronous=FULL`: a commit survives power loss. What "a 2xx means durable" needs.
        case full
        /// `synchronous=NORMAL`: a commit survives a crash of the process, not of the machine.
        case normal
    }

    /// How long a write waits for another connection's lock before failing. Default 5 s.
    public var busyTimeout: Duration
    /// Default ``Durability/full``.
    public var durability: Durability
    /// How long a claim holds a job without a heartbeat. Default 60 s.
    public var leaseDuration: Duration
    /// Backoff for transient failures. Default: 1 s doubling to 1 h, +-10% jitter.
    public var retryPolicy: RetryPolicy
    /// The source of "now". Default: the system clock.
    public var clock: any WallClock

    public init(
        busyTimeout: Duration = .seconds(5),
        durability: Durability = .full,
        leaseDuration: Duration = .seconds(60),
        retryPolicy: RetryPolicy = RetryPolicy(),
        clock: any WallClock = SystemWallClock()
    ) {
        self.busyTimeout = busyTimeout
        self.durability = durability
        self.leaseDuration = leaseDuration
        self.retryPolicy = retryPolicy
        self.clock = clock
    }
}
