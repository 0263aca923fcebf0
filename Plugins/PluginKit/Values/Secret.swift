/// A secret value (an access token, a client secret, a private key) that does not show
/// itself: its description, debug description, reflection, interpolation and encoding all
/// print `<redacted>`. The value is read only through ``exposedValue``, a name that is
/// easy to search for in review.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable, Encodable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself. Use it only to authenticate a request, never to log or report.
    public var exposedValue: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("<redacted>")
    }
}

extension DefaultStringInterpolation {
    /// `"\(secret)"` prints `<redacted>`, whatever the surrounding code does.
    public mutating func appendInterpolation(_ secret: Secret) {
        appendLiteral("<redacted>")
    }
}
