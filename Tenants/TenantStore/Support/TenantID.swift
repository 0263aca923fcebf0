/// The identifier of a tenant: a slug of 2 to 63 lowercase letters, digits and dashes,
/// starting and ending with a letter or digit.
///
/// A tenant id becomes a folder name under the data directory, so the only way to make
/// one is through this validating initializer: `../x`, `a/b`, `.` and friends never
/// reach the file system.
public struct TenantID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String

    /// Validates `rawValue` and throws ``TenantStoreError`` with code `invalidTenantID` if
    /// it is not a slug.
    public init(_ rawValue: String) throws {
        guard let problem = TenantID.problem(with: rawValue) else {
            self.rawValue = rawValue
            return
        }
        throw TenantStoreError(.invalidTenantID, "invalid tenant id \(TenantID.quoted(rawValue)): \(problem)")
    }

    public var description: String { rawValue }

    public static func < (lhs: TenantID, rhs: TenantID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Why `value` is not a valid tenant id, or nil if it is one.
    static func problem(with value: String) -> String? {
        let bytes = Array(value.utf8)
        guard (2...63).contains(bytes.count) else {
            return "must be 2 to 63 characters long"
        }
        let allowed = bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        guard allowed else {
            return "only lowercase letters, digits and dashes are allowed"
        }
        guard isLowerAlphanumeric(bytes.first!), isLowerAlphanumeric(bytes.last!) else {
            return "must start and end with a letter or digit"
        }
        return nil
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Quotes an untrusted value for an error message, cut short and without control characters.
    private static func quoted(_ value: String) -> String {
        let printable = value.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
        return "'" + (printable.count > 80 ? String(printable.prefix(80)) + "..." : printable) + "'"
    }
}
