import Foundation
import PluginKit
import Synchronization
import Testing

@testable import NetSuite

@Suite("Record bodies and identifiers")
struct RecordModelTests {
    @Test func numbersStayExactDecimals() throws {
        let json = try JSONValue(data: Data(#"{"rate":19.99,"big":12345678901234567.89,"tiny":0.1,"n":3,"s":"0.30","ok":true,"none":null}"#.utf8))
        #expect(json["rate"]?.decimalValue == decimal("19.99"))
        #expect(json["big"]?.decimalValue == decimal("12345678901234567.89"))
        #expect(json["tiny"]?.decimalValue == decimal("0.1"))
        #expect(json["n"]?.intValue == 3)
        #expect(json["rate"]?.intValue == nil)
        #expect(json["s"]?.decimalValue == decimal("0.3"))
        for notANumber in ["12abc", "1e5", "1,000", "", "-", "1.", " 1"] {
            #expect(JSONValue.string(notANumber).decimalValue == nil, "\(notANumber)")
        }
        #expect(JSONValue.string("-.5").decimalValue == decimal("-0.5"))
        #expect(json["ok"]?.boolValue == true)
        #expect(json["none"] == .null)

        let text = String(decoding: try JSONValue.object(["amount": .number(decimal("0.1")), "sum": .number(decimal("1234.56"))]).encoded(), as: UTF8.self)
        #expect(text == #"{"amount":0.1,"sum":1234.56}"#)
    }

    @Test func roundTripsThroughCodable() throws {
        let value: JSONValue = ["a": [1, "two", nil, true, ["b": .number(-0.5)]]]
        #expect(try JSONValue(data: value.encoded()) == value)
    }

    @Test func externalIDsAreValidated() throws {
        #expect(try ExternalID("shopify-order_1001").rawValue == "shopify-order_1001")
        for bad in ["", "has space", "slash/inside", "ünïcode", "eid:x", String(repeating: "a", count: 256)] {
            #expect(throws: NetSuiteError.self, "\(bad)") { try ExternalID(bad) }
        }
    }

    @Test func salesOrderBody() throws {
        var order = SalesOrderRecord(externalID: try ExternalID("shopify-order-1"), customerID: "42", subsidiaryID: "3", locationID: "5", shippingCost: decimal("4.95"))
        order.lines.append(.init(itemID: "7", quantity: 2, rate: decimal("19.99")))
        let json = order.json
        #expect(json["externalId"] == "shopify-order-1")
        #expect(json["entity"] == ["id": "42"])
        #expect(json["location"] == ["id": "5"])
        #expect(json["currency"] == nil)
        #expect(json["shippingCost"]?.decimalValue == decimal("4.95"))
        #expect(json["item"]?["items"]?[0]?["rate"]?.decimalValue == decimal("19.99"))
        #expect(json["item"]?["items"]?[0]?["item"] == ["id": "7"])
    }

    @Test func customerBody() throws {
        let person = CustomerRecord(externalID: try ExternalID("shopify-customer-9"), subsidiaryID: "1", firstName: "Ada", lastName: "Lovelace", email: "ada@example.com").json
        #expect(person["isPerson"] == true)
        #expect(person["companyName"] == nil)
        let company = CustomerRecord(externalID: try ExternalID("shopify-customer-10"), subsidiaryID: "1", companyName: "ACME").json
        #expect(company["isPerson"] == false)
    }

    @Test func journalEntriesMustBalance() throws {
        let entry = try JournalEntryRecord(
            externalID: ExternalID("shopify-payout-77"), subsidiaryID: "1", currencyID: "1", tranDate: "2026-11-20",
            lines: [
                .debit(accountID: "110", amount: decimal("95.10")),
                .debit(accountID: "610", amount: decimal("4.90")),
                .credit(accountID: "120", amount: 100),
            ]
        )
        #expect(entry.json["line"]?["items"]?.arrayValue?.count == 3)
        #expect(entry.json["line"]?["items"]?[1]?["debit"]?.decimalValue == decimal("4.9"))
        #expect(entry.json["line"]?["items"]?[2]?["credit"]?.decimalValue == 100)
        #expect(throws: NetSuiteError.self) {
            try JournalEntryRecord(
                externalID: ExternalID("p-1"), subsidiaryID: "1", currencyID: "1", tranDate: "2026-11-20",
                lines: [.debit(accountID: "1", amount: 10), .credit(accountID: "2", amount: decimal("9.99"))]
            )
        }
    }
}

@Suite("Request validation before the wire")
struct RequestValidationTests {
    /// A sender that records requests and answers 204; any request reaching it is a failure
    /// of the validation under test.
    final class RecordingSender: NetSuiteRequestSending {
        let sent = Mutex<[String]>([])
        func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse {
            sent.withLock { $0.append(request.path) }
            return NetSuiteResponse(status: 204, headers: ["location": "https://x/services/rest/record/v1/customer/5"], body: Data())
        }
    }

    @Test func badPathSegmentsNeverReachTheSender() async throws {
        let sender = RecordingSender()
        let client = NetSuiteClient(sender: sender)
        await #expect(throws: NetSuiteError.self) { _ = try await client.get("customer", id: "5/../../x") }
        await #expect(throws: NetSuiteError.self) { _ = try await client.get("sales order", id: "5") }
        await #expect(throws: NetSuiteError.self) { _ = try await client.transform("salesOrder", id: "5", to: "../x") }
        #expect(sender.sent.withLock { $0 }.isEmpty)
        #expect(try await client.create("customer", record: ["companyName": "ACME"]) == "5")
        #expect(sender.sent.withLock { $0 } == ["/services/rest/record/v1/customer"])
    }

    @Test func anInvalidAccountIDIsRefusedBeforeAnyRequest() async throws {
        let connection = NetSuiteConnection(
            accountID: "bad account", credentials: .tokenBased(consumerKey: "a", consumerSecret: Secret("b"), tokenID: "c", tokenSecret: Secret("d"))
        )
        let error = try #require(await netSuiteError { _ = try await NetSuiteClient(connection: connection).list("customer") })
        #expect(error.code == "netsuite_invalid_account_id")
        #expect(error.failureClass == .permanent)
    }
}
