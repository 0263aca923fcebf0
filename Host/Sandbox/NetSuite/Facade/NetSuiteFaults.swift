import Foundation

/// How long the sandbox waits before it answers, in sandbox milliseconds.
public enum LatencyDistribution: Sendable, Equatable {
    /// Answer at once.
    case none
    /// Always wait this many milliseconds.
    case fixed(Double)
    /// Wait a duration drawn uniformly between the two bounds, in milliseconds.
    case uniform(Double, Double)
}

/// The faults one NetSuite account injects into its answers; change them at run time with
/// ``NetSuiteSandbox/setFaults(account:_:)``. Every draw comes from a generator seeded with
/// ``seed``, so a test or benchmark replays the same faults in the same order.
public struct NetSuiteFaults: Sendable, Equatable {
    /// Delay added to every admitted request while it counts against the concurrency limit.
    public var latency: LatencyDistribution
    /// Fraction of admitted requests answered 500, 502 or 503 instead of being served.
    public var serverErrorRate: Double
    /// Fraction of admitted requests that hang until the client gives up (bounded by
    /// ``NetSuiteSandboxConfiguration/maximumHangSeconds``, then answered 504).
    public var timeoutRate: Double
    /// While true every request of the account gets 503 with `Retry-After`.
    public var maintenance: Bool
    /// `Retry-After` announced during maintenance, in sandbox seconds (scaled to real seconds in the header).
    public var maintenanceRetryAfterSeconds: Double
    /// Seed of the generator that draws latencies and faults.
    public var seed: UInt64

    /// No faults at all.
    public static let none = NetSuiteFaults()

    /// Creates a fault profile; by default nothing is injected.
    public init(
        latency: LatencyDistribution = .none, serverErrorRate: Double = 0, timeoutRate: Double = 0,
        maintenance: Bool = false, maintenanceRetryAfterSeconds: Double = 60, seed: UInt64 = 1
    ) {
        self.latency = latency
        self.serverErrorRate = serverErrorRate
        self.timeoutRate = timeoutRate
        self.maintenance = maintenance
        self.maintenanceRetryAfterSeconds = maintenanceRetryAfterSeconds
        self.seed = seed
    }
}
