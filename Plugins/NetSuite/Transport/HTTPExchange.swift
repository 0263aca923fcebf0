import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PluginKit

/// One request/response exchange over AsyncHTTPClient, with every transport failure
/// mapped to a classified ``NetSuiteError``. Non-2xx statuses are returned, not thrown.
enum HTTPExchange {
    static func execute(
        _ request: HTTPClientRequest,
        client: HTTPClient,
        configuration: NetSuiteClientConfiguration,
        operation: String
    ) async throws -> NetSuiteResponse {
        let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.timeInterval * 1e9))
        do {
            let response = try await client.execute(request, deadline: .now() + timeout)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
            return NetSuiteResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch let error as NetSuiteError {
            throw error
        } catch {
            throw classifyTransportFailure(error, operation: operation, configuration: configuration)
        }
    }

    /// Timeouts, refused or reset connections and cancellation are transient; a request we
    /// could not even form is permanent.
    static func classifyTransportFailure(_ error: any Error, operation: String, configuration: NetSuiteClientConfiguration) -> NetSuiteError {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout:
                return NetSuiteError(code: "netsuite_timeout", failureClass: .transient(retryAfter: nil), message: "\(operation): no answer from NetSuite in time (\(error.shortDescription))")
            case .invalidURL, .emptyHost, .emptyScheme:
                return NetSuiteError(code: "netsuite_invalid_url", failureClass: .permanent, message: "\(operation): the request URL is invalid (\(error.shortDescription))")
            case .cancelled:
                return NetSuiteError(code: "netsuite_cancelled", failureClass: .transient(retryAfter: nil), message: "\(operation): the request was cancelled")
            default:
                return NetSuiteError(code: "netsuite_connection_failed", failureClass: .transient(retryAfter: nil), message: "\(operation): \(error.shortDescription)")
            }
        }
        if error is NIOTooManyBytesError {
            return NetSuiteError(code: "netsuite_response_too_large", failureClass: .transient(retryAfter: nil), message: "\(operation): the answer exceeds \(configuration.maxResponseBytes) bytes")
        }
        if error is CancellationError {
            return NetSuiteError(code: "netsuite_cancelled", failureClass: .transient(retryAfter: nil), message: "\(operation): the request was cancelled")
        }
        // Connection refused, reset, DNS: the type name is enough and carries no request data.
        return NetSuiteError(code: "netsuite_connection_failed", failureClass: .transient(retryAfter: nil), message: "\(operation): cannot reach NetSuite (\(String(describing: type(of: error))): \(String(String(describing: error).prefix(200))))")
    }
}
