import Foundation
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("SuiteQL")
struct SuiteQLTests {
    static func query(_ harness: SandboxHarness, _ q: String, limit: Int? = nil, offset: Int? = nil,
                      transient: Bool = true) async throws -> TestResponse {
        var url = harness.url("services/rest/query/v1/suiteql")
        var items: [URLQueryItem] = []
        if let limit { items.append(URLQueryItem(name: "limit", value: String(limit))) }
        if let offset { items.append(URLQueryItem(name: "offset", value: String(offset))) }
        if !items.isEmpty { url = url.appending(queryItems: items) }
        let body = SandboxJSON.object(["q": .string(q)]).serialized
        return try await harness.send(.POST, url, json: body, headers: transient ? [("Prefer", "transient")] : [])
    }

    @Test("items by SKU with IN and =, paged with hasMore, values as strings")
    func itemsBySKU() async throws {
        try await withHarness { harness in
            let q = "SELECT id, itemid, displayname FROM item WHERE itemid IN ('SHIRT-M', 'MUG') ORDER BY itemid"
            let first = try await Self.query(harness, q, limit: 1, offset: 0)
            #expect(first.status == 200)
            #expect(first.body?["hasMore"] == true)
            #expect(first.body?["totalResults"] == 2)
            #expect(first.body?["count"] == 1)
            let item = try #require(first.body?["items"]?.arrayValue?.first)
            #expect(item["itemid"] == "MUG")
            #expect(item["id"] == .string(harness.mug))
            let second = try await Self.query(harness, q, limit: 1, offset: 1)
            #expect(second.body?["hasMore"] == false)
            #expect(second.body?["items"]?.arrayValue?.first?["itemid"] == "SHIRT-M")
            let single = try await Self.query(harness, "SELECT i.id FROM item i WHERE i.itemid = 'SHIRT-M'")
            #expect(single.body?["items"]?.arrayValue?.map { $0["id"] } == [.string(harness.shirt)])
            let like = try await Self.query(harness, "SELECT itemid FROM item WHERE itemid LIKE 'SH%'")
            #expect(like.body?["totalResults"] == 1)
        }
    }

    @Test("inventory per location changed since a time, and fulfillments since")
    func changesSince() async throws {
        try await withHarness { harness in
            let id = SandboxHarness.accountID
            try await harness.sandbox.setInventory(account: id, item: harness.mug, location: harness.location, onHand: 12, available: 9)
            let q = """
                SELECT item, location, quantityonhand, quantityavailable, quantitycommitted, \
                TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modified FROM AggregateItemLocation \
                WHERE lastmodifieddate > TO_TIMESTAMP('2020-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')
                """
            let response = try await Self.query(harness, q)
            let row = try #require(response.body?["items"]?.arrayValue?.first)
            #expect(row["quantityonhand"] == "12")
            #expect(row["quantitycommitted"] == "3")
            #expect(row["modified"]?.stringValue?.count == 19)
            let future = try await Self.query(harness, "SELECT item FROM aggregateitemlocation WHERE lastmodifieddate >= TO_DATE('2999-01-01', 'YYYY-MM-DD')")
            #expect(future.body?["totalResults"] == 0)
            let shipped = try await Self.query(harness, "SELECT id FROM transaction WHERE type = 'ItemShip' AND lastmodifieddate > TO_DATE('2020-01-01', 'YYYY-MM-DD')")
            #expect(shipped.status == 200)
            #expect(shipped.body?["totalResults"] == 0)
        }
    }

    @Test("prices and kit members")
    func pricesAndKits() async throws {
        try await withHarness { harness in
            let id = SandboxHarness.accountID
            let msrp = try await harness.sandbox.addPriceLevel(account: id, name: "MSRP")
            try await harness.sandbox.setItemPrice(account: id, item: harness.shirt, priceLevel: msrp, currency: "USD", price: "24.50")
            let kit = try await harness.sandbox.addKitItem(account: id, sku: "BUNDLE", members: [("SHIRT-M", 1), ("MUG", 2)])
            let prices = try await Self.query(harness, "SELECT item, pricelevel, currency, unitprice FROM pricing WHERE item = \(harness.shirt) AND pricelevel = \(msrp)")
            #expect(prices.body?["items"]?.arrayValue?.first?["unitprice"] == "24.5")
            let members = try await Self.query(harness, "SELECT parentitem, item, quantity FROM kitItemMember WHERE parentitem = '\(kit)' ORDER BY quantity DESC")
            #expect(members.body?["items"]?.arrayValue?.map { $0["quantity"] } == ["2", "1"])
        }
    }

    @Test("unknown table or column, unsupported syntax and a missing Prefer header are 400")
    func refusals() async throws {
        try await withHarness { harness in
            for q in ["SELECT id FROM nosuchtable", "SELECT nosuchcolumn FROM item", "SELECT id FROM item WHERE itemid = 'A' OR itemid = 'B'",
                      "DELETE FROM item", "SELECT id FROM item WHERE", "SELECT id FROM item WHERE itemid = 'unterminated"] {
                let response = try await Self.query(harness, q)
                #expect(response.status == 400)
                #expect(response.errorCode == "INVALID_PARAMETER")
                #expect(response.errorDetail?.hasPrefix("Invalid search query.") == true)
                #expect(response.body?["items"] == nil)
            }
            let noPrefer = try await Self.query(harness, "SELECT id FROM item", transient: false)
            #expect(noPrefer.status == 400)
        }
    }
}
