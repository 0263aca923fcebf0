import Crypto
import Foundation
import GRDB

/// A raw payload to archive: a webhook body or a pushed NetSuite event, byte for byte.
public struct NewPayload: Sendable {
    public var body: Data
    /// Such as `orders/create` or `inventory.changed`.
    public var topic: String
    /// Where it came from: `shopify` or `netsuite`.
    public var source: String
    /// When the host received it; nil means now.
    public var receivedAt: Date?
    /// The people and orders the payload is about, so a redaction request can find it.
    public var subjects: [PayloadSubject]

    public init(body: Data, topic: String, source: String, receivedAt: Date? = nil, subjects: [PayloadSubject] = []) {
        self.body = body
        self.topic = topic
        self.source = source
        self.receivedAt = receivedAt
        self.subjects = subjects
    }
}

/// Whom a payload is about: what customers/redact and customers/data_request search by.
public struct PayloadSubject: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case customer
        case order
    }

    public let kind: Kind
    public let id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func customer(_ id: String) -> PayloadSubject { PayloadSubject(kind: .customer, id: id) }
    public static func order(_ id: String) -> PayloadSubject { PayloadSubject(kind: .order, id: id) }
}

/// What the archive kept of a payload. `body` is never part of it: read that with
/// ``PayloadArchive/body(id:)``.
public struct PayloadMetadata: Sendable, Equatable {
    public let id: Int64
    /// The SHA-256 of the raw body, lowercase hex.
    public let sha256: String
    public let topic: String
    public let source: String
    public let receivedAt: Date
    public let rawSize: Int
    public let compressedSize: Int
    /// `zlib` or `zlib+<dictionary>`.
    public let codec: String
    /// When the body was erased, if it was.
    public let redactedAt: Date?
}

/// The result of archiving one payload.
public struct StoredPayload: Sendable, Equatable {
    public let id: Int64
    /// True if an identical body was already archived; `id` is then that payload's.
    public let wasDuplicate: Bool
}

/// A payload hashed and compressed, ready to be written. Prepared outside the write
/// transaction so compression never holds the tenant's write lock.
public struct PreparedPayload: Sendable {
    let sha256: Data
    let topic: String
    let source: String
    let receivedAt: Date?
    let rawSize: Int
    let compressed: Data
    let codec: CompressionDictionary
    let subjects: [PayloadSubject]

    /// Bytes the payload takes once compressed.
    public var compressedSize: Int { compressed.count }

    public init(_ payload: NewPayload) throws {
        guard !payload.topic.isEmpty, payload.topic.utf8.count <= 200, !payload.source.isEmpty else {
            throw TenantStoreError(.invalidJob, "a payload needs a topic of 1 to 200 bytes and a source")
        }
        sha256 = Data(SHA256.hash(data: payload.body))
        topic = payload.topic
        source = payload.source
        receivedAt = payload.receivedAt
        rawSize = payload.body.count
        codec = CompressionDictionary.forPayload(topic: payload.topic, source: payload.source)
        compressed = try ZlibCodec.compress(payload.body, dictionary: codec.bytes)
        subjects = payload.subjects
    }
}

extension PayloadMetadata: FetchableRecord {
    public init(row: Row) {
        id = row["id"]
        sha256 = (row["sha256"] as Data).map { String(format: "%02x", $0) }.joined()
        topic = row["topic"]
        source = row["source"]
        receivedAt = Date(millisecondsSince1970: row["received_at"])
        rawSize = row["raw_size"]
        compressedSize = row["compressed_size"]
        codec = row["codec"]
        redactedAt = (row["redacted_at"] as Int64?).map(Date.init(millisecondsSince1970:))
    }
}
