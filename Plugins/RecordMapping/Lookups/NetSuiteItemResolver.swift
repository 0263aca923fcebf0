import Foundation
import NetSuite
import PluginKit

/// Finds NetSuite items by SKU (`item.itemid`) and their base prices.
///
/// SKU to item id answers are cached in the tenant's ledger (record type `item`, Shopify id
/// = the SKU), so the next job for the same SKUs asks NetSuite nothing. An item recreated
/// under the same SKU in NetSuite needs its ledger row removed; items are rarely recreated
/// and the cache saves a SuiteQL call per order.
public struct NetSuiteItemResolver: Sendable {
    /// The ledger record type of cached SKU lookups.
    public static let recordType = "item"
    /// The ledger record type of the cached base price level id (Shopify id `base`).
    static let priceLevelRecordType = "pricelevel"
    /// SKUs per `IN (...)` query: keeps each query short.
    static let batchSize = 100

    private let netsuite: NetSuiteClient
    private let ledger: any LedgerAccess

    /// A resolver for one tenant.
    public init(netsuite: NetSuiteClient, ledger: any LedgerAccess) {
        self.netsuite = netsuite
        self.ledger = ledger
    }

    /// The internal id of the item whose `itemid` is exactly `sku`.
    ///
    /// - Throws: `UnknownSKUError` (permanent) when no item has it; `NetSuiteError` as classified.
    public func itemID(forSKU sku: String) async throws -> String {
        guard let id = try await itemIDs(forSKUs: [sku])[sku] else { throw UnknownSKUError(skus: [sku]) }
        return id
    }

    /// The internal ids of the items with these SKUs, keyed by SKU: cached ones from the
    /// ledger, the rest in batched SuiteQL queries. When several items share a SKU, the
    /// lowest internal id wins.
    ///
    /// - Throws: `UnknownSKUError` naming every SKU no item has; `NetSuiteError` as classified.
    public func itemIDs(forSKUs skus: [String]) async throws -> [String: String] {
        var found: [String: String] = [:]
        var missing: [String] = []
        for sku in Set(skus).sorted() {
            if let cached = try await ledger.entry(recordType: Self.recordType, shopifyID: sku)?.netsuiteInternalID {
                found[sku] = cached
            } else {
                missing.append(sku)
            }
        }
        for batch in stride(from: 0, to: missing.count, by: Self.batchSize).map({ Array(missing[$0..<min($0 + Self.batchSize, missing.count)]) }) {
            let rows = try await netsuite.suiteQLAll(
                "SELECT id, itemid FROM item WHERE itemid IN \(SuiteQLLiteral.list(batch)) ORDER BY id")
            for row in rows {
                guard let sku = SuiteQLLiteral.text(row["itemid"]), let id = SuiteQLLiteral.text(row["id"]),
                      batch.contains(sku), found[sku] == nil else { continue }
                found[sku] = id
                try await ledger.record(recordType: Self.recordType, shopifyID: sku, netsuiteInternalID: id,
                                        netsuiteExternalID: nil, sourceUpdatedAt: nil, bodyHash: nil)
            }
        }
        let unknown = missing.filter { found[$0] == nil }
        guard unknown.isEmpty else { throw UnknownSKUError(skus: unknown) }
        return found
    }

    /// The items' unit prices on the account's base price level in one currency, keyed by
    /// item id; items without such a price are left out (a caller spreading a bundle price
    /// treats them as weight zero).
    ///
    /// The base price level is the one named "Base Price" (every NetSuite account has it),
    /// or failing that the lowest-id level; its id is cached in the ledger.
    public func basePrices(itemIDs: [String], currencyID: String) async throws -> [String: Decimal] {
        let ids = Set(itemIDs).sorted()
        guard !ids.isEmpty else { return [:] }
        let level = try await basePriceLevelID()
        var prices: [String: Decimal] = [:]
        for batch in stride(from: 0, to: ids.count, by: Self.batchSize).map({ Array(ids[$0..<min($0 + Self.batchSize, ids.count)]) }) {
            let rows = try await netsuite.suiteQLAll("""
                SELECT item, unitprice FROM pricing WHERE pricelevel = \(SuiteQLLiteral.string(level)) \
                AND currency = \(SuiteQLLiteral.string(currencyID)) AND item IN \(SuiteQLLiteral.list(batch))
                """)
            for row in rows {
                guard let item = SuiteQLLiteral.text(row["item"]), let price = row["unitprice"]?.decimalValue else { continue }
                prices[item] = price
            }
        }
        return prices
    }

    private func basePriceLevelID() async throws -> String {
        if let cached = try await ledger.entry(recordType: Self.priceLevelRecordType, shopifyID: "base")?.netsuiteInternalID {
            return cached
        }
        let rows = try await netsuite.suiteQLAll("SELECT id, name FROM pricelevel ORDER BY id")
        let named = rows.first { SuiteQLLiteral.text($0["name"])?.lowercased() == "base price" }
        guard let id = SuiteQLLiteral.text((named ?? rows.first)?["id"]) else {
            throw UnexpectedNetSuiteAnswerError(problem: "suiteql: the account has no price level")
        }
        try await ledger.record(recordType: Self.priceLevelRecordType, shopifyID: "base", netsuiteInternalID: id,
                                netsuiteExternalID: nil, sourceUpdatedAt: nil, bodyHash: nil)
        return id
    }
}
