import Foundation
import NetSuite
import NetSuiteSandbox
import PluginKit
import Testing

@Suite("Records and SuiteQL against the sandbox")
struct RecordsEndToEndTests {
    @Test func upsertingTwiceByExternalIDKeepsOneRecordAndItsID() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            let (subsidiary, location) = try await fixture.seedSubsidiary()
            let item = try await fixture.sandbox.addInventoryItem(account: fixture.account.id, sku: "TEE-S", displayName: "Tee", subsidiaries: [subsidiary], basePrice: "19.99")
            let customerRecord = CustomerRecord(externalID: try ExternalID("shopify-customer-7"), subsidiaryID: subsidiary, firstName: "Grace", lastName: "Hopper")
            let customer = try await client.upsert("customer", externalID: customerRecord.externalID, record: customerRecord.json)

            var order = SalesOrderRecord(externalID: try ExternalID("shopify-order-1001"), customerID: customer, subsidiaryID: subsidiary, locationID: location)
            order.lines = [.init(itemID: item, quantity: 2, rate: decimal("19.99"))]
            let first = try await client.upsert("salesOrder", externalID: order.externalID, record: order.json)
            order.lines[0].quantity = 3
            let second = try await client.upsert("salesOrder", externalID: order.externalID, record: order.json)
            #expect(first == second)

            let stored = await fixture.sandbox.records(account: fixture.account.id, type: "salesOrder")
            #expect(stored.count == 1)
            let read = try await client.get("salesOrder", id: first, expandSubResources: true)
            #expect(read["item"]?["items"]?[0]?["quantity"]?.decimalValue == 3)
            #expect(read["item"]?["items"]?[0]?["rate"]?.decimalValue == decimal("19.99"))

            let fulfillment = try await client.transform("salesOrder", id: first, to: "itemFulfillment")
            #expect(try await client.get("itemFulfillment", id: fulfillment)["createdFrom"]?["id"]?.stringValue == first)
        }
    }

    @Test func anUnknownItemIsPermanentWithItsErrorPath() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            let (subsidiary, _) = try await fixture.seedSubsidiary()
            let customerRecord = CustomerRecord(externalID: try ExternalID("shopify-customer-8"), subsidiaryID: subsidiary, companyName: "ACME")
            let customer = try await client.upsert("customer", externalID: customerRecord.externalID, record: customerRecord.json)
            var order = SalesOrderRecord(externalID: try ExternalID("shopify-order-1002"), customerID: customer, subsidiaryID: subsidiary)
            order.lines = [.init(itemID: "999999", quantity: 1, rate: 5)]

            let error = try #require(await netSuiteError { _ = try await client.upsert("salesOrder", externalID: order.externalID, record: order.json) })
            #expect(error.failureClass == .permanent)
            #expect(error.httpStatus == 400)
            #expect(error.code == "netsuite_INVALID_KEY_OR_REF")
            #expect(error.errorPaths == ["item.items[0].item"])
            #expect(await fixture.sandbox.records(account: fixture.account.id, type: "salesOrder").isEmpty)
        }
    }

    @Test func suiteQLFollowsHasMoreAcrossPages() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            let (subsidiary, _) = try await fixture.seedSubsidiary()
            var skus: [String] = []
            for index in 1...23 {
                let sku = String(format: "SKU-%03d", index)
                skus.append(sku)
                _ = try await fixture.sandbox.addInventoryItem(account: fixture.account.id, sku: sku, displayName: "Item \(index)", subsidiaries: [subsidiary], basePrice: "9.50")
            }
            _ = try await fixture.sandbox.addInventoryItem(account: fixture.account.id, sku: "OTHER-1", displayName: "Other", subsidiaries: [subsidiary], basePrice: "1")
            let query = "SELECT id, itemid FROM item WHERE itemid LIKE 'SKU-%' ORDER BY itemid"

            let firstPage = try await client.suiteQL(query, limit: 10, offset: 0)
            #expect(firstPage.items.count == 10)
            #expect(firstPage.hasMore)
            #expect(firstPage.totalResults == 23)

            let before = await fixture.sandbox.stats(account: fixture.account.id).requests
            let rows = try await client.suiteQLAll(query, pageSize: 10)
            #expect(rows.compactMap { $0["itemid"]?.stringValue } == skus)
            #expect(await fixture.sandbox.stats(account: fixture.account.id).requests - before == 3)

            let tooMany = try #require(await netSuiteError { _ = try await client.suiteQLAll(query, pageSize: 10, maximumRows: 15) })
            #expect(tooMany.code == "netsuite_suiteql_too_many_rows")
            #expect(tooMany.failureClass == .permanent)
        }
    }

    @Test func aBalancedJournalEntryIsAcceptedWithExactAmounts() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            let (subsidiary, _) = try await fixture.seedSubsidiary()
            let currency = try await fixture.sandbox.addCurrency(account: fixture.account.id, code: "USD")
            let bank = try await fixture.sandbox.addGLAccount(account: fixture.account.id, number: "1010", name: "Bank")
            let fees = try await fixture.sandbox.addGLAccount(account: fixture.account.id, number: "6010", name: "Fees")
            let clearing = try await fixture.sandbox.addGLAccount(account: fixture.account.id, number: "1200", name: "Clearing")
            let entry = try JournalEntryRecord(
                externalID: ExternalID("shopify-payout-77"), subsidiaryID: subsidiary, currencyID: currency, tranDate: "2026-11-20",
                lines: [.debit(accountID: bank, amount: decimal("95.10")), .debit(accountID: fees, amount: decimal("4.90")), .credit(accountID: clearing, amount: 100)]
            )
            let id = try await client.upsert("journalEntry", externalID: entry.externalID, record: entry.json)
            let read = try await client.get("journalEntry", id: id, expandSubResources: true)
            #expect(read["line"]?["items"]?[0]?["debit"]?.decimalValue == decimal("95.10"))
            #expect(read["line"]?["items"]?[1]?["debit"]?.decimalValue == decimal("4.90"))
        }
    }
}
