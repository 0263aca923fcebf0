import Foundation
import PluginKit

/// One HTTP request to a NetSuite account, relative to its REST base URL.
///
/// Requests are plain values so that a governor can wrap ``NetSuiteRequestSending`` and
/// see every call (one request = one `send`) before it reaches the wire.
public struct NetSuiteRequest: Sendable {
    /// The HTTP methods NetSuite's REST services use.
    public enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    /// The HTTP method.
    public var method: Method
    /// The path below the REST base URL, starting with `/services/rest/`. Already
    /// percent-encoded where needed (record types and ids are validated to need nothing).
    public var path: String
    /// Query parameters in order, unencoded; encoded with RFC 3986 when sent and signed.
    public var query: [(name: String, value: String)]
    /// Extra headers (`Prefer: transient`); `Authorization` is added by the sender.
    public var headers: [(name: String, value: String)]
    /// The JSON body, if any.
    public var body: JSONValue?
    /// A short name for logs and metrics, such as `record.upsert.salesOrder`.
    public var operation: String

    /// A request; `operation` names it in logs (`record.get.customer`).
    public init(
        method: Method,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [],
        body: JSONValue? = nil,
        operation: String
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.operation = operation
    }

    /// The full URL below `baseURL`, with the query encoded as OAuth signs it.
    public func url(relativeTo baseURL: URL) -> URL? {
        var text = baseURL.absoluteString + path
        if !query.isEmpty {
            text += "?" + query.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
        }
        return URL(string: text)
    }
}

/// A 2xx answer from NetSuite.
public struct NetSuiteResponse: Sendable {
    /// The HTTP status (200, 201 or 204).
    public var status: Int
    /// The response headers, names lower-cased.
    public var headers: [String: String]
    /// The raw body; empty for 204.
    public var body: Data

    /// An answer; `headers` names must already be lower-cased.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as JSON; a body that is not JSON is a transient
    /// `netsuite_undecodable_response` (NetSuite answered, but not with what its API promises).
    public func json(operation: String) throws -> JSONValue {
        do {
            return try JSONValue(data: body)
        } catch {
            throw NetSuiteError(
                code: "netsuite_undecodable_response",
                failureClass: .transient(retryAfter: nil),
                message: "\(operation): NetSuite answered HTTP \(status) with a body that is not JSON (\(body.count) bytes)",
                httpStatus: status
            )
        }
    }
}

/// The single path every NetSuite call takes: one request in, one 2xx answer out, or a
/// thrown ``NetSuiteError``.
///
/// ``NetSuiteHTTPSender`` is the implementation on the wire. A host-side governor (the
/// account's shared concurrency limit) implements this protocol by wrapping another sender:
///
/// ```swift
/// struct Governed: NetSuiteRequestSending {
///     let inner: any NetSuiteRequestSending
///     let permits: AccountPermits
///     func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse {
///         try await permits.withPermit { try await inner.send(request) }
///     }
/// }
/// let client = NetSuiteClient(sender: Governed(inner: NetSuiteHTTPSender(...), permits: permits))
/// ```
public protocol NetSuiteRequestSending: Sendable {
    /// Sends one request. Throws ``NetSuiteError`` for every failure, classified.
    func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse
}
