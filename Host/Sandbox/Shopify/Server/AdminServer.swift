import Foundation
import GraphQL
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The HTTP side: `POST /{shop}/admin/api/{version}/graphql.json` on 127.0.0.1.
final class AdminServer: Sendable {
    private let lookup: @Sendable (String) -> ShopHandle?
    private let engine: AdminGraphQLEngine
    private let maximumBodySize: Int
    private let boundPort = Mutex<Int?>(nil)
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let group = Mutex<ServiceGroup?>(nil)

    init(sandbox: ShopifySandbox, engine: AdminGraphQLEngine) {
        self.lookup = { [weak sandbox] domain in sandbox?.shops.withLock { $0[domain] } }
        self.engine = engine
        self.maximumBodySize = sandbox.configuration.maximumBodySize
    }

    /// The bound port, once listening.
    var port: Int? { boundPort.withLock { $0 } }

    /// Binds and starts serving; returns once the socket listens, throws if it cannot bind.
    func start(port: Int) async throws {
        let router = Router()
        router.post("{shop}/admin/api/{version}/graphql.json") { [self] request, context in
            try await self.handle(request, context: context)
        }
        // Bulk operation results, like Shopify's signed storage URLs: readable without a token.
        router.get("bulk/{shop}/{file}") { [self] _, context in
            self.bulkFile(shop: context.parameters.get("shop") ?? "", file: context.parameters.get("file") ?? "")
        }
        var logger = Logger(label: "synchost.sandbox.shopify.http")
        logger.logLevel = .warning
        let (started, continuation) = AsyncStream<Int?>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port)
                continuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        group.withLock { $0 = serviceGroup }
        let running = Task {
            do {
                try await serviceGroup.run()
            } catch {
                continuation.finish()
                throw error
            }
            continuation.finish()
        }
        task.withLock { $0 = running }
        var iterator = started.makeAsyncIterator()
        guard let bound = await iterator.next(), let bound else {
            _ = try await running.value
            throw ShopifySandboxError(.notStarted, "the sandbox server could not bind 127.0.0.1:\(port)")
        }
        boundPort.withLock { $0 = bound }
    }

    /// Stops serving.
    func stop() async {
        guard let running = task.withLock({ current -> Task<Void, any Error>? in
            defer { current = nil }
            return current
        }) else { return }
        // A graceful shutdown lets open connections finish; cancellation is the fallback.
        if let serviceGroup = group.withLock({ $0 }) {
            await serviceGroup.triggerGracefulShutdown()
        } else {
            running.cancel()
        }
        _ = try? await running.value
    }

    private func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let domain = context.parameters.get("shop") ?? ""
        let version = context.parameters.get("version") ?? ""
        guard let shop = lookup(domain) else { return Self.json(.notFound, #"{"errors":"Not Found"}"#) }
        shop.counters.withLock { $0.requestsServed += 1 }
        guard AdminAPIVersion.supported.contains(version) else { return Self.json(.notFound, #"{"errors":"Not Found"}"#) }
        let token = request.headers.first { $0.name.canonicalName == "x-shopify-access-token" }?.value
        guard let token, Self.constantTimeEqual(token, shop.accessToken) else {
            return Self.json(.unauthorized, #"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodySize)
        } catch {
            return Self.json(.contentTooLarge, #"{"errors":"Request body too large"}"#)
        }
        let bytes = Data(buffer.readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        let body: GraphQLRequestBody
        if contentType.hasPrefix("application/graphql") {
            body = GraphQLRequestBody(query: String(decoding: bytes, as: UTF8.self), variables: nil, operationName: nil)
        } else if let decoded = try? JSONDecoder().decode(GraphQLRequestBody.self, from: bytes) {
            body = decoded
        } else {
            return Self.json(.badRequest, #"{"errors":{"query":"Required parameter missing or invalid"}}"#)
        }
        let answer = await engine.respond(
            shop: shop, query: body.query, variables: body.variables ?? [:], operationName: body.operationName)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer)))
    }

    private func bulkFile(shop domain: String, file: String) -> Response {
        guard let shop = lookup(domain), file.hasSuffix(".jsonl"), let id = Int64(file.dropLast(".jsonl".count)),
            let contents = shop.state.withLock({ $0.bulkFiles[id] })
        else { return Self.json(.notFound, #"{"errors":"Not Found"}"#) }
        return Response(
            status: .ok, headers: [.contentType: "application/jsonl"], body: .init(byteBuffer: ByteBuffer(bytes: contents)))
    }

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Token comparison that does not stop at the first differing byte.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<min(left.count, right.count) { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// A GraphQL POST body: `query` is required, `variables` must be an object when present.
struct GraphQLRequestBody: Decodable {
    let query: String
    let variables: [String: Map]?
    let operationName: String?
}
