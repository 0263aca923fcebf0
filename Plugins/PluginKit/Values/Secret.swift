/// A secret value (an access token, a client secret, a private key) that does not show
/// itself: its description, debug description, reflection and interpolation print
/// `<redacted>`, and encoding it throws (silently writing `<redacted>` would lose the
/// credential of whoever persisted it that way). The value is read only through
/// ``exposedValue``, a name that is easy to search for in review.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable, Encodable {
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself. Use it only to authenticate a request, never to log or report.
    public var exposedValue: String { value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `Secret(<redacted>)`.
    public var debugDescription: String { "Secret(<redacted>)" }
    /// A mirror without children, so `dump` and reflection show nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Always throws: a secret is stored only through the credential vault, sealed.
    public func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue("<redacted>", EncodingError.Context(
            codingPath: encoder.codingPath, debugDescription: "a Secret is never encoded; store it in the credential vault"))
    }
}

extension DefaultStringInterpolation {
    /// `"\(secret)"` prints `<redacted>`, whatever the surrounding code does.
    public mutating func appendInterpolation(_ secret: Secret) {
        appendLiteral("<redacted>")
    }
}
