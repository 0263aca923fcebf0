extension Duration {
    /// A duration of `seconds` read from the network (a `Retry-After` header, a throttle
    /// status, a token's `expires_in`), bounded to `0...maximum` so an absurd value cannot
    /// trap the integer conversion or park work for years. Not-a-number reads as zero.
    public static func seconds(clamping seconds: Double, maximum: Double = 86_400) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return seconds == .infinity ? .milliseconds(Int64(maximum * 1000)) : .zero }
        return .milliseconds(Int64((min(seconds, maximum) * 1000).rounded(.up)))
    }
}
