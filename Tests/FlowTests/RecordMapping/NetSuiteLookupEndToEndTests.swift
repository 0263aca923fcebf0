import Foundation
import NetSuite
import NetSuiteSandbox
import PluginKit
import RecordMapping
import TenantStore
import Testing

/// SKU, price and currency lookups against a NetSuite sandbox, cached in a real ledger.
@Suite struct NetSuiteLookupEndToEndTests {
    @Test func findsItemsBySKUAndCachesThemInTheLedger() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let account = netsuite.account.id
            let widget = try await netsuite.sandbox.addInventoryItem(
                account: account, sku: "WIDGET", displayName: "Widget", subsidiaries: [netsuite.subsidiaryID], basePrice: "50.00")
            let quoted = try await netsuite.sandbox.addInventoryItem(
                account: account, sku: "O'BRIEN-1", displayName: "Quoted", subsidiaries: [netsuite.subsidiaryID], basePrice: "5.00")
            let resolver = NetSuiteItemResolver(netsuite: netsuite.client, ledger: store.database.ledger)

            let before = await netsuite.requestCount()
            let ids = try await resolver.itemIDs(forSKUs: ["WIDGET", "O'BRIEN-1", "WIDGET"])
            #expect(ids == ["WIDGET": widget, "O'BRIEN-1": quoted])
            #expect(await netsuite.requestCount() == before + 1, "one batched query for both SKUs")

            // A second job (a new resolver on the same ledger) asks NetSuite nothing.
            let again = NetSuiteItemResolver(netsuite: netsuite.client, ledger: store.database.ledger)
            #expect(try await again.itemID(forSKU: "WIDGET") == widget)
            #expect(try await again.itemIDs(forSKUs: ["O'BRIEN-1", "WIDGET"]) == ids)
            #expect(await netsuite.requestCount() == before + 1)
            #expect(try await store.database.ledger.entry(recordType: "item", shopifyID: "WIDGET")?.netsuiteInternalID == widget)
        }
    }

    @Test func anUnknownSKUIsAPermanentErrorNamingIt() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            _ = try await netsuite.sandbox.addInventoryItem(
                account: netsuite.account.id, sku: "WIDGET", displayName: "Widget", subsidiaries: [netsuite.subsidiaryID], basePrice: "50.00")
            let resolver = NetSuiteItemResolver(netsuite: netsuite.client, ledger: store.database.ledger)
            let error = await #expect(throws: UnknownSKUError.self) {
                try await resolver.itemIDs(forSKUs: ["WIDGET", "NO-SUCH-SKU", "ALSO-MISSING"])
            }
            #expect(error?.skus == ["ALSO-MISSING", "NO-SUCH-SKU"])
            #expect(error?.code == "unknown_sku")
            #expect(error?.failureClass == .permanent)
            #expect(error?.message.contains("'NO-SUCH-SKU'") == true)
            #expect(error?.message.contains("'ALSO-MISSING'") == true)
            // The known SKU of the failed batch was still cached.
            #expect(try await store.database.ledger.entry(recordType: "item", shopifyID: "WIDGET") != nil)

            let single = await #expect(throws: UnknownSKUError.self) { try await resolver.itemID(forSKU: "GHOST") }
            #expect(single?.message.contains("'GHOST'") == true)
            guard case .dead(let code, let reason) = JobOutcome.failed(single!) else {
                Issue.record("an unknown SKU must kill the job")
                return
            }
            #expect(code == "unknown_sku")
            #expect(reason.contains("GHOST"))
        }
    }

    @Test func readsBasePricesInACurrency() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let account = netsuite.account.id
            let widget = try await netsuite.sandbox.addInventoryItem(
                account: account, sku: "WIDGET", displayName: "Widget", subsidiaries: [netsuite.subsidiaryID], basePrice: "50.00")
            let gadget = try await netsuite.sandbox.addInventoryItem(
                account: account, sku: "GADGET", displayName: "Gadget", subsidiaries: [netsuite.subsidiaryID], basePrice: "30.00")
            // A second level must not be mistaken for the base one.
            let wholesale = try await netsuite.sandbox.addPriceLevel(account: account, name: "Wholesale")
            let usd = try await netsuite.sandbox.addCurrency(account: account, code: "USD")
            try await netsuite.sandbox.setItemPrice(account: account, item: widget, priceLevel: wholesale, currency: usd, price: "40.00")

            let resolver = NetSuiteItemResolver(netsuite: netsuite.client, ledger: store.database.ledger)
            let prices = try await resolver.basePrices(itemIDs: [widget, gadget], currencyID: usd)
            #expect(prices == [widget: Decimal(50), gadget: Decimal(30)])
            let eur = try await netsuite.sandbox.addCurrency(account: account, code: "EUR")
            #expect(try await resolver.basePrices(itemIDs: [widget], currencyID: eur).isEmpty)
            #expect(try await resolver.basePrices(itemIDs: [], currencyID: usd).isEmpty)
        }
    }

    @Test func findsCurrenciesByISOCodeAndCachesThem() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let usd = try await netsuite.sandbox.addCurrency(account: netsuite.account.id, code: "USD")
            let resolver = NetSuiteCurrencyResolver(netsuite: netsuite.client, ledger: store.database.ledger)
            #expect(try await resolver.currencyID(isoCode: "usd") == usd)
            let before = await netsuite.requestCount()
            #expect(try await resolver.currencyID(isoCode: "USD") == usd)
            #expect(await netsuite.requestCount() == before, "a cached currency needs no query")

            let error = await #expect(throws: UnknownCurrencyError.self) { try await resolver.currencyID(isoCode: "XTS") }
            #expect(error?.failureClass == .permanent)
            #expect(error?.message.contains("XTS") == true)
        }
    }
}
