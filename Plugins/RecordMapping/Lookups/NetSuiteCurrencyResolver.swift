import Foundation
import NetSuite
import PluginKit

/// Finds NetSuite currencies by ISO code (`currency.symbol`), cached in the tenant's ledger
/// (record type `currency`, Shopify id = the uppercase ISO code).
public struct NetSuiteCurrencyResolver: Sendable {
    /// The ledger record type of cached currency lookups.
    public static let recordType = "currency"

    private let netsuite: NetSuiteClient
    private let ledger: any LedgerAccess

    /// A resolver for one tenant.
    public init(netsuite: NetSuiteClient, ledger: any LedgerAccess) {
        self.netsuite = netsuite
        self.ledger = ledger
    }

    /// The internal id of the currency with this ISO 4217 code (any case).
    ///
    /// - Throws: `UnknownCurrencyError` (permanent) when the account has no such currency;
    ///   `NetSuiteError` as classified.
    public func currencyID(isoCode: String) async throws -> String {
        let code = isoCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty else { throw UnknownCurrencyError(isoCode: isoCode) }
        if let cached = try await ledger.entry(recordType: Self.recordType, shopifyID: code)?.netsuiteInternalID {
            return cached
        }
        let rows = try await netsuite.suiteQL(
            "SELECT id, symbol FROM currency WHERE UPPER(symbol) = \(SuiteQLLiteral.string(code)) ORDER BY id", limit: 1).items
        guard let id = SuiteQLLiteral.text(rows.first?["id"]) else { throw UnknownCurrencyError(isoCode: code) }
        try await ledger.record(recordType: Self.recordType, shopifyID: code, netsuiteInternalID: id,
                                netsuiteExternalID: nil, sourceUpdatedAt: nil, bodyHash: nil)
        return id
    }
}
