import Foundation

/// What the ledger knows of one synced record: which NetSuite record a Shopify record
/// became, and what was last applied.
public struct LedgerEntry: Sendable, Equatable {
    /// Such as `order`, `customer`, `item`.
    public let recordType: String
    /// The Shopify record's id.
    public let shopifyID: String
    /// The NetSuite record's internal id, once known.
    public let netsuiteInternalID: String?
    /// The external id the NetSuite record was upserted by.
    public let netsuiteExternalID: String?
    /// The source's `updated_at` of the version last applied.
    public let sourceUpdatedAt: Date?
    /// The hash of the body last sent.
    public let bodyHash: String?
    /// When this entry was last written.
    public let updatedAt: Date

    /// An entry as the ledger stores it.
    public init(recordType: String, shopifyID: String, netsuiteInternalID: String?, netsuiteExternalID: String?,
                sourceUpdatedAt: Date?, bodyHash: String?, updatedAt: Date) {
        self.recordType = recordType
        self.shopifyID = shopifyID
        self.netsuiteInternalID = netsuiteInternalID
        self.netsuiteExternalID = netsuiteExternalID
        self.sourceUpdatedAt = sourceUpdatedAt
        self.bodyHash = bodyHash
        self.updatedAt = updatedAt
    }
}

/// Whether an incoming version of a record should be sent.
public enum LedgerDecision: Sendable, Equatable {
    /// Send it: the record is new, newer, or its body changed.
    case apply
    /// Skip it: a newer version (applied at the given source time) is already in place.
    case skipStale(appliedSourceUpdatedAt: Date)
    /// Skip it: the same body was already sent.
    case skipUnchanged
}

/// The tenant's ledger, as plugins use it: decide whether a version is worth sending, and
/// record what was applied.
///
/// The ledger row itself never goes back to an older version, but deciding, sending and
/// recording are three steps: two jobs for the same record can interleave (v1 decided, v2
/// sent and recorded, v1 sent). So when ``record(recordType:shopifyID:netsuiteInternalID:netsuiteExternalID:sourceUpdatedAt:bodyHash:)``
/// returns false, the version just sent was stale: the plugin must fetch the current
/// version from the source and send it again (or fail the job as transient so it does).
public protocol LedgerAccess: Sendable {
    /// The entry for a Shopify record, if it was ever synced.
    func entry(recordType: String, shopifyID: String) async throws -> LedgerEntry?
    /// The entry pointing at a NetSuite record, for events flowing back to Shopify.
    func entry(recordType: String, netsuiteInternalID: String) async throws -> LedgerEntry?
    /// Whether a version with this source time and body hash should be sent.
    func decide(recordType: String, shopifyID: String, sourceUpdatedAt: Date?, bodyHash: String) async throws -> LedgerDecision
    /// Records what was sent. Returns false, changing nothing, if a newer version is already
    /// recorded: see the type's note on what the plugin must do then.
    @discardableResult
    func record(recordType: String, shopifyID: String, netsuiteInternalID: String?, netsuiteExternalID: String?,
                sourceUpdatedAt: Date?, bodyHash: String?) async throws -> Bool
    /// Where a flow's polling left off, as the flow wrote it.
    func cursor(flow: String) async throws -> String?
    /// Saves where a flow's polling left off.
    func setCursor(_ value: String, flow: String) async throws
}
