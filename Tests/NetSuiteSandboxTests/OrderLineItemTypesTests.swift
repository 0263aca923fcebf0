import Foundation
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

/// Discount and other-charge items, and the rules their lines follow on item transactions.
@Suite("Discount and other-charge items")
struct OrderLineItemTypesTests {
    /// The harness with a "Shopify Discount" and a "Shopify Tax" / "Shopify Gift Card" pair of other charges.
    struct MoneyItems {
        let discount: String
        let tax: String
        let giftCard: String
    }

    static func seedMoneyItems(_ harness: SandboxHarness) async throws -> MoneyItems {
        let id = SandboxHarness.accountID
        let subsidiaries = [harness.subsidiary, harness.otherSubsidiary]
        return MoneyItems(
            discount: try await harness.sandbox.addDiscountItem(account: id, name: "Shopify Discount", subsidiaries: subsidiaries),
            tax: try await harness.sandbox.addOtherChargeItem(account: id, name: "Shopify Tax", subsidiaries: subsidiaries),
            giftCard: try await harness.sandbox.addOtherChargeItem(account: id, name: "Shopify Gift Card", subsidiaries: subsidiaries)
        )
    }

    static func decimal(_ text: String) -> SandboxJSON { .number(Decimal(string: text)!) }

    /// A body with 3 shirts at 19.99, then `lines` (JSON objects), shipping 4.95.
    static func body(_ harness: SandboxHarness, customer: String, lines: [String], externalID: String? = nil) -> String {
        let eid = externalID.map { ",\"externalId\":\"\($0)\"" } ?? ""
        let all = ["{\"item\":{\"id\":\"\(harness.shirt)\"},\"quantity\":3,\"rate\":19.99}"] + lines
        return """
            {"entity":{"id":"\(customer)"},"subsidiary":{"id":"\(harness.subsidiary)"},"location":{"id":"\(harness.location)"},
             "tranDate":"2026-01-05","shippingCost":4.95\(eid),"item":{"items":[\(all.joined(separator: ","))]}}
            """
    }

    @Test("seeded discount and other-charge items are items in SuiteQL with NetSuite's item types, names unique")
    func seededItemsInSuiteQL() async throws {
        try await withHarness { harness in
            let items = try await Self.seedMoneyItems(harness)
            let answer = try await SuiteQLTests.query(
                harness, "SELECT id, itemid, itemtype, isinactive FROM item WHERE itemid LIKE 'Shopify%' ORDER BY itemid")
            #expect(answer.status == 200)
            let rows = answer.body?["items"]?.arrayValue ?? []
            #expect(rows.map { $0["itemid"]?.stringValue } == ["Shopify Discount", "Shopify Gift Card", "Shopify Tax"])
            #expect(rows.map { $0["itemtype"]?.stringValue } == ["Discount", "OthCharge", "OthCharge"])
            #expect(rows.map { $0["id"]?.stringValue } == [items.discount, items.giftCard, items.tax])
            #expect(rows.allSatisfy { $0["isinactive"] == "F" })
            // Items share one name space: neither a second discount nor an inventory item may reuse a name.
            await #expect(throws: NetSuiteSandboxError.self) {
                _ = try await harness.sandbox.addOtherChargeItem(account: SandboxHarness.accountID, name: "Shopify Discount",
                                                                 subsidiaries: [harness.subsidiary])
            }
            await #expect(throws: NetSuiteSandboxError.self) {
                _ = try await harness.sandbox.addDiscountItem(account: SandboxHarness.accountID, name: "MUG", subsidiaries: [harness.subsidiary])
            }
            let record = try #require(await harness.sandbox.records(account: SandboxHarness.accountID, type: "discountItem").first)
            #expect(record["itemId"] == "Shopify Discount")
            let otherCharges = await harness.sandbox.records(account: SandboxHarness.accountID, type: "otherChargeItem")
            #expect(otherCharges.count == 2)
        }
    }

    @Test("discount lines take no quantity, other charges default to 1 and may be negative; totals are decimal-exact")
    func mixedLinesTotal() async throws {
        try await withHarness { harness in
            let items = try await Self.seedMoneyItems(harness)
            let customer = try await harness.createCustomer()
            let body = Self.body(harness, customer: customer, lines: [
                "{\"item\":{\"id\":\"\(items.discount)\"},\"quantity\":7,\"amount\":-5.10}",
                "{\"item\":{\"id\":\"\(items.discount)\"},\"rate\":-0.30}",
                "{\"item\":{\"id\":\"\(items.tax)\"},\"rate\":4.53}",
                "{\"item\":{\"id\":\"\(items.giftCard)\"},\"amount\":-20.01}",
            ])
            let created = try await harness.send(.POST, harness.recordURL("salesOrder"), json: body)
            #expect(created.status == 204)
            let id = try #require(created.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
            let read = try await harness.send(.GET, Self.expanded(harness.recordURL("salesOrder/\(id)")))
            // 59.97 - 5.10 - 0.30 + 4.53 - 20.01 = 39.09; + 4.95 shipping = 44.04.
            #expect(read.body?["subtotal"] == Self.decimal("39.09"))
            #expect(read.body?["total"] == Self.decimal("44.04"))
            let lines = read.body?["item"]?["items"]?.arrayValue ?? []
            try #require(lines.count == 5)
            #expect(lines.map { $0["amount"] } == ["59.97", "-5.10", "-0.30", "4.53", "-20.01"].map(Self.decimal))
            #expect(lines[1]["quantity"] == nil)
            #expect(lines[2]["quantity"] == nil)
            #expect(lines[3]["quantity"] == 1)
            #expect(lines[4]["quantity"] == 1)
            #expect(lines[0]["quantityFulfilled"] == 0)
            #expect(lines[1]["quantityFulfilled"] == nil)
            #expect(lines[3]["quantityFulfilled"] == nil)
        }
    }

    @Test("a positive discount amount or rate is refused where it was entered; a discount line needs an amount")
    func positiveDiscountRefused() async throws {
        try await withHarness { harness in
            let items = try await Self.seedMoneyItems(harness)
            let customer = try await harness.createCustomer()
            for (line, path) in [
                ("{\"item\":{\"id\":\"\(items.discount)\"},\"amount\":5}", "item.items[1].amount"),
                ("{\"item\":{\"id\":\"\(items.discount)\"},\"rate\":0.01}", "item.items[1].rate"),
                ("{\"item\":{\"id\":\"\(items.discount)\"}}", "item.items[1].rate"),
            ] {
                let refused = try await harness.send(.POST, harness.recordURL("salesOrder"),
                                                     json: Self.body(harness, customer: customer, lines: [line]))
                #expect(refused.status == 400)
                #expect(refused.errorCode == "USER_ERROR")
                #expect(refused.errorPath == path)
            }
            #expect(await harness.sandbox.records(account: SandboxHarness.accountID, type: "salesOrder").isEmpty)
            // Zero is allowed: a discount that took nothing off.
            let zero = try await harness.send(.POST, harness.recordURL("salesOrder"), json: Self.body(
                harness, customer: customer, lines: ["{\"item\":{\"id\":\"\(items.discount)\"},\"amount\":0}"]))
            #expect(zero.status == 204)
        }
    }

    @Test("credit memos and cash refunds take the same discount and other-charge lines")
    func refundsTakeMoneyLines() async throws {
        try await withHarness { harness in
            let items = try await Self.seedMoneyItems(harness)
            let customer = try await harness.createCustomer()
            for type in ["creditMemo", "cashRefund"] {
                let body = """
                    {"entity":{"id":"\(customer)"},"item":{"items":[
                      {"item":{"id":"\(harness.mug)"},"quantity":2,"rate":7.10},
                      {"item":{"id":"\(items.discount)"},"amount":-1.20},
                      {"item":{"id":"\(items.tax)"},"amount":1.04},
                      {"item":{"id":"\(items.giftCard)"},"rate":-3.00}]}}
                    """
                let created = try await harness.send(.POST, harness.recordURL(type), json: body)
                #expect(created.status == 204, "\(type): \(created.body?.serialized ?? "")")
                let stored = try #require(await harness.sandbox.records(account: SandboxHarness.accountID, type: type).first)
                // 14.20 - 1.20 + 1.04 - 3.00
                #expect(stored["total"] == Self.decimal("11.04"), "\(type)")
            }
        }
    }

    @Test("fulfilment ships goods lines only; status moves from Pending Fulfillment to Partially Fulfilled to Pending Billing")
    func fulfilmentSkipsMoneyLines() async throws {
        try await withHarness { harness in
            let items = try await Self.seedMoneyItems(harness)
            let customer = try await harness.createCustomer()
            let created = try await harness.send(.POST, harness.recordURL("salesOrder"), json: Self.body(harness, customer: customer, lines: [
                "{\"item\":{\"id\":\"\(items.discount)\"},\"amount\":-5}", "{\"item\":{\"id\":\"\(items.tax)\"},\"rate\":3}",
            ]))
            let id = try #require(created.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
            let orderURL = harness.recordURL("salesOrder/\(id)")
            let transformURL = harness.recordURL("salesOrder/\(id)/!transform/itemFulfillment")
            #expect(try await harness.send(.GET, orderURL).body?["status"] == ["id": "B", "refName": "Pending Fulfillment"])

            let moneyLine = try await harness.send(.POST, transformURL, json: "{\"item\":{\"items\":[{\"orderLine\":3,\"quantity\":1}]}}")
            #expect(moneyLine.status == 400)
            #expect(moneyLine.errorPath == "item.items[0].quantity")

            #expect(try await harness.send(.POST, transformURL, json: "{\"item\":{\"items\":[{\"orderLine\":1,\"quantity\":1}]}}").status == 204)
            #expect(try await harness.send(.GET, orderURL).body?["status"] == ["id": "D", "refName": "Partially Fulfilled"])
            #expect(try await harness.send(.POST, transformURL).status == 204)
            let shipped = try await harness.send(.GET, orderURL)
            #expect(shipped.body?["status"] == ["id": "F", "refName": "Pending Billing"])
            let fulfillments = await harness.sandbox.records(account: SandboxHarness.accountID, type: "itemFulfillment")
            #expect(fulfillments.count == 2)
            let shippedLines = fulfillments.flatMap { $0["item"]?["items"]?.arrayValue ?? [] }
            #expect(shippedLines.allSatisfy { $0["item"]?.referenceID == harness.shirt })
        }
    }

    @Test("closing every line by PUT ?replace=item makes the order Closed, keeps its total, frees stock, and repeats idempotently")
    func closeByUpsert() async throws {
        try await withHarness { harness in
            let account = SandboxHarness.accountID
            let items = try await Self.seedMoneyItems(harness)
            try await harness.sandbox.setInventory(account: account, item: harness.shirt, location: harness.location, onHand: 10, available: 10)
            let customer = try await harness.createCustomer()
            let moneyLines = ["{\"item\":{\"id\":\"\(items.discount)\"},\"amount\":-5}", "{\"item\":{\"id\":\"\(items.giftCard)\"},\"amount\":-10}"]
            let eid = "shopify-order-1001"
            let upsertURL = harness.recordURL("salesOrder/eid:\(eid)").appending(queryItems: [URLQueryItem(name: "replace", value: "item")])
            // A client-sent status is ignored: NetSuite computes it.
            let open = Self.body(harness, customer: customer, lines: moneyLines).replacingOccurrences(
                of: "\"tranDate\"", with: "\"status\":{\"id\":\"H\"},\"tranDate\"")
            #expect(try await harness.send(.PUT, upsertURL, json: open).status == 204)
            let orderURL = harness.recordURL("salesOrder/eid:\(eid)")
            let before = try await harness.send(.GET, orderURL)
            #expect(before.body?["status"] == ["id": "B", "refName": "Pending Fulfillment"])
            #expect(before.body?["total"] == Self.decimal("49.92"))
            #expect(await Self.available(harness) == 7)

            let closedLines = [
                "{\"item\":{\"id\":\"\(harness.shirt)\"},\"quantity\":3,\"rate\":19.99,\"isClosed\":true}",
                "{\"item\":{\"id\":\"\(items.discount)\"},\"amount\":-5,\"isClosed\":true}",
                "{\"item\":{\"id\":\"\(items.giftCard)\"},\"amount\":-10,\"isClosed\":true}",
            ]
            let closing = """
                {"item":{"items":[\(closedLines.joined(separator: ","))]}}
                """
            for attempt in 1...2 {
                let answer = try await harness.send(.PUT, upsertURL, json: closing)
                #expect(answer.status == 204, "attempt \(attempt): \(answer.body?.serialized ?? "")")
                let after = try await harness.send(.GET, Self.expanded(harness.recordURL("salesOrder/eid:\(eid)")))
                #expect(after.body?["status"] == ["id": "H", "refName": "Closed"], "attempt \(attempt)")
                #expect(after.body?["total"] == Self.decimal("49.92"), "attempt \(attempt)")
                let lines = after.body?["item"]?["items"]?.arrayValue ?? []
                #expect(lines.count == 3, "attempt \(attempt)")
                #expect(lines.allSatisfy { $0["isClosed"] == true })
                #expect(await Self.available(harness) == 10, "a closed line commits nothing")
            }
            #expect(await harness.sandbox.records(account: account, type: "salesOrder").count == 1)

            let id = try #require(await harness.sandbox.records(account: account, type: "salesOrder").first?["id"]?.stringValue)
            let status = try await SuiteQLTests.query(harness, "SELECT id, status FROM transaction WHERE id = \(id)")
            #expect(status.body?["items"]?.arrayValue?.first?["status"] == "H")
            let closedFlags = try await SuiteQLTests.query(harness, "SELECT isclosed FROM transactionline WHERE transaction = \(id)")
            #expect(closedFlags.body?["items"]?.arrayValue?.map { $0["isclosed"] } == ["T", "T", "T"])

            // A closed order has nothing left to fulfil.
            let transform = try await harness.send(.POST, harness.recordURL("salesOrder/\(id)/!transform/itemFulfillment"))
            #expect(transform.status == 400)
        }
    }

    @Test("closing only some lines leaves the order open and releases only those lines' stock")
    func partialClose() async throws {
        try await withHarness { harness in
            let account = SandboxHarness.accountID
            try await harness.sandbox.setInventory(account: account, item: harness.shirt, location: harness.location, onHand: 10, available: 10)
            let customer = try await harness.createCustomer()
            let eid = "shopify-order-1002"
            let upsertURL = harness.recordURL("salesOrder/eid:\(eid)").appending(queryItems: [URLQueryItem(name: "replace", value: "item")])
            let mugLine = "{\"item\":{\"id\":\"\(harness.mug)\"},\"quantity\":1}"
            #expect(try await harness.send(.PUT, upsertURL, json: Self.body(harness, customer: customer, lines: [mugLine])).status == 204)
            #expect(await Self.available(harness) == 7)
            let closing = """
                {"item":{"items":[{"item":{"id":"\(harness.shirt)"},"quantity":3,"rate":19.99,"isClosed":true},\(mugLine)]}}
                """
            #expect(try await harness.send(.PUT, upsertURL, json: closing).status == 204)
            let after = try await harness.send(.GET, harness.recordURL("salesOrder/eid:\(eid)"))
            #expect(after.body?["status"] == ["id": "B", "refName": "Pending Fulfillment"])
            #expect(await Self.available(harness) == 10)
            let notBoolean = try await harness.send(.PUT, upsertURL, json: """
                {"item":{"items":[{"item":{"id":"\(harness.shirt)"},"quantity":3,"isClosed":"yes"}]}}
                """)
            #expect(notBoolean.status == 400)
        }
    }

    @Test("a seeded customer is found by email within its subsidiary through SuiteQL; its external id is unique")
    func customerByEmailInSubsidiary() async throws {
        try await withHarness { harness in
            let account = SandboxHarness.accountID
            let us = try await harness.sandbox.addCustomer(account: account, companyName: "Web Customer (US)", subsidiary: harness.subsidiary,
                                                           externalID: "web-customer-us", email: "buyer@example.com")
            let eu = try await harness.sandbox.addCustomer(account: account, companyName: "Buyer EU", subsidiary: harness.otherSubsidiary,
                                                           email: "buyer@example.com")
            let answer = try await SuiteQLTests.query(harness, """
                SELECT id, entityid, externalid, subsidiary FROM customer WHERE email = 'buyer@example.com' AND subsidiary = \(harness.subsidiary)
                """)
            let rows = answer.body?["items"]?.arrayValue ?? []
            #expect(rows.map { $0["id"]?.stringValue } == [us])
            #expect(rows.first?["entityid"] == "Web Customer (US)")
            #expect(rows.first?["externalid"] == "web-customer-us")
            #expect(us != eu)
            let stored = await harness.sandbox.records(account: account, type: "customer").first { $0["id"]?.stringValue == eu }
            let euSubsidiary = await harness.sandbox.records(account: account, type: "subsidiary")
                .first { $0["id"]?.stringValue == harness.otherSubsidiary }
            #expect(stored?["currency"]?.referenceID != nil)
            #expect(stored?["currency"]?.referenceID == euSubsidiary?["currency"]?.referenceID, "a customer is in its subsidiary's currency")
            await #expect(throws: NetSuiteSandboxError.self) {
                _ = try await harness.sandbox.addCustomer(account: account, companyName: "Again", subsidiary: harness.subsidiary,
                                                          externalID: "web-customer-us")
            }
            await #expect(throws: NetSuiteSandboxError.self) {
                _ = try await harness.sandbox.addCustomer(account: account, companyName: "Bad", subsidiary: harness.subsidiary, email: "not-an-email")
            }
        }
    }

    static func expanded(_ url: URL) -> URL { url.appending(queryItems: [URLQueryItem(name: "expandSubResources", value: "true")]) }

    /// Shirts available at the harness location.
    static func available(_ harness: SandboxHarness) async -> Int? {
        let answer = try? await SuiteQLTests.query(
            harness, "SELECT quantityavailable FROM AggregateItemLocation WHERE item = \(harness.shirt) AND location = \(harness.location)")
        return answer?.body?["items"]?.arrayValue?.first?["quantityavailable"]?.stringValue.flatMap { Int($0) }
    }
}
