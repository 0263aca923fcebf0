/// A deterministic random number generator (SplitMix64): the same seed yields the same
/// store traffic on every platform, which `SystemRandomNumberGenerator` cannot promise.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// True with probability `probability` (clamped to 0...1).
    public mutating func chance(_ probability: Double) -> Bool {
        guard probability > 0 else { return false }
        guard probability < 1 else { return true }
        return Double.random(in: 0..<1, using: &self) < probability
    }

    /// A uniformly chosen element; `nil` only for an empty collection.
    public mutating func pick<C: Collection>(_ elements: C) -> C.Element? {
        elements.randomElement(using: &self)
    }

    /// An integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A generator for one sub-stream, so adding draws in one place of the simulation
    /// does not shift every later document.
    public mutating func fork() -> SeededRandom {
        SeededRandom(seed: next())
    }
}
