import Foundation
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("REST record service")
struct RecordServiceTests {
    static func order(_ harness: SandboxHarness, customer: String, item: String? = nil, quantity: String = "3",
                      extra: String = "") -> String {
        """
        {"entity":{"id":"\(customer)"},"subsidiary":{"id":"\(harness.subsidiary)"},"location":{"id":"\(harness.location)"},
         "tranDate":"2026-01-05","shippingCost":4.95\(extra),
         "item":{"items":[{"item":{"id":"\(item ?? harness.shirt)"},"quantity":\(quantity),"rate":19.99},
                          {"item":{"id":"\(harness.mug)"},"quantity":2}]}}
        """
    }

    @Test("create answers 204 with a Location and no body; GET returns the record with computed amounts")
    func createAndRead() async throws {
        try await withHarness { harness in
            let customer = try await harness.createCustomer()
            let created = try await harness.send(.POST, harness.recordURL("salesOrder"), json: Self.order(harness, customer: customer))
            #expect(created.status == 204)
            #expect(created.body == nil)
            let location = try #require(created.headers.first(name: "Location"))
            #expect(location.hasPrefix(harness.recordURL("salesOrder").absoluteString + "/"))
            let read = try await harness.send(.GET, try #require(URL(string: location + "?expandSubResources=true")))
            #expect(read.status == 200)
            #expect(read.body?["total"]?.decimalValue == Decimal(string: "79.12"))  // 3 x 19.99 + 2 x 7.10 + 4.95
            let lines = try #require(read.body?["item"]?["items"]?.arrayValue)
            #expect(lines[1]["amount"]?.decimalValue == Decimal(string: "14.2"))
            let collapsed = try await harness.send(.GET, try #require(URL(string: location)))
            #expect(collapsed.body?["item"]?["items"] == nil)
            #expect(collapsed.body?["entity"]?["refName"] == "Acme")
            let sublistURL = try #require(collapsed.body?["item"]?["links"]?.arrayValue?.first?["href"]?.stringValue.flatMap(URL.init(string:)))
            let sublist = try await harness.send(.GET, sublistURL)
            #expect(sublist.body?["totalResults"] == 2)

            let patched = try await harness.send(.PATCH, try #require(URL(string: location)),
                                                 json: "{\"shippingCost\":0,\"memo\":\"gift\",\"discountRate\":\"-10%\"}")
            #expect(patched.status == 204)
            let order = try #require(await harness.sandbox.records(account: SandboxHarness.accountID, type: "salesOrder").first)
            #expect(order["total"]?.decimalValue == Decimal(string: "66.75"))  // 74.17 - 7.42
            #expect(order["memo"] == "gift")
        }
    }

    @Test("upserting by external id keeps one record; lines are added without replace=item, replaced with it; POST and PATCH on eid are refused")
    func upsertIsIdempotent() async throws {
        try await withHarness { harness in
            let customer = try await harness.createCustomer()
            let url = harness.recordURL("salesOrder/eid:shopify-order-1001")
            let first = try await harness.send(.PUT, url, json: Self.order(harness, customer: customer, extra: ",\"memo\":\"first\""))
            let second = try await harness.send(.PUT, url, json: Self.order(harness, customer: customer, quantity: "5"))
            #expect(first.status == 204)
            #expect(second.status == 204)
            #expect(first.headers.first(name: "Location") == second.headers.first(name: "Location"))
            var orders = await harness.sandbox.records(account: SandboxHarness.accountID, type: "salesOrder")
            #expect(orders.count == 1)
            #expect(orders.first?["externalId"] == "shopify-order-1001")
            // Without replace=item NetSuite adds the body's lines to the stored ones; fields left out are kept.
            #expect(orders.first?["item"]?["items"]?.arrayValue?.compactMap { $0["quantity"]?.decimalValue } == [3, 2, 5, 2])
            #expect(orders.first?["memo"] == "first")
            let replaced = try await harness.send(.PUT, url.appending(queryItems: [URLQueryItem(name: "replace", value: "item")]),
                                                  json: Self.order(harness, customer: customer, quantity: "5"))
            #expect(replaced.status == 204)
            orders = await harness.sandbox.records(account: SandboxHarness.accountID, type: "salesOrder")
            #expect(orders.count == 1)
            #expect(orders.first?["item"]?["items"]?.arrayValue?.compactMap { $0["quantity"]?.decimalValue } == [5, 2])
            #expect(orders.first?["memo"] == "first")
            let byEID = try await harness.send(.GET, url)
            #expect(byEID.body?["id"]?.stringValue == orders.first?["id"]?.stringValue)
            #expect(try await harness.send(.POST, url, json: "{}").status == 400)
            #expect(try await harness.send(.PATCH, url, json: "{}").status == 400)
            let badID = try await harness.send(.PUT, harness.recordURL("salesOrder/eid:has%20space"),
                                               json: Self.order(harness, customer: customer))
            #expect(badID.status == 400)
        }
    }

    @Test("validation: unknown item, missing fields, other subsidiary, malformed JSON")
    func validation() async throws {
        try await withHarness { harness in
            let customer = try await harness.createCustomer()
            let unknownItem = try await harness.send(.POST, harness.recordURL("salesOrder"),
                                                     json: Self.order(harness, customer: customer, item: "9999"))
            #expect(unknownItem.status == 400)
            #expect(unknownItem.errorCode == "INVALID_KEY_OR_REF")
            #expect(unknownItem.errorPath == "item.items[0].item")
            #expect(unknownItem.body?["title"] == "Bad Request")

            let noEntity = try await harness.send(.POST, harness.recordURL("salesOrder"),
                                                  json: "{\"subsidiary\":{\"id\":\"\(harness.subsidiary)\"},\"item\":{\"items\":[]}}")
            #expect(noEntity.errorCode == "USER_ERROR")
            #expect(noEntity.errorPath == "entity")
            let noQuantity = try await harness.send(.POST, harness.recordURL("salesOrder"), json: """
                {"entity":{"id":"\(customer)"},"subsidiary":{"id":"\(harness.subsidiary)"},"item":{"items":[{"item":{"id":"\(harness.shirt)"}}]}}
                """)
            #expect(noQuantity.errorPath == "item.items[0].quantity")

            let foreigner = try await harness.createCustomer(name: "Euro GmbH", subsidiary: harness.otherSubsidiary)
            let mismatch = try await harness.send(.POST, harness.recordURL("salesOrder"), json: Self.order(harness, customer: foreigner))
            #expect(mismatch.errorCode == "USER_ERROR")
            #expect(mismatch.errorDetail?.contains("subsidiary") == true)

            let malformed = try await harness.send(.POST, harness.recordURL("customer"), json: "{\"companyName\": ")
            #expect(malformed.status == 400)
            #expect(malformed.errorCode == "INVALID_CONTENT")
            let nameless = try await harness.send(.POST, harness.recordURL("customer"),
                                                  json: "{\"subsidiary\":{\"id\":\"\(harness.subsidiary)\"}}")
            #expect(nameless.errorCode == "USER_ERROR")
            #expect(await harness.sandbox.records(account: SandboxHarness.accountID, type: "salesOrder").isEmpty)
        }
    }

    @Test("journal entries must balance to the cent, compared as decimals")
    func journalEntryBalance() async throws {
        try await withHarness { harness in
            let id = SandboxHarness.accountID
            let bank = try await harness.sandbox.addGLAccount(account: id, number: "1000", name: "Bank")
            let fees = try await harness.sandbox.addGLAccount(account: id, number: "6100", name: "Fees")
            let clearing = try await harness.sandbox.addGLAccount(account: id, number: "1200", name: "Clearing")
            func entry(_ fee: String) -> String {
                """
                {"subsidiary":{"id":"\(harness.subsidiary)"},"tranDate":"2026-01-05","memo":"Payout 1",
                 "line":{"items":[{"account":{"id":"\(bank)"},"debit":0.7},{"account":{"id":"\(fees)"},"debit":\(fee)},
                                  {"account":{"id":"\(clearing)"},"credit":0.8}]}}
                """
            }
            // 0.7 + 0.1 == 0.8 exactly in decimals (not in binary floating point).
            #expect(try await harness.send(.POST, harness.recordURL("journalEntry"), json: entry("0.1")).status == 204)
            let unbalanced = try await harness.send(.POST, harness.recordURL("journalEntry"), json: entry("0.11"))
            #expect(unbalanced.status == 400)
            #expect(unbalanced.errorCode == "USER_ERROR")
            #expect(unbalanced.errorDetail == "The total of debit entries must equal the total of credit entries.")
            let unknownAccount = try await harness.send(.POST, harness.recordURL("journalEntry"), json: """
                {"subsidiary":{"id":"\(harness.subsidiary)"},"line":{"items":[{"account":{"id":"777"},"debit":1},{"account":{"id":"\(bank)"},"credit":1}]}}
                """)
            #expect(unknownAccount.errorPath == "line.items[0].account")
        }
    }

    @Test("transform ships the chosen quantities; over-fulfilment is refused; list pages")
    func transformAndList() async throws {
        try await withHarness { harness in
            let customer = try await harness.createCustomer()
            try await harness.sandbox.setInventory(account: SandboxHarness.accountID, item: harness.shirt, location: harness.location,
                                                   onHand: 10, available: 7)
            let created = try await harness.send(.POST, harness.recordURL("salesOrder"), json: Self.order(harness, customer: customer))
            let orderID = try #require(created.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
            let committed = try await SuiteQLTests.query(harness, "SELECT quantityavailable FROM aggregateitemlocation WHERE item = \(harness.shirt)")
            #expect(committed.body?["items"]?.arrayValue?.first?["quantityavailable"] == "4")
            let transformURL = harness.recordURL("salesOrder/\(orderID)/!transform/itemFulfillment")
            let partial = try await harness.send(.POST, transformURL, json: """
                {"item":{"items":[{"orderLine":1,"quantity":2,"itemReceive":true}]},"package":{"items":[{"packageTrackingNumber":"1Z999"}]}}
                """)
            #expect(partial.status == 204)
            #expect(partial.headers.first(name: "Location")?.contains("/itemFulfillment/") == true)
            let tooMany = try await harness.send(.POST, transformURL, json: "{\"item\":{\"items\":[{\"orderLine\":1,\"quantity\":2}]}}")
            #expect(tooMany.errorCode == "USER_ERROR")
            #expect(try await harness.send(.POST, transformURL).status == 204)  // the rest: 1 shirt and 2 mugs
            #expect(try await harness.send(.POST, transformURL).status == 400)  // nothing left
            // The order committed 3 shirts (available 7 -> 4); shipping them took them off hand (10 -> 7).
            let stock = try await SuiteQLTests.query(harness, """
                SELECT quantityonhand, quantityavailable, quantitycommitted FROM aggregateitemlocation WHERE item = \(harness.shirt)
                """)
            let balance = try #require(stock.body?["items"]?.arrayValue?.first)
            #expect(balance["quantityonhand"] == "7")
            #expect(balance["quantityavailable"] == "4")
            #expect(balance["quantitycommitted"] == "3")
            let fulfillments = await harness.sandbox.records(account: SandboxHarness.accountID, type: "itemFulfillment")
            #expect(fulfillments.count == 2)
            #expect(fulfillments.first?["createdFrom"]?["id"]?.stringValue == orderID)
            #expect(try await harness.send(.POST, harness.recordURL("itemFulfillment"), json: "{}").status == 400)

            let page = try await harness.send(.GET, harness.recordURL("itemFulfillment").appending(queryItems: [
                URLQueryItem(name: "limit", value: "1"), URLQueryItem(name: "offset", value: "0"),
            ]))
            #expect(page.body?["count"] == 1)
            #expect(page.body?["hasMore"] == true)
            #expect(page.body?["totalResults"] == 2)
            let tooLarge = try await harness.send(.GET, harness.recordURL("itemFulfillment").appending(queryItems: [
                URLQueryItem(name: "limit", value: "1001"),
            ]))
            #expect(tooLarge.status == 400)
            let deleted = try await harness.send(.DELETE, harness.recordURL("customer/\(customer)"))
            #expect(deleted.status == 204)
            #expect(try await harness.send(.GET, harness.recordURL("customer/\(customer)")).status == 404)
        }
    }
}
