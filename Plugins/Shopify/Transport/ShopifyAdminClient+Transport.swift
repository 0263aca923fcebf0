import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PluginKit

/// A GraphQL answer with status 200 whose head (errors, cost) has been read.
struct GraphQLExchange: Sendable {
    let head: GraphQLEnvelopeHead
    let body: Data
}

extension ShopifyAdminClient {
    /// One HTTP exchange: posts the operation, maps every transport failure and non-200
    /// status to a classified error, and reads the envelope's head.
    func post<Operation: ShopifyOperation>(_ operation: Operation) async throws -> GraphQLExchange {
        let payload: Data
        do {
            payload = try JSONEncoder().encode(GraphQLRequestBody(query: operation.document, variables: operation.variables))
        } catch {
            throw ShopifyError.invalidRequest("the variables of \(Operation.name) could not be encoded")
        }
        let url = connection.graphQLURL
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw ShopifyError.invalidRequest("'\(connection.shopDomain)' does not give an HTTP(S) Admin API URL")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "X-Shopify-Access-Token", value: connection.accessToken.exposedValue)
        request.body = .bytes(ByteBuffer(bytes: payload))

        let status: Int
        let headers: HTTPHeaders
        let body: Data
        do {
            let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.seconds * 1e9))
            let response = try await httpClient.execute(request, timeout: timeout)
            status = Int(response.status.code)
            headers = response.headers
            let buffer = try await response.body.collect(upTo: configuration.maximumResponseBytes)
            body = Data(buffer.readableBytesView)
        } catch let error as HTTPClientError {
            throw classifyTransport(error)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ShopifyError.connection(detail: redact(String(describing: error)))
        }
        return try interpret(status: status, headers: headers, body: body)
    }

    /// Maps a status and body to a readable exchange or a classified error.
    func interpret(status: Int, headers: HTTPHeaders, body: Data) throws -> GraphQLExchange {
        switch status {
        case 200..<300:
            break
        case 401, 403:
            throw ShopifyError.authentication(status: status)
        case 429:
            throw ShopifyError.httpRateLimited(retryAfter: Self.retryAfter(headers))
        case 500...:
            throw ShopifyError.server(status: status, retryAfter: Self.retryAfter(headers))
        default:
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            throw ShopifyError.clientStatus(status: status, detail: redact(text))
        }
        let head: GraphQLEnvelopeHead
        do {
            head = try JSONDecoder().decode(GraphQLEnvelopeHead.self, from: body)
        } catch {
            throw ShopifyError.malformedResponse(detail: "the body is not a GraphQL JSON object")
        }
        return GraphQLExchange(head: head, body: body)
    }

    /// Turns an exchange into the decoded `data`, or the classified GraphQL error it carries.
    func decodeAnswer<Operation: ShopifyOperation>(_ exchange: GraphQLExchange, of operation: Operation) throws -> ShopifyAnswer<Operation.Result> {
        if let errors = exchange.head.errors, !errors.isEmpty {
            let redacted = errors.map { ShopifyGraphQLError(message: redact($0.message), code: $0.code, path: $0.path) }
            throw ShopifyError.graphQL(redacted, cost: exchange.head.cost)
        }
        guard exchange.head.hasData else {
            throw ShopifyError.malformedResponse(detail: "the answer has neither data nor errors")
        }
        do {
            let envelope = try ShopifyDates.makeDecoder().decode(GraphQLEnvelopeData<Operation.Result>.self, from: exchange.body)
            return ShopifyAnswer(data: envelope.data, cost: exchange.head.cost)
        } catch let error as DecodingError {
            throw ShopifyError.malformedResponse(detail: "\(Operation.name): \(Self.describe(error))")
        }
    }

    func classifyTransport(_ error: HTTPClientError) -> ShopifyError {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
            return .timeout(after: configuration.requestTimeout)
        default:
            return .connection(detail: redact(error.description))
        }
    }

    /// Belt and braces: whatever text came from elsewhere, the token never leaves.
    func redact(_ text: String) -> String {
        let token = connection.accessToken.exposedValue
        guard !token.isEmpty else { return text }
        return text.replacingOccurrences(of: token, with: "<redacted>")
    }

    /// `Retry-After` in seconds (Shopify sends a number, sometimes with a fraction).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let value = headers.first(name: "Retry-After"), let seconds = Double(value.trimmingCharacters(in: .whitespaces)),
              seconds.isFinite, seconds >= 0
        else { return nil }
        return .seconds(clamping: seconds)
    }

    /// A short description of a decoding failure: the path and the kind, never the values.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
        case .valueNotFound(_, let context): return "null at \(path(context))"
        case .typeMismatch(_, let context): return "unexpected type at \(path(context))"
        case .dataCorrupted(let context): return "invalid value at \(path(context)): \(context.debugDescription)"
        @unknown default: return "undecodable answer"
        }
    }
}
