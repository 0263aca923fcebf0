import Foundation
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("Record updates and fulfilments")
struct RecordUpdateTests {
    static func createOrder(_ harness: SandboxHarness) async throws -> (id: String, url: URL) {
        let customer = try await harness.createCustomer()
        let created = try await harness.send(.POST, harness.recordURL("salesOrder"), json: RecordServiceTests.order(harness, customer: customer))
        let id = try #require(created.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
        return (id, harness.recordURL("salesOrder/\(id)"))
    }

    static func lines(_ harness: SandboxHarness, _ type: String = "salesOrder") async -> [SandboxJSON] {
        await harness.sandbox.records(account: SandboxHarness.accountID, type: type).first?["item"]?["items"]?.arrayValue ?? []
    }

    @Test("a fulfilment naming one order line twice is refused and ships nothing")
    func repeatedOrderLine() async throws {
        try await withHarness { harness in
            let order = try await Self.createOrder(harness)
            let transformURL = harness.recordURL("salesOrder/\(order.id)/!transform/itemFulfillment")
            // Line 1 holds 3 shirts: two requests of 2 each must not ship 4.
            let twice = try await harness.send(.POST, transformURL, json: """
                {"item":{"items":[{"orderLine":1,"quantity":2},{"orderLine":1,"quantity":2}]}}
                """)
            #expect(twice.status == 400)
            #expect(twice.errorCode == "USER_ERROR")
            #expect(twice.errorPath == "item.items[1].orderLine")
            #expect(await Self.lines(harness).first?["quantityFulfilled"] == 0)
            #expect(await harness.sandbox.records(account: SandboxHarness.accountID, type: "itemFulfillment").isEmpty)
            for outside in ["0", "3", "-1"] {
                let refused = try await harness.send(.POST, transformURL, json: "{\"item\":{\"items\":[{\"orderLine\":\(outside),\"quantity\":1}]}}")
                #expect(refused.status == 400)
                #expect(refused.errorPath == "item.items[0].orderLine")
            }
            let skipped = try await harness.send(.POST, transformURL, json: """
                {"item":{"items":[{"orderLine":1,"quantity":2},{"orderLine":1,"quantity":2,"itemReceive":false}]}}
                """)
            #expect(skipped.status == 204)
            #expect(await Self.lines(harness).first?["quantityFulfilled"] == 2)
        }
    }

    @Test("PATCH merges fields and adds non-keyed sublist lines unless ?replace names the sublist")
    func patchMergesSublists() async throws {
        try await withHarness { harness in
            let order = try await Self.createOrder(harness)
            let added = try await harness.send(.PATCH, order.url, json: "{\"item\":{\"items\":[{\"item\":{\"id\":\"\(harness.mug)\"},\"quantity\":1}]}}")
            #expect(added.status == 204)
            #expect(await Self.lines(harness).compactMap { $0["quantity"]?.decimalValue } == [3, 2, 1])
            #expect(await Self.lines(harness).compactMap { $0["line"]?.decimalValue } == [1, 2, 3])
            let replaceURL = order.url.appending(queryItems: [URLQueryItem(name: "replace", value: "line, item")])
            let replaced = try await harness.send(.PATCH, replaceURL, json: "{\"item\":{\"items\":[{\"item\":{\"id\":\"\(harness.mug)\"},\"quantity\":4}]}}")
            #expect(replaced.status == 204)
            let stored = await Self.lines(harness)
            #expect(stored.compactMap { $0["quantity"]?.decimalValue } == [4])
            #expect(stored.first?["item"]?.referenceID == harness.mug)
            let order2 = try #require(await harness.sandbox.records(account: SandboxHarness.accountID, type: "salesOrder").first)
            #expect(order2["shippingCost"]?.decimalValue == Decimal(string: "4.95"))  // left out of both bodies, so kept

            let id = SandboxHarness.accountID
            let bank = try await harness.sandbox.addGLAccount(account: id, number: "1000", name: "Bank")
            let clearing = try await harness.sandbox.addGLAccount(account: id, number: "1200", name: "Clearing")
            let pair = "{\"account\":{\"id\":\"\(bank)\"},\"debit\":1},{\"account\":{\"id\":\"\(clearing)\"},\"credit\":1}"
            let entryURL = harness.recordURL("journalEntry/eid:payout-1")
            let body = "{\"subsidiary\":{\"id\":\"\(harness.subsidiary)\"},\"line\":{\"items\":[\(pair)]}}"
            #expect(try await harness.send(.PUT, entryURL, json: body).status == 204)
            #expect(try await harness.send(.PUT, entryURL, json: body).status == 204)
            let entry = try #require(await harness.sandbox.records(account: id, type: "journalEntry").first)
            #expect(entry["line"]?["items"]?.arrayValue?.count == 4)
            let replacedURL = entryURL.appending(queryItems: [URLQueryItem(name: "replace", value: "line")])
            #expect(try await harness.send(.PUT, replacedURL, json: body).status == 204)
            let replacedEntry = try #require(await harness.sandbox.records(account: id, type: "journalEntry").first)
            #expect(replacedEntry["line"]?["items"]?.arrayValue?.count == 2)
        }
    }

    @Test("an update may not remove a fulfilled line, change its item, or lower it below what was fulfilled")
    func fulfilledLinesAreProtected() async throws {
        try await withHarness { harness in
            let order = try await Self.createOrder(harness)
            let transformURL = harness.recordURL("salesOrder/\(order.id)/!transform/itemFulfillment")
            let shipped = try await harness.send(.POST, transformURL, json: """
                {"item":{"items":[{"orderLine":1,"quantity":2},{"orderLine":2,"quantity":1}]}}
                """)
            #expect(shipped.status == 204)
            let replaceURL = order.url.appending(queryItems: [URLQueryItem(name: "replace", value: "item")])
            func replace(_ lines: String) async throws -> TestResponse {
                try await harness.send(.PATCH, replaceURL, json: "{\"item\":{\"items\":[\(lines)]}}")
            }
            let shirt = "{\"item\":{\"id\":\"\(harness.shirt)\"},\"quantity\":3,\"rate\":19.99}"
            let mug = "{\"item\":{\"id\":\"\(harness.mug)\"},\"quantity\":2}"
            let removed = try await replace(shirt)
            #expect(removed.status == 400)
            #expect(removed.errorCode == "USER_ERROR")
            #expect(removed.errorPath == "item.items[1].item")
            let swapped = try await replace("\(mug),\(shirt)")
            #expect(swapped.errorCode == "USER_ERROR")
            #expect(swapped.errorPath == "item.items[0].item")
            let lowered = try await replace("{\"item\":{\"id\":\"\(harness.shirt)\"},\"quantity\":1},\(mug)")
            #expect(lowered.errorCode == "USER_ERROR")
            #expect(lowered.errorPath == "item.items[0].quantity")
            #expect(await Self.lines(harness).compactMap { $0["quantity"]?.decimalValue } == [3, 2])
            // Down to exactly what was fulfilled, same items, one more line: allowed, fulfilled quantities kept.
            let allowed = try await replace("{\"item\":{\"id\":\"\(harness.shirt)\"},\"quantity\":2},\(mug),\(mug)")
            #expect(allowed.status == 204)
            let stored = await Self.lines(harness)
            #expect(stored.compactMap { $0["quantity"]?.decimalValue } == [2, 2, 2])
            #expect(stored.compactMap { $0["quantityFulfilled"]?.decimalValue } == [2, 1, 0])
        }
    }

    @Test("PATCH of an item without an external id does not clash with its own SKU")
    func patchItemKeepsOwnSKU() async throws {
        try await withHarness { harness in
            let renamed = try await harness.send(.PATCH, harness.recordURL("inventoryItem/\(harness.shirt)"),
                                                 json: "{\"displayName\":\"Shirt, medium\"}")
            #expect(renamed.status == 204)
            let item = await harness.sandbox.records(account: SandboxHarness.accountID, type: "inventoryItem")
                .first { $0["id"]?.stringValue == harness.shirt }
            #expect(item?["displayName"] == "Shirt, medium")
            let clash = try await harness.send(.PATCH, harness.recordURL("inventoryItem/\(harness.shirt)"), json: "{\"itemId\":\"MUG\"}")
            #expect(clash.status == 400)
            #expect(clash.errorPath == "itemId")
            let created = try await harness.send(.POST, harness.recordURL("inventoryItem"), json: """
                {"itemId":"SHIRT-M","displayName":"Copy","subsidiary":{"items":[{"id":"\(harness.subsidiary)"}]}}
                """)
            #expect(created.status == 400)
            #expect(created.errorPath == "itemId")
        }
    }
}
