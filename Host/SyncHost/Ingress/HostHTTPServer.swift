import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TenantStore

/// The host's HTTP surface: Shopify webhooks, NetSuite pushed events and the health probe.
public enum HostRoutes {
    /// Adds the host's routes to `router`; without a NetSuite ingress, pushed events get 404.
    public static func install(on router: Router<BasicRequestContext>, shopifyIngress: ShopifyWebhookIngress,
                               netsuiteIngress: NetSuiteEventIngress?) {
        router.get("health") { _, _ in "ok" }
        router.post("webhooks/shopify") { request, _ -> Response in
            await withCollectedBody(request, limit: shopifyIngress.configuration.maximumBodySize) { headers, body in
                await shopifyIngress.handle(headers: headers, body: body)
            }
        }
        guard let netsuiteIngress else { return }
        router.post("netsuite/events/:tenant") { request, context -> Response in
            let tenant = context.parameters.get("tenant") ?? ""
            return await withCollectedBody(request, limit: netsuiteIngress.configuration.maximumBodySize) { headers, body in
                await netsuiteIngress.handle(tenant: tenant, headers: headers, body: body)
            }
        }
    }

    /// Reads the whole body up to `limit` (413 beyond it, before anything else looks at it)
    /// and hands it to an ingress with the headers.
    private static func withCollectedBody(
        _ request: Request, limit: Int, _ handle: ([(String, String)], Data) async -> IngressResponse
    ) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            return textResponse(IngressResponse(status: 413, message: "body larger than \(limit) bytes"))
        } catch {
            return textResponse(IngressResponse(status: 400, message: "the body could not be read"))
        }
        let headers = request.headers.map { ($0.name.canonicalName, $0.value) }
        return textResponse(await handle(headers, Data(body.readableBytesView)))
    }

    static func textResponse(_ answer: IngressResponse) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.message + "\n")))
    }
}

/// The host's HTTP server on its own, for `synchost serve`, the demo and tests: binds,
/// reports the port it got, and stops gracefully.
public final class HostHTTPServer: Sendable {
    private let shopifyIngress: ShopifyWebhookIngress
    private let netsuiteIngress: NetSuiteEventIngress?
    private let host: String
    private let requestedPort: Int
    private let logger: Logger
    private let state = Mutex<(group: ServiceGroup?, task: Task<Void, any Error>?, port: Int)>((nil, nil, 0))

    /// `netsuiteIngress` nil serves Shopify webhooks only (pushed events get 404).
    public init(shopifyIngress: ShopifyWebhookIngress, netsuiteIngress: NetSuiteEventIngress? = nil, host: String = "127.0.0.1", port: Int = 0,
                logger: Logger = Logger(label: "synchost.http")) {
        self.shopifyIngress = shopifyIngress
        self.netsuiteIngress = netsuiteIngress
        self.host = host
        self.requestedPort = port
        self.logger = logger
    }

    /// A server for both ingresses of `ingresses`.
    public convenience init(ingresses: HostIngresses, host: String = "127.0.0.1", port: Int = 0,
                            logger: Logger = Logger(label: "synchost.http")) {
        self.init(shopifyIngress: ingresses.shopify, netsuiteIngress: ingresses.netsuite, host: host, port: port, logger: logger)
    }

    /// Both ingresses built from the catalog, pool and registry; see ``HostIngresses``.
    public static func ingresses(catalog: TenantCatalog, pool: TenantPool, registry: PluginRegistry,
                                 configuration: HostIngresses.Configuration = .init(),
                                 onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void) -> HostIngresses {
        HostIngresses(catalog: catalog, pool: pool, registry: registry, configuration: configuration, onJobsEnqueued: onJobsEnqueued)
    }

    /// The port the server listens on (after ``start()``).
    public var port: Int { state.withLock { $0.port } }

    /// `http://host:port`, after ``start()``.
    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }

    /// Starts serving and returns once the socket is bound.
    public func start() async throws {
        let router = Router()
        HostRoutes.install(on: router, shopifyIngress: shopifyIngress, netsuiteIngress: netsuiteIngress)
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: requestedPort)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        // Finishing the stream when the group ends also ends the wait below if binding failed.
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        state.withLock { $0.group = group; $0.task = task }
        var boundPort = 0
        for await port in bound { boundPort = port }
        guard boundPort > 0 else {
            _ = try? await task.value
            throw HostHTTPServerError(message: "could not listen on \(host):\(requestedPort)")
        }
        state.withLock { $0.port = boundPort }
    }

    /// Stops accepting, lets requests in flight finish, and returns when the server is down.
    /// A second call waits for the same stop instead of asking the server twice.
    public func stop() async {
        let (group, task) = state.withLock { state in
            defer { state.group = nil }
            return (state.group, state.task)
        }
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
    }
}

/// The HTTP server could not start.
public struct HostHTTPServerError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
