import Foundation

/// The time source of the cost bucket: what time it is and how to wait.
///
/// Injected so tests can check the waiting math without sleeping, and so a client talking to
/// the sandbox can run on the sandbox's accelerated time (`ScaledShopifyClock`).
public protocol ShopifyThrottleClock: Sendable {
    /// The current instant.
    var now: Date { get }
    /// Waits `duration` of this clock's time. Throws `CancellationError` when cancelled.
    func sleep(for duration: Duration) async throws
}

/// Wall-clock time: the clock of production.
public struct SystemShopifyClock: ShopifyThrottleClock {
    /// Creates the system clock.
    public init() {}

    public var now: Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// A clock running `timeScale` times faster than real time, matching a sandbox configured
/// with the same time scale: one second of this clock passes in `1 / timeScale` real seconds.
public struct ScaledShopifyClock: ShopifyThrottleClock {
    /// Clock seconds per real second.
    public let timeScale: Double
    private let origin: Date
    private let realStart: ContinuousClock.Instant

    /// Creates a clock that starts at the current wall time and runs `timeScale` times faster.
    public init(timeScale: Double) {
        self.timeScale = max(timeScale, .leastNormalMagnitude)
        self.origin = Date()
        self.realStart = ContinuousClock.now
    }

    public var now: Date {
        let elapsed = ContinuousClock.now - realStart
        return origin.addingTimeInterval(elapsed.seconds * timeScale)
    }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration / timeScale)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number (for rate arithmetic only).
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
