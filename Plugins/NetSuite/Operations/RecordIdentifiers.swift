import PluginKit

/// An external id: NetSuite's idempotency key for upserts (`shopify-order-1001`).
///
/// Only letters, digits, `_` and `-` are allowed, so the id can sit in a URL path
/// (`.../salesOrder/eid:shopify-order-1001`) without encoding and means the same to every reader.
public struct ExternalID: Sendable, Hashable, CustomStringConvertible {
    /// The id as NetSuite stores it.
    public let rawValue: String

    /// - Throws: ``NetSuiteError`` `netsuite_invalid_external_id` (permanent) when the id is
    ///   empty, longer than 255 characters, or has a character outside `[A-Za-z0-9_-]`.
    public init(_ rawValue: String) throws {
        guard !rawValue.isEmpty, rawValue.count <= 255, rawValue.unicodeScalars.allSatisfy(Self.isAllowed) else {
            throw NetSuiteError(
                code: "netsuite_invalid_external_id", failureClass: .permanent,
                message: "external id '\(String(rawValue.prefix(80)))' must be 1-255 letters, digits, '_' or '-'"
            )
        }
        self.rawValue = rawValue
    }

    /// The id itself (external ids are not secrets).
    public var description: String { rawValue }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }
}

/// Checks of the other path segments, so a bad value fails here with a clear error rather
/// than reaching NetSuite as a different URL.
enum PathSegment {
    /// Record types are camelCase names (`salesOrder`, `customrecord_sync_log`).
    static func recordType(_ type: String) throws -> String {
        let valid = !type.isEmpty && type.count <= 100 && type.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_")
        }
        guard valid else {
            throw NetSuiteError(code: "netsuite_invalid_record_type", failureClass: .permanent, message: "record type '\(String(type.prefix(80)))' is not a NetSuite record type name")
        }
        return type
    }

    /// Internal ids are positive integers written in decimal.
    static func internalID(_ id: String) throws -> String {
        guard !id.isEmpty, id.count <= 20, id.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw NetSuiteError(code: "netsuite_invalid_internal_id", failureClass: .permanent, message: "internal id '\(String(id.prefix(80)))' is not a number")
        }
        return id
    }
}
