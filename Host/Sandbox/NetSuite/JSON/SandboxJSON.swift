import Foundation

/// A JSON value as the sandbox stores and serves it. Numbers are `Decimal`, never `Double`,
/// so amounts keep every digit the client sent.
///
/// ```swift
/// let order = await sandbox.records(account: "1234567_SB1", type: "salesOrder")[0]
/// order["externalId"]?.stringValue        // "shopify-order-1001"
/// order["total"]?.decimalValue            // 59.97
/// ```
public enum SandboxJSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, exact.
    case number(Decimal)
    /// A string.
    case string(String)
    /// An array.
    case array([SandboxJSON])
    /// An object; members are written sorted by name.
    case object([String: SandboxJSON])

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number or a string holding a plain decimal number.
    public var decimalValue: Decimal? {
        switch self {
        case .number(let value): return value
        case .string(let text): return SandboxJSON.parseDecimal(text)
        default: return nil
        }
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: SandboxJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [SandboxJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The member named `key` of an object; nil for anything else.
    public subscript(key: String) -> SandboxJSON? {
        objectValue?[key]
    }

    /// The `id` of a reference such as `{"id": "12"}`; a bare string or number also counts.
    var referenceID: String? {
        switch self {
        case .object(let members): return members["id"]?.scalarText
        case .string(let text): return text
        case .number(let value): return "\(value)"
        default: return nil
        }
    }

    /// A string or number as text (how SuiteQL answers every value).
    var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let value): return "\(value)"
        case .bool(let value): return value ? "T" : "F"
        default: return nil
        }
    }

    /// Parses a plain decimal number (`-12`, `3.50`); refuses exponents, blanks and words.
    static func parseDecimal(_ text: String) -> Decimal? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
