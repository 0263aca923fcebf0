import Foundation

/// A request as the sandbox's services see it: decoded, independent of Hummingbird.
struct SandboxRequest: Sendable {
    let method: String
    /// Path segments after the account id, percent-decoded.
    let segments: [String]
    /// The raw path as received (for the TBA base string).
    let rawPath: String
    let query: [(name: String, value: String)]
    let headers: [String: String]
    let body: [UInt8]

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// An answer: a status, headers and an optional JSON body.
struct SandboxResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: SandboxJSON?

    static func json(_ body: SandboxJSON, status: Int = 200) -> SandboxResponse {
        SandboxResponse(status: status, body: body)
    }

    static func noContent(location: String? = nil) -> SandboxResponse {
        SandboxResponse(status: 204, headers: location.map { [("Location", $0)] } ?? [])
    }
}

/// NetSuite's REST error document (RFC 9457 problem details with `o:errorDetails`).
enum NetSuiteError {
    static let invalidLoginDetail = "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail."

    static func response(
        status: Int, detail: String, code: String, path: String? = nil, headers: [(String, String)] = []
    ) -> SandboxResponse {
        var errorDetail: [String: SandboxJSON] = ["detail": .string(detail), "o:errorCode": .string(code)]
        if let path { errorDetail["o:errorPath"] = .string(path) }
        let body: SandboxJSON = [
            "type": .string(typeURL(status)), "title": .string(title(status)), "status": .number(Decimal(status)),
            "o:errorDetails": [.object(errorDetail)],
        ]
        return SandboxResponse(status: status, headers: headers, body: body)
    }

    static func badRequest(_ detail: String, code: String = "USER_ERROR", path: String? = nil) -> SandboxResponse {
        response(status: 400, detail: detail, code: code, path: path)
    }

    static var invalidLogin: SandboxResponse { response(status: 401, detail: invalidLoginDetail, code: "INVALID_LOGIN") }

    static var concurrencyLimitExceeded: SandboxResponse {
        response(status: 429, detail: "Concurrent request limit exceeded. Request blocked.", code: "CONCURRENCY_LIMIT_EXCEEDED")
    }

    static var nonexistentRecord: SandboxResponse {
        response(status: 404, detail: "The record instance does not exist. Provide a valid record instance ID.", code: "NONEXISTENT_ID")
    }

    static func notFound(_ detail: String) -> SandboxResponse {
        response(status: 404, detail: detail, code: "NONEXISTENT_ID")
    }

    static func typeURL(_ status: Int) -> String {
        switch status {
        case 400: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1"
        case 401: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2"
        case 404: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5"
        case 405: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.6"
        case 413: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.14"
        case 429: "https://www.rfc-editor.org/rfc/rfc6585.html#section-4"
        case 502: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.3"
        case 503: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.4"
        case 504: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.5"
        default: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1"
        }
    }

    static func title(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Internal Server Error"
        }
    }
}
