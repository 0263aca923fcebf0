import Foundation

/// Measures durations in sandbox time: `timeScale` sandbox seconds pass per real second.
/// Absolute dates (record timestamps, TBA timestamps, JWT claims) stay on the wall clock;
/// only the lengths of windows and lifetimes are scaled.
struct SandboxClock: Sendable {
    let timeScale: Double
    private let origin = ContinuousClock.now

    init(timeScale: Double) {
        self.timeScale = timeScale > 0 ? timeScale : 1
    }

    /// Sandbox seconds elapsed since the sandbox was created.
    var elapsed: Double {
        let real = ContinuousClock.now - origin
        return (Double(real.components.seconds) + Double(real.components.attoseconds) / 1e18) * timeScale
    }

    /// The real duration that lasts `sandboxSeconds` of sandbox time.
    func realDuration(sandboxSeconds: Double) -> Duration {
        .nanoseconds(Int64(max(0, sandboxSeconds / timeScale) * 1e9))
    }

    /// A span of real seconds expressed in sandbox seconds.
    func sandboxSeconds(real seconds: Double) -> Double { seconds * timeScale }
}

/// SplitMix64: a small, fast generator whose sequence depends only on its seed.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A fraction in [0, 1).
    mutating func nextFraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
