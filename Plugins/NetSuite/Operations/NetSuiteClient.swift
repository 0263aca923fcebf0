import AsyncHTTPClient
import Foundation
import Logging
import PluginKit

/// The NetSuite REST client the flow plugins use: record operations and SuiteQL over one
/// ``NetSuiteRequestSending`` path.
///
/// ```swift
/// let client = NetSuiteClient(connection: connection, logger: logger)
/// let orderID = try await client.upsert("salesOrder", externalID: ExternalID("shopify-order-1001"), record: order.json)
/// let rows = try await client.suiteQLAll("SELECT id, itemid FROM item WHERE itemid = 'SKU-1'", maximumRows: 1000)
/// ```
///
/// Every method throws ``NetSuiteError`` only.
public struct NetSuiteClient: Sendable {
    /// The path every request takes; a governor can wrap it.
    public let sender: any NetSuiteRequestSending

    /// A client over any sender (for example a governed one).
    public init(sender: any NetSuiteRequestSending) {
        self.sender = sender
    }

    /// A client that talks to `connection` directly over HTTP.
    public init(
        connection: NetSuiteConnection,
        httpClient: HTTPClient = .shared,
        configuration: NetSuiteClientConfiguration = .init(),
        logger: Logger = Logger(label: "synchost.netsuite")
    ) {
        self.init(sender: NetSuiteHTTPSender(connection: connection, httpClient: httpClient, configuration: configuration, logger: logger))
    }

    static let recordPath = "/services/rest/record/v1"

    /// Sends one request through ``sender``, mapping anything that is not already a
    /// ``NetSuiteError`` (a wrapper's own failure) to a transient one.
    func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse {
        do {
            return try await sender.send(request)
        } catch let error as NetSuiteError {
            throw error
        } catch is CancellationError {
            throw NetSuiteError(code: "netsuite_cancelled", failureClass: .transient(retryAfter: nil), message: "\(request.operation): the request was cancelled")
        } catch let error as any ClassifiedError {
            throw NetSuiteError(code: error.code, failureClass: error.failureClass, message: "\(request.operation): \(error.message)")
        } catch {
            throw NetSuiteError(code: "netsuite_send_failed", failureClass: .transient(retryAfter: nil), message: "\(request.operation): \(String(describing: type(of: error)))")
        }
    }

    /// The internal id at the end of a `Location` header (`.../salesOrder/123` -> `123`).
    static func internalID(fromLocation response: NetSuiteResponse, operation: String) throws -> String {
        guard let location = response.header("location"),
              let last = location.split(separator: "/").last,
              let id = try? PathSegment.internalID(String(last))
        else {
            throw NetSuiteError(
                code: "netsuite_undecodable_response", failureClass: .transient(retryAfter: nil),
                message: "\(operation): NetSuite answered HTTP \(response.status) without a Location naming the record's internal id",
                httpStatus: response.status
            )
        }
        return id
    }
}
