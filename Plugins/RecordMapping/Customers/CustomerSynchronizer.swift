import Foundation
import Logging
import NetSuite
import PluginKit

/// What one customer sync did.
public struct CustomerSyncResult: Sendable, Equatable {
    /// The NetSuite customer's internal id (also when nothing was written).
    public let internalID: String
    /// False when the version was skipped as stale or unchanged.
    public let applied: Bool

    /// A result from its parts.
    public init(internalID: String, applied: Bool) {
        self.internalID = internalID
        self.applied = applied
    }
}

/// Keeps one NetSuite customer per Shopify customer (MAPPING.md, "Customers").
///
/// The ledger (record type `customer`, keyed by the Shopify id) decides each version: a
/// stale version loses, an unchanged one is skipped; both still answer the known internal id.
///
/// The first time a customer is seen, an existing NetSuite customer with the same email
/// (case-insensitive) in the tenant's subsidiary is *linked*, not duplicated. NetSuite
/// cannot upsert onto a record by external id when that record has none (or another), and
/// our client has no partial update, so a linked customer is left as NetSuite has it: the
/// ERP's customer master, often richer than Shopify's, stays authoritative. The ledger
/// remembers the link without an external id, and later versions only advance the ledger.
/// Every other customer is upserted by its external id (`shopify-<shop>-customer-<id>`),
/// which is idempotent, so a replayed or retried job never creates a second customer.
public struct CustomerSynchronizer: Sendable {
    /// The ledger record type of customers.
    public static let recordType = "customer"

    private let netsuite: NetSuiteClient
    private let ledger: any LedgerAccess
    private let tenant: TenantProfile
    private let logger: Logger
    private let locks: RecordSyncLocks

    /// A synchronizer for one tenant.
    ///
    /// - Parameters:
    ///   - netsuite: The tenant's (governed) NetSuite client.
    ///   - ledger: The tenant's ledger.
    ///   - tenant: The tenant: its shop names external ids, its subsidiary owns new customers.
    ///   - logger: Where decisions are logged (ids only, never personal data).
    ///   - locks: Serializes syncs of one customer; the process-wide table by default, so a
    ///     customer webhook and an order carrying that customer wait for each other.
    public init(netsuite: NetSuiteClient, ledger: any LedgerAccess, tenant: TenantProfile, logger: Logger,
                locks: RecordSyncLocks = .shared) {
        self.netsuite = netsuite
        self.ledger = ledger
        self.tenant = tenant
        self.logger = logger
        self.locks = locks
    }

    /// Brings the NetSuite customer up to this version of the Shopify customer.
    ///
    /// - Returns: The NetSuite internal id and whether anything was applied.
    /// - Throws: `NetSuiteError` (classified as NetSuite answered), `LedgerRaceError`
    ///   (transient) when a newer version was recorded meanwhile, `InvalidShopifyIdentifierError`.
    public func sync(_ customer: CustomerSnapshot) async throws -> CustomerSyncResult {
        // Two jobs of one customer (its webhook, an order that carries it) must not interleave
        // between the ledger's decision and its record: see ``RecordSyncLocks``.
        try await locks.serialized(
            RecordSyncLocks.key(tenant: tenant.id, recordType: Self.recordType, id: String(customer.id))
        ) {
            try await syncUnlocked(customer)
        }
    }

    private func syncUnlocked(_ customer: CustomerSnapshot) async throws -> CustomerSyncResult {
        let shopifyID = String(customer.id)
        let bodyHash = customer.bodyHash
        let known = try await ledger.entry(recordType: Self.recordType, shopifyID: shopifyID)
        let decision = try await ledger.decide(
            recordType: Self.recordType, shopifyID: shopifyID, sourceUpdatedAt: customer.updatedAt, bodyHash: bodyHash)
        if decision != .apply, let internalID = known?.netsuiteInternalID {
            logger.debug("customer skipped", metadata: ["shopifyID": "\(shopifyID)", "decision": "\(decision)"])
            return CustomerSyncResult(internalID: internalID, applied: false)
        }

        let externalID = try ShopifyExternalID.customer(shopDomain: tenant.shopDomain, customerID: customer.id)
        let internalID: String
        var recordedExternalID: String? = externalID.rawValue
        if let linkedID = known?.netsuiteInternalID, known?.netsuiteExternalID == nil {
            // Linked by email earlier: NetSuite's record stays as it is (see the type's doc).
            internalID = linkedID
            recordedExternalID = nil
        } else if known?.netsuiteInternalID == nil, let match = try await customerMatchingEmail(customer.email),
                  match.externalID != externalID.rawValue {
            internalID = match.internalID
            recordedExternalID = nil
            logger.info("customer linked by email", metadata: ["shopifyID": "\(shopifyID)", "netsuiteID": "\(internalID)"])
        } else {
            internalID = try await netsuite.upsert("customer", externalID: externalID, record: record(customer, externalID: externalID).json)
            logger.info("customer upserted", metadata: ["shopifyID": "\(shopifyID)", "netsuiteID": "\(internalID)"])
        }

        let recorded = try await ledger.record(
            recordType: Self.recordType, shopifyID: shopifyID, netsuiteInternalID: internalID,
            netsuiteExternalID: recordedExternalID, sourceUpdatedAt: customer.updatedAt, bodyHash: bodyHash)
        guard recorded else { throw LedgerRaceError(recordType: Self.recordType, shopifyID: shopifyID) }
        return CustomerSyncResult(internalID: internalID, applied: true)
    }

    /// The NetSuite customer body for a Shopify customer. NetSuite requires a name for a
    /// person, so a customer without one is named by email, or failing that by Shopify id.
    func record(_ customer: CustomerSnapshot, externalID: ExternalID) -> CustomerRecord {
        let hasName = customer.firstName != nil || customer.lastName != nil
        let fallbackName = customer.email ?? "Shopify customer \(customer.id)"
        var extra: [String: JSONValue] = [:]
        if let phone = customer.phone { extra["phone"] = .string(phone) }
        return CustomerRecord(
            externalID: externalID, subsidiaryID: tenant.subsidiaryID, firstName: customer.firstName,
            lastName: hasName || customer.companyName != nil ? customer.lastName : fallbackName,
            companyName: customer.companyName, email: customer.email, extraFields: extra)
    }

    /// The lowest-id NetSuite customer of the tenant's subsidiary with this email, if any.
    private func customerMatchingEmail(_ email: String?) async throws -> (internalID: String, externalID: String?)? {
        guard let email, !email.isEmpty else { return nil }
        let query = """
            SELECT id, externalid FROM customer \
            WHERE LOWER(email) = \(SuiteQLLiteral.string(email.lowercased())) \
            AND subsidiary = \(SuiteQLLiteral.string(tenant.subsidiaryID)) ORDER BY id
            """
        let rows = try await netsuite.suiteQL(query, limit: 1).items
        guard let row = rows.first else { return nil }
        guard let id = SuiteQLLiteral.text(row["id"]) else {
            throw UnexpectedNetSuiteAnswerError(problem: "suiteql: a customer row has no id")
        }
        return (id, SuiteQLLiteral.text(row["externalid"]))
    }
}
