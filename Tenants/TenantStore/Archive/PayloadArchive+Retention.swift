import Foundation
import GRDB

/// What a redaction erased.
public struct RedactionResult: Sendable, Equatable {
    /// Payloads whose bodies were erased; their tombstones remain.
    public let erasedPayloads: Int
}

/// Sizes for health reports.
public struct ArchiveStats: Sendable, Equatable {
    public let payloads: Int
    public let rawBytes: Int64
    public let compressedBytes: Int64

    /// Raw size over stored size; 0 when the archive is empty.
    public var compressionRatio: Double {
        compressedBytes == 0 ? 0 : Double(rawBytes) / Double(compressedBytes)
    }
}

extension PayloadArchive {
    /// Erases the body of every payload about this Shopify customer or any of these orders
    /// (Shopify's customers/redact), and the links that named them. Each payload leaves a
    /// tombstone: its topic, sizes and when it was received and redacted. Its content hash is
    /// replaced by random bytes, so an identical body delivered later is stored anew instead
    /// of being deduplicated onto the tombstone. Erased bytes are overwritten in the file
    /// (secure_delete) and checkpointed out of the WAL.
    @discardableResult
    public func redact(customerID: String, orderIDs: [String] = []) async throws -> RedactionResult {
        let subjects = [PayloadSubject.customer(customerID)] + orderIDs.map(PayloadSubject.order)
        let now = clock.now().millisecondsSince1970
        let erased = try await writer.write { db in
            let ids = try Self.payloadIDs(about: subjects, in: db)
            let idList = String(describing: ids)
            try db.execute(sql: """
                UPDATE payloads SET body = NULL, compressed_size = 0, redacted_at = ?, sha256 = randomblob(32)
                WHERE id IN (SELECT value FROM json_each(?)) AND redacted_at IS NULL
                """, arguments: [now, idList])
            let count = db.changesCount
            try db.execute(sql: "DELETE FROM payload_subjects WHERE payload_id IN (SELECT value FROM json_each(?))", arguments: [idList])
            return count
        }
        try await writer.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return RedactionResult(erasedPayloads: erased)
    }

    /// Deletes payloads received more than `retention` ago that no job still needs: a job
    /// that is waiting, running, retrying or dead (and so may be replayed) keeps its payload.
    /// Returns how many payloads were deleted.
    @discardableResult
    public func prune(olderThan retention: Duration) async throws -> Int {
        let cutoff = clock.now().millisecondsSince1970 - retention.milliseconds
        return try await writer.write { db in
            try db.execute(sql: """
                DELETE FROM payloads
                WHERE received_at < ?
                  AND NOT EXISTS (
                    SELECT 1 FROM jobs
                    WHERE jobs.payload_id = payloads.id AND jobs.state IN (\(JobState.liveSQL), 'dead'))
                """, arguments: [cutoff])
            return db.changesCount
        }
    }

    /// How many payloads the archive holds and their raw and stored sizes.
    public func stats() async throws -> ArchiveStats {
        try await writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(raw_size), 0) AS raw, coalesce(sum(compressed_size), 0) AS stored
                FROM payloads WHERE redacted_at IS NULL
                """)!
            return ArchiveStats(payloads: row["n"], rawBytes: row["raw"], compressedBytes: row["stored"])
        }
    }
}
