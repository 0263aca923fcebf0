import Crypto
import Foundation
import GRDB
import PluginKit

/// A tenant's archive of raw payloads, zlib-compressed (with a preset dictionary per
/// topic family) and stored once per distinct body.
public struct PayloadArchive: PayloadAccess {
    let writer: any DatabaseWriter
    let clock: any WallClock

    /// Archives a payload; an identical body already archived is not stored again.
    public func store(_ payload: NewPayload) async throws -> StoredPayload {
        try await store([payload])[0]
    }

    /// Archives several payloads in one transaction.
    public func store(_ payloads: [NewPayload]) async throws -> [StoredPayload] {
        let prepared = try payloads.map(PreparedPayload.init)
        let now = clock.now()
        return try await writer.write { db in try prepared.map { try Self.store($0, in: db, now: now) } }
    }

    /// The insert itself, for callers that group it with enqueueing in one transaction.
    static func store(_ payload: PreparedPayload, in db: Database, now: Date) throws -> StoredPayload {
        let receivedAt = (payload.receivedAt ?? now).millisecondsSince1970
        let insert = try db.cachedStatement(sql: """
            INSERT INTO payloads (sha256, topic, source, received_at, raw_size, compressed_size, codec, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO NOTHING
            RETURNING id
            """)
        if let id = try Int64.fetchOne(insert, arguments: [payload.sha256, payload.topic, payload.source, receivedAt, payload.rawSize,
                                                           payload.compressed.count, payload.codec.rawValue, payload.compressed]) {
            let subject = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO payload_subjects (kind, subject_id, payload_id) VALUES (?, ?, ?)
                """)
            for item in Set(payload.subjects) {
                try subject.execute(arguments: [item.kind.rawValue, item.id, id])
            }
            return StoredPayload(id: id, wasDuplicate: false)
        }
        let existing = try Int64.fetchOne(db, sql: "SELECT id FROM payloads WHERE sha256 = ?", arguments: [payload.sha256])
        return StoredPayload(id: existing!, wasDuplicate: true)
    }

    /// The payload's raw body, byte for byte as it was received.
    /// Throws `payloadNotFound`, `payloadRedacted`, or `payloadCorrupt` if the stored bytes
    /// no longer match the recorded hash.
    public func body(id: Int64) async throws -> Data {
        let stored = try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT sha256, raw_size, codec, body, redacted_at FROM payloads WHERE id = ?", arguments: [id])
                .map { StoredBody(sha256: $0["sha256"], rawSize: $0["raw_size"], codec: $0["codec"], body: $0["body"],
                                  redacted: $0["redacted_at"] as Int64? != nil) }
        }
        guard let stored else { throw TenantStoreError(.payloadNotFound, "no payload \(id)") }
        guard !stored.redacted, let compressed = stored.body else {
            throw TenantStoreError(.payloadRedacted, "payload \(id) was erased by a redaction request")
        }
        guard let codec = CompressionDictionary(rawValue: stored.codec) else {
            throw TenantStoreError(.payloadCorrupt, "payload \(id) uses an unknown codec \(stored.codec)")
        }
        let body = try ZlibCodec.decompress(compressed, expectedSize: stored.rawSize, dictionary: codec.bytes)
        guard Data(SHA256.hash(data: body)) == stored.sha256 else {
            throw TenantStoreError(.payloadCorrupt, "payload \(id) does not match its recorded SHA-256")
        }
        return body
    }

    private struct StoredBody: Sendable {
        let sha256: Data
        let rawSize: Int
        let codec: String
        let body: Data?
        let redacted: Bool
    }

    /// What the archive knows of a payload, without its body.
    public func metadata(id: Int64) async throws -> PayloadMetadata? {
        try await writer.read { db in
            try PayloadMetadata.fetchOne(db, sql: "SELECT * FROM payloads WHERE id = ?", arguments: [id])
        }
    }

    /// Payloads about any of `subjects`, oldest first (for a data request).
    public func payloads(about subjects: [PayloadSubject]) async throws -> [PayloadMetadata] {
        try await writer.read { db in
            let ids = try Self.payloadIDs(about: subjects, in: db)
            return try PayloadMetadata.fetchAll(db, sql: """
                SELECT * FROM payloads WHERE id IN (SELECT value FROM json_each(?)) ORDER BY received_at, id
                """, arguments: [String(describing: ids)])
        }
    }

    static func payloadIDs(about subjects: [PayloadSubject], in db: Database) throws -> [Int64] {
        var ids: Set<Int64> = []
        for subject in Set(subjects) {
            ids.formUnion(try Int64.fetchAll(db, sql: """
                SELECT payload_id FROM payload_subjects WHERE kind = ? AND subject_id = ?
                """, arguments: [subject.kind.rawValue, subject.id]))
        }
        return ids.sorted()
    }
}
