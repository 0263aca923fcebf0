import Crypto
import Foundation
import GRDB
import PluginKit

/// A tenant's map between Shopify and NetSuite records, plus each flow's polling cursor.
public struct Ledger: LedgerAccess {
    let writer: any DatabaseWriter
    let clock: any WallClock

    /// The hash the ledger keeps of a body sent: lowercase hex SHA-256.
    public static func hash(_ body: Data) -> String {
        SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }

    public func entry(recordType: String, shopifyID: String) async throws -> LedgerEntry? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ledger WHERE record_type = ? AND shopify_id = ?",
                             arguments: [recordType, shopifyID]).map(LedgerEntry.init(row:))
        }
    }

    /// How many records of `recordType` are linked to a NetSuite record: what a report calls synced.
    public func syncedCount(recordType: String) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger WHERE record_type = ? AND netsuite_internal_id IS NOT NULL",
                             arguments: [recordType]) ?? 0
        }
    }

    /// The entry that points at a NetSuite record, for events flowing back to Shopify.
    public func entry(recordType: String, netsuiteInternalID: String) async throws -> LedgerEntry? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ledger WHERE record_type = ? AND netsuite_internal_id = ?",
                             arguments: [recordType, netsuiteInternalID]).map(LedgerEntry.init(row:))
        }
    }

    /// Decides whether a version with this source time and body hash should be sent.
    public func decide(recordType: String, shopifyID: String, sourceUpdatedAt: Date?, bodyHash: String) async throws -> LedgerDecision {
        guard let entry = try await entry(recordType: recordType, shopifyID: shopifyID) else { return .apply }
        return Self.decision(for: entry, sourceUpdatedAt: sourceUpdatedAt, bodyHash: bodyHash)
    }

    static func decision(for entry: LedgerEntry, sourceUpdatedAt: Date?, bodyHash: String) -> LedgerDecision {
        if let applied = entry.sourceUpdatedAt, let incoming = sourceUpdatedAt, incoming < applied {
            return .skipStale(appliedSourceUpdatedAt: applied)
        }
        return entry.bodyHash == bodyHash ? .skipUnchanged : .apply
    }

    /// Records what was applied. A version older than the one recorded never overwrites it,
    /// even when two workers race; returns false in that case.
    @discardableResult
    public func record(
        recordType: String, shopifyID: String, netsuiteInternalID: String?, netsuiteExternalID: String?,
        sourceUpdatedAt: Date?, bodyHash: String?
    ) async throws -> Bool {
        let now = clock.now().millisecondsSince1970
        return try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO ledger (record_type, shopify_id, netsuite_internal_id, netsuite_external_id,
                                    source_updated_at, body_hash, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (record_type, shopify_id) DO UPDATE SET
                    netsuite_internal_id = coalesce(excluded.netsuite_internal_id, netsuite_internal_id),
                    netsuite_external_id = coalesce(excluded.netsuite_external_id, netsuite_external_id),
                    source_updated_at = excluded.source_updated_at,
                    body_hash = excluded.body_hash,
                    updated_at = excluded.updated_at
                WHERE source_updated_at IS NULL OR excluded.source_updated_at IS NULL
                   OR excluded.source_updated_at >= source_updated_at
                """, arguments: [recordType, shopifyID, netsuiteInternalID, netsuiteExternalID,
                                 sourceUpdatedAt?.millisecondsSince1970, bodyHash, now])
            return db.changesCount > 0
        }
    }

    /// Forgets a record (for a redaction request); returns whether there was one.
    @discardableResult
    public func remove(recordType: String, shopifyID: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM ledger WHERE record_type = ? AND shopify_id = ?", arguments: [recordType, shopifyID])
            return db.changesCount > 0
        }
    }

    // MARK: Cursors

    /// Where a flow's polling left off, as the flow wrote it.
    public func cursor(flow: String) async throws -> String? {
        try await writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM cursors WHERE flow = ?", arguments: [flow]) }
    }

    public func setCursor(_ value: String, flow: String) async throws {
        let now = clock.now().millisecondsSince1970
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO cursors (flow, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (flow) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, arguments: [flow, value, now])
        }
    }
}

extension LedgerEntry {
    init(row: Row) {
        self.init(
            recordType: row["record_type"], shopifyID: row["shopify_id"],
            netsuiteInternalID: row["netsuite_internal_id"], netsuiteExternalID: row["netsuite_external_id"],
            sourceUpdatedAt: (row["source_updated_at"] as Int64?).map(Date.init(millisecondsSince1970:)),
            bodyHash: row["body_hash"], updatedAt: Date(millisecondsSince1970: row["updated_at"]))
    }
}
