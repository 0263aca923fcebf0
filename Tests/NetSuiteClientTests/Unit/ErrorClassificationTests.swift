import Foundation
import PluginKit
import Testing

@testable import NetSuite

@Suite("NetSuite error classification")
struct ErrorClassificationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let status: Int
        let retryAfter: String?
        let body: String
        let code: String
        let failureClass: FailureClass
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "429 concurrency limit with Retry-After", status: 429, retryAfter: "7",
            body: #"{"type":"https://www.rfc-editor.org/rfc/rfc6585#section-4","title":"Too Many Requests","status":429,"o:errorDetails":[{"detail":"Concurrent request limit exceeded. Request blocked.","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]}"#,
            code: "netsuite_CONCURRENCY_LIMIT_EXCEEDED", failureClass: .rateLimited(retryAfter: .seconds(7))
        ),
        Case(
            name: "429 without Retry-After or body", status: 429, retryAfter: nil, body: "",
            code: "netsuite_CONCURRENCY_LIMIT_EXCEEDED", failureClass: .rateLimited(retryAfter: .seconds(2))
        ),
        Case(
            name: "RESTlet SSS_REQUEST_LIMIT_EXCEEDED under 400", status: 400, retryAfter: nil,
            body: #"{"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED","message":"Request limit exceeded"}}"#,
            code: "netsuite_SSS_REQUEST_LIMIT_EXCEEDED", failureClass: .rateLimited(retryAfter: .seconds(2))
        ),
        Case(
            name: "401 INVALID_LOGIN", status: 401, retryAfter: nil,
            body: #"{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.","o:errorCode":"INVALID_LOGIN"}]}"#,
            code: "netsuite_INVALID_LOGIN", failureClass: .authentication
        ),
        Case(
            name: "403 missing permission", status: 403, retryAfter: nil,
            body: #"{"title":"Forbidden","status":403,"o:errorDetails":[{"detail":"Permission Violation: You need the 'Lists -> Items' permission to access this page.","o:errorCode":"INSUFFICIENT_PERMISSION"}]}"#,
            code: "netsuite_INSUFFICIENT_PERMISSION", failureClass: .authentication
        ),
        Case(
            name: "400 invalid reference", status: 400, retryAfter: nil,
            body: #"{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1","title":"Bad Request","status":400,"o:errorDetails":[{"detail":"Invalid value for the resource or sub-resource field 'item'. Provide a valid value.","o:errorPath":"item.items[0].item","o:errorCode":"INVALID_KEY_OR_REF"},{"detail":"Error while accessing a resource. You have entered an Invalid Field Value 99 for the following field: location","o:errorPath":"location","o:errorCode":"USER_ERROR"}]}"#,
            code: "netsuite_INVALID_KEY_OR_REF", failureClass: .permanent
        ),
        Case(
            name: "404 record not found", status: 404, retryAfter: nil,
            body: #"{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5","title":"Not Found","status":404,"o:errorDetails":[{"detail":"The record instance does not exist. Provide a valid record instance ID.","o:errorCode":"NONEXISTENT_ID"}]}"#,
            code: "netsuite_NONEXISTENT_ID", failureClass: .permanent
        ),
        Case(
            name: "400 without details", status: 400, retryAfter: nil, body: "<html>Bad Request</html>",
            code: "netsuite_http_400", failureClass: .permanent
        ),
        Case(
            name: "500 unexpected error", status: 500, retryAfter: nil,
            body: #"{"title":"Internal Server Error","status":500,"o:errorDetails":[{"detail":"An unexpected error occurred.","o:errorCode":"UNEXPECTED_ERROR"}]}"#,
            code: "netsuite_UNEXPECTED_ERROR", failureClass: .transient(retryAfter: nil)
        ),
        Case(
            name: "502 from a proxy, HTML body", status: 502, retryAfter: nil, body: "<html><body>Bad Gateway</body></html>",
            code: "netsuite_http_502", failureClass: .transient(retryAfter: nil)
        ),
        Case(
            name: "503 maintenance with Retry-After", status: 503, retryAfter: "120",
            body: "<html>NetSuite is undergoing scheduled maintenance</html>",
            code: "netsuite_http_503", failureClass: .transient(retryAfter: .seconds(120))
        ),
        Case(
            name: "408 request timeout", status: 408, retryAfter: nil, body: "",
            code: "netsuite_http_408", failureClass: .transient(retryAfter: nil)
        ),
    ]

    @Test(arguments: cases)
    func classifies(_ testCase: Case) {
        let error = NetSuiteError.classify(
            status: testCase.status, retryAfter: testCase.retryAfter, body: Data(testCase.body.utf8),
            defaultRateLimitDelay: .seconds(2)
        )
        #expect(error.code == testCase.code)
        #expect(error.failureClass == testCase.failureClass)
        #expect(error.httpStatus == testCase.status)
    }

    @Test func permanentErrorsCarryEveryDetail() {
        let body = Self.cases.first { $0.name == "400 invalid reference" }?.body ?? ""
        let error = NetSuiteError.classify(status: 400, retryAfter: nil, body: Data(body.utf8))
        #expect(error.details.count == 2)
        #expect(error.netSuiteErrorCode == "INVALID_KEY_OR_REF")
        #expect(error.errorPaths == ["item.items[0].item", "location"])
        #expect(error.details[1].errorCode == "USER_ERROR")
        #expect(error.message.contains("item.items[0].item") && error.message.contains("Invalid Field Value 99"))
        #expect(error.description.hasPrefix("netsuite_INVALID_KEY_OR_REF: NetSuite answered HTTP 400 Bad Request"))
    }

    @Test func retryAfterAsHTTPDate() throws {
        let now = Date(timeIntervalSince1970: 1_784_000_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: now.addingTimeInterval(30))
        #expect(NetSuiteError.parseRetryAfter(header, now: now) == .seconds(30))
        #expect(NetSuiteError.parseRetryAfter("1.5", now: now) == .milliseconds(1500))
        #expect(NetSuiteError.parseRetryAfter("soon", now: now) == nil)
        #expect(NetSuiteError.parseRetryAfter("-3", now: now) == nil)
    }

    @Test func codesAreMetricSafe() {
        let error = NetSuiteError.classify(status: 400, retryAfter: nil, body: Data(#"{"o:errorDetails":[{"o:errorCode":"weird code/with spaces"}]}"#.utf8))
        #expect(error.code == "netsuite_weird_code_with_spaces")
        #expect(error.failureClass == .permanent)
    }

    @Test func undecodableSuccessIsTransient() {
        let response = NetSuiteResponse(status: 200, headers: [:], body: Data("<html>oops".utf8))
        #expect {
            try response.json(operation: "record.get.customer")
        } throws: { error in
            guard let error = error as? NetSuiteError else { return false }
            return error.code == "netsuite_undecodable_response" && error.failureClass == .transient(retryAfter: nil)
        }
    }

    @Test func tokenEndpointRefusalIsAuthentication() {
        let response = NetSuiteResponse(status: 400, headers: [:], body: Data(#"{"error":"invalid_client"}"#.utf8))
        let error = AccessTokenMinter.classifyTokenFailure(response, configuration: .init())
        #expect(error.code == "netsuite_oauth_invalid_client")
        #expect(error.failureClass == .authentication)
    }

    @Test func tokenLifetimeAsStringOrNumber() throws {
        let minted = Duration.seconds(1_000)
        for body in [#"{"access_token":"abc","expires_in":"3600","token_type":"Bearer"}"#, #"{"access_token":"abc","expires_in":3600}"#] {
            let token = try AccessTokenMinter.decodeToken(NetSuiteResponse(status: 200, headers: [:], body: Data(body.utf8)), mintedAt: minted)
            #expect(token.expiresAt == .seconds(4_600))
            #expect(token.value.exposedValue == "abc")
        }
        #expect(throws: NetSuiteError.self) {
            try AccessTokenMinter.decodeToken(NetSuiteResponse(status: 200, headers: [:], body: Data(#"{"access_token":"abc"}"#.utf8)), mintedAt: minted)
        }
    }
}
