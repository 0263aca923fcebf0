/// A failure of the store simulator, with a stable code.
public struct StoreSimulatorError: Error, Sendable, CustomStringConvertible {
    /// Stable codes, safe as metric labels.
    public enum Code: String, Sendable {
        /// A configuration value or argument is out of range.
        case invalidConfiguration = "invalid_configuration"
        /// The sandbox refused to create a location or product.
        case catalogSeedingFailed = "catalog_seeding_failed"
        /// The sandbox refused an event.
        case eventRejected = "event_rejected"
        /// The sandbox refused a payout.
        case payoutRejected = "payout_rejected"
    }

    /// Stable code.
    public let code: Code
    /// What went wrong.
    public let message: String

    /// An error with a stable `code` and a message for people (never a secret).
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
