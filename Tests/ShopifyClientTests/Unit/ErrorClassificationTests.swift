import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import PluginKit
import Testing
@testable import Shopify

@Suite("Error classification")
struct ErrorClassificationTests {
    static let token = "shpat_unit_test_token_0123456789"
    let client = ShopifyAdminClient(connection: ShopifyConnection(
        shopDomain: "unit.myshopify.com", accessToken: Secret(ErrorClassificationTests.token)))

    struct ShopOnly: ShopifyOperation {
        static let name = "shopName"
        let document = "query { shop { name } }"
        let variables = ShopifyNoVariables()
        let estimatedCost: Double = 1
        struct Shop: Decodable, Sendable { let name: String }
        struct Result: Decodable, Sendable { let shop: Shop }
    }

    private func classify(status: Int, headers: HTTPHeaders = [:], body: String) -> ShopifyError? {
        do {
            let exchange = try client.interpret(status: status, headers: headers, body: Data(body.utf8))
            _ = try client.decodeAnswer(exchange, of: ShopOnly())
            return nil
        } catch {
            return error as? ShopifyError
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let status: Int
        let headers: [(String, String)]
        let body: String
        let code: String
        let failureClass: FailureClass
        var testDescription: String { "\(status) -> \(code)" }
    }

    static let throttledBody = """
        {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
         "extensions":{"cost":{"requestedQueryCost":752,"actualQueryCost":null,
           "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":52,"restoreRate":100.0}}}}
        """

    static let cases: [Case] = [
        Case(status: 401, headers: [], body: #"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#,
             code: "http_401", failureClass: .authentication),
        Case(status: 403, headers: [], body: "{}", code: "http_403", failureClass: .authentication),
        Case(status: 200, headers: [], body: throttledBody, code: "shopify_throttled", failureClass: .rateLimited(retryAfter: .seconds(7))),
        Case(status: 429, headers: [("Retry-After", "2.0")], body: "{}", code: "http_429", failureClass: .rateLimited(retryAfter: .seconds(2))),
        Case(status: 503, headers: [("Retry-After", "30")], body: "", code: "http_503", failureClass: .transient(retryAfter: .seconds(30))),
        Case(status: 500, headers: [], body: "oops", code: "http_500", failureClass: .transient(retryAfter: nil)),
        Case(status: 404, headers: [], body: "Not Found", code: "http_404", failureClass: .permanent),
        Case(status: 200, headers: [], body: #"{"errors":[{"message":"Field 'nope' doesn't exist on type 'QueryRoot'","locations":[{"line":1,"column":9}],"path":["query","nope"],"extensions":{"code":"undefinedField","typeName":"QueryRoot","fieldName":"nope"}}]}"#,
             code: "shopify_graphql_undefinedField", failureClass: .permanent),
        Case(status: 200, headers: [], body: #"{"errors":[{"message":"Access denied for shopifyPaymentsAccount field.","extensions":{"code":"ACCESS_DENIED"}}],"data":null}"#,
             code: "shopify_graphql_ACCESS_DENIED", failureClass: .authentication),
        Case(status: 200, headers: [], body: #"{"errors":[{"message":"Internal error. Looks like something went wrong on our end.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#,
             code: "shopify_graphql_INTERNAL_SERVER_ERROR", failureClass: .transient(retryAfter: nil)),
        Case(status: 200, headers: [], body: "<html>maintenance</html>", code: "shopify_malformed_response", failureClass: .transient(retryAfter: nil)),
        Case(status: 200, headers: [], body: #"{"extensions":{}}"#, code: "shopify_malformed_response", failureClass: .transient(retryAfter: nil)),
        Case(status: 200, headers: [], body: #"{"data":{"shop":{"title":"wrong shape"}}}"#, code: "shopify_malformed_response", failureClass: .transient(retryAfter: nil)),
    ]

    @Test(arguments: cases)
    func classifiesOnce(_ testCase: Case) throws {
        var headers = HTTPHeaders()
        for (name, value) in testCase.headers { headers.add(name: name, value: value) }
        let error = try #require(classify(status: testCase.status, headers: headers, body: testCase.body))
        #expect(error.code == testCase.code)
        #expect(error.failureClass == testCase.failureClass)
        #expect(!error.message.contains(Self.token))
    }

    @Test func successfulAnswerDecodesDataAndCost() throws {
        let body = #"{"data":{"shop":{"name":"Acme"}},"extensions":{"cost":{"requestedQueryCost":1,"actualQueryCost":1,"throttleStatus":{"maximumAvailable":2000,"currentlyAvailable":1999,"restoreRate":100}}}}"#
        let exchange = try client.interpret(status: 200, headers: [:], body: Data(body.utf8))
        let answer = try client.decodeAnswer(exchange, of: ShopOnly())
        #expect(answer.data.shop.name == "Acme")
        #expect(answer.cost?.throttleStatus.currentlyAvailable == 1999)
    }

    @Test func userErrorsKeepCodesAndFields() {
        let error = ShopifyError.userErrors(
            [ShopifyUserError(code: "INVALID_INVENTORY_ITEM", field: ["input", "quantities", "0", "inventoryItemId"], message: "The specified inventory item could not be found.")],
            operation: "inventorySetQuantities")
        #expect(error.failureClass == .permanent)
        #expect(error.code == "shopify_user_error_INVALID_INVENTORY_ITEM")
        #expect(error.message.contains("input.quantities.0.inventoryItemId"))
        #expect(error.userErrors.first?.code == "INVALID_INVENTORY_ITEM")
    }

    @Test func aTokenEchoedByTheServerIsRedacted() throws {
        let error = try #require(classify(status: 400, body: "bad header X-Shopify-Access-Token: \(Self.token)"))
        #expect(error.code == "http_400")
        #expect(!error.message.contains(Self.token))
        #expect(error.message.contains("<redacted>"))
    }

    @Test func staleErrorsMapToTheirInputsByIndex() {
        let batch = (0..<3).map {
            ShopifyQuantitySet(inventoryItemId: "gid://shopify/InventoryItem/\($0)", locationId: "gid://shopify/Location/1", quantity: 5, changeFromQuantity: 1)
        }
        let stale = ShopifyAdminClient.staleQuantities(
            [ShopifyUserError(code: "CHANGE_FROM_QUANTITY_STALE", field: ["input", "quantities", "2", "changeFromQuantity"], message: "stale")],
            in: batch)
        #expect(stale.map(\.quantity) == [batch[2]])
        let unknownIndex = ShopifyAdminClient.staleQuantities(
            [ShopifyUserError(code: "CHANGE_FROM_QUANTITY_STALE", field: nil, message: "stale")], in: batch)
        #expect(unknownIndex.count == 3)
    }

    @Test func quantityWithoutCompareIsSentAsExplicitNull() throws {
        let json = String(decoding: try JSONEncoder().encode(
            ShopifyQuantitySet(inventoryItemId: "i", locationId: "l", quantity: 3, changeFromQuantity: nil)), as: UTF8.self)
        #expect(json.contains(#""changeFromQuantity":null"#))
    }
}

@Suite("Transport failures")
struct TransportFailureTests {
    let client = ShopifyAdminClient(
        connection: ShopifyConnection(
            shopDomain: "closed.myshopify.com", adminBaseURL: URL(string: "http://127.0.0.1:1/closed.myshopify.com"),
            accessToken: Secret("shpat_transport_secret")),
        configuration: .init(requestTimeout: .seconds(5)),
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))

    @Test func aRefusedConnectionIsTransient() async throws {
        let error = try await #require(throws: ShopifyError.self) { try await client.shop() }
        #expect(error.code == "shopify_connection_failed")
        #expect(error.failureClass == .transient(retryAfter: nil))
        #expect(!error.message.contains("shpat_transport_secret"))
    }

    @Test func timeoutsAreTransient() {
        for timeout in [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout] {
            let error = client.classifyTransport(timeout)
            #expect(error.code == "shopify_timeout")
            #expect(error.failureClass == .transient(retryAfter: nil))
        }
        #expect(client.classifyTransport(.remoteConnectionClosed).code == "shopify_connection_failed")
    }

    @Test func searchTermsAreQuotedOnlyWhenNeeded() {
        #expect(ShopifySearchSyntax.anyOf("sku", ["A-1", "B_2.x"]) == "sku:A-1 OR sku:B_2.x")
        #expect(ShopifySearchSyntax.value("RED SHIRT") == #""RED SHIRT""#)
        #expect(ShopifySearchSyntax.value(#"say "hi""#) == #""say \"hi\"""#)
        #expect(ShopifySearchSyntax.timestamp(Date(timeIntervalSince1970: 1_767_225_600)) == "2026-01-01T00:00:00Z")
    }

    @Test func batchesNeverExceedTheLimit() {
        let batches = Array(0..<601).batched(250)
        #expect(batches.map(\.count) == [250, 250, 101])
        #expect(batches.flatMap { $0 } == Array(0..<601))
    }
}
