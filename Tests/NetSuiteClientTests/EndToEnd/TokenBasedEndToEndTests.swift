import Foundation
import NetSuite
import NetSuiteSandbox
import PluginKit
import Testing

@Suite("Token-based authentication against the sandbox")
struct TokenBasedEndToEndTests {
    @Test func signedRequestsAreAcceptedForEveryRecordOperation() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            let (subsidiary, _) = try await fixture.seedSubsidiary()

            let customer = CustomerRecord(
                externalID: try ExternalID("shopify-customer-1"), subsidiaryID: subsidiary,
                firstName: "Ada", lastName: "Lovelace", email: "ada@example.com"
            )
            let id = try await client.upsert("customer", externalID: customer.externalID, record: customer.json)
            let byID = try await client.get("customer", id: id)
            #expect(byID["email"]?.stringValue == "ada@example.com")
            #expect(byID["externalId"]?.stringValue == "shopify-customer-1")
            let byExternalID = try await client.get("customer", externalID: customer.externalID)
            #expect(byExternalID["id"]?.stringValue == id)

            let created = try await client.create("customer", record: [
                "externalId": "shopify-customer-2", "subsidiary": .reference(subsidiary), "isPerson": false, "companyName": "ACME",
            ])
            #expect(created != id)
            let page = try await client.list("customer", limit: 1, offset: 0)
            #expect(page.items.count == 1)
            #expect(page.hasMore)
            #expect(page.totalResults == 2)

            try await client.delete("customer", id: created)
            let gone = await netSuiteError { _ = try await client.get("customer", id: created) }
            #expect(gone?.code == "netsuite_NONEXISTENT_ID")
            #expect(gone?.failureClass == .permanent)
            #expect(gone?.httpStatus == 404)
        }
    }

    @Test func oddCharactersInQueryAndBodyAreSignedAsTheServerRebuildsThem() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let sender = NetSuiteHTTPSender(connection: connection)
            let client = NetSuiteClient(sender: sender)
            let (subsidiary, _) = try await fixture.seedSubsidiary()
            let sku = "SKU 1*~+é"
            let itemID = try await fixture.sandbox.addInventoryItem(account: fixture.account.id, sku: sku, displayName: "Odd", subsidiaries: [subsidiary], basePrice: "1.00")

            // Spaces, quotes, '*', '~', '+' and non-ASCII in a signed query string.
            let listed = try await sender.send(NetSuiteRequest(
                method: .get, path: "/services/rest/record/v1/inventoryItem",
                query: [("q", "itemId IS \"\(sku)\""), ("limit", "5")], operation: "test.list"
            ))
            #expect(listed.status == 200)
            // And in a SuiteQL body, with limit and offset in the signed query.
            let rows = try await client.suiteQLAll("SELECT id, itemid FROM item WHERE itemid = '\(sku)'")
            #expect(rows.count == 1)
            #expect(rows.first?["itemid"]?.stringValue == sku)
            #expect(rows.first?["id"]?.stringValue == itemID)
            let item = try await client.get("inventoryItem", id: itemID, expandSubResources: true)
            #expect(item["itemId"]?.stringValue == sku)
        }
    }

    @Test func aWrongTokenSecretIsAnAuthenticationFailure() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection(tokenSecret: "not-the-token-secret")
            let client = NetSuiteClient(connection: connection)
            let error = try #require(await netSuiteError { _ = try await client.list("customer") })
            #expect(error.failureClass == .authentication)
            #expect(error.code == "netsuite_INVALID_LOGIN")
            #expect(error.httpStatus == 401)
            #expect(!error.description.contains("not-the-token-secret"))
            #expect(await fixture.sandbox.stats(account: fixture.account.id).unauthorized == 1)
        }
    }
}
