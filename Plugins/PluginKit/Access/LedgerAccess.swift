import Foundation

/// What the ledger knows of one synced record: which NetSuite record a Shopify record
/// became, and what was last applied.
public struct LedgerEntry: Sendable, Equatable {
    /// Such as `order`, `customer`, `item`.
    public let recordType: String
    public let shopifyID: String
    public let netsuiteInternalID: String?
    public let netsuiteExternalID: String?
    /// The source's `updated_at` of the version last applied.
    public let sourceUpdatedAt: Date?
    /// The hash of the body last sent.
    public let bodyHash: String?
    public let updatedAt: Date

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
/// record what was applied. Stale versions lose, even when two workers race.
public protocol LedgerAccess: Sendable {
    func entry(recordType: String, shopifyID: String) async throws -> LedgerEntry?
    func entry(recordType: String, netsuiteInternalID: String) async throws -> LedgerEntry?
    func decide(recordType: String, shopifyID: String, sourceUpdatedAt: Date?, bodyHash: String) async throws -> LedgerDecision
    /// Returns false, changing nothing, if a newer version is already recorded.
    @discardableResult
    func record(recordType: String, shopifyID: String, netsuiteInternalID: String?, netsuiteExternalID: String?,
                sourceUpdatedAt: Date?, bodyHash: String?) async throws -> Bool
    /// Where a flow's polling left off, as the flow wrote it.
    func cursor(flow: String) async throws -> String?
    func setCursor(_ value: String, flow: String) async throws
}
