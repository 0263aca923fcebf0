import Foundation
import PluginKit
import Synchronization

/// A ledger that runs `interlude` once, right after the first `decide` that lets the order
/// version `sourceUpdatedAt` be applied: another job then runs between this job's decision and
/// its write to NetSuite, the interleaving the ledger's non-atomic contract allows.
final class InterleavingLedger: LedgerAccess {
    private let base: any LedgerAccess
    private let shopifyID: String
    private let sourceUpdatedAt: Date
    private let interlude: @Sendable () async throws -> Void
    private let fired = Mutex(false)

    init(base: any LedgerAccess, shopifyID: String, sourceUpdatedAt: Date, interlude: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.shopifyID = shopifyID
        self.sourceUpdatedAt = sourceUpdatedAt
        self.interlude = interlude
    }

    /// Whether the interlude ran.
    var didInterleave: Bool { fired.withLock { $0 } }

    func decide(recordType: String, shopifyID: String, sourceUpdatedAt: Date?, bodyHash: String) async throws -> LedgerDecision {
        let decision = try await base.decide(recordType: recordType, shopifyID: shopifyID, sourceUpdatedAt: sourceUpdatedAt, bodyHash: bodyHash)
        let matches = decision == .apply && recordType == "order" && shopifyID == self.shopifyID && sourceUpdatedAt == self.sourceUpdatedAt
        let first = matches && fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
        if first { try await interlude() }
        return decision
    }

    func entry(recordType: String, shopifyID: String) async throws -> LedgerEntry? {
        try await base.entry(recordType: recordType, shopifyID: shopifyID)
    }

    func entry(recordType: String, netsuiteInternalID: String) async throws -> LedgerEntry? {
        try await base.entry(recordType: recordType, netsuiteInternalID: netsuiteInternalID)
    }

    func record(recordType: String, shopifyID: String, netsuiteInternalID: String?, netsuiteExternalID: String?,
                sourceUpdatedAt: Date?, bodyHash: String?) async throws -> Bool {
        try await base.record(recordType: recordType, shopifyID: shopifyID, netsuiteInternalID: netsuiteInternalID,
                              netsuiteExternalID: netsuiteExternalID, sourceUpdatedAt: sourceUpdatedAt, bodyHash: bodyHash)
    }

    func cursor(flow: String) async throws -> String? { try await base.cursor(flow: flow) }

    func setCursor(_ value: String, flow: String) async throws { try await base.setCursor(value, flow: flow) }
}
