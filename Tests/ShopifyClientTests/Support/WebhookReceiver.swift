import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A minimal HTTP endpoint on 127.0.0.1 (ephemeral port) that records every POST it gets
/// (headers and raw body) and answers 200: where the sandbox delivers webhooks in tests.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let headers: [(String, String)]
        let body: Data
    }

    private let received = Mutex<[Delivery]>([])
    private let channel: Mutex<(any Channel)?> = Mutex(nil)

    var deliveries: [Delivery] { received.withLock { $0 } }

    /// Binds and returns the URL to subscribe.
    func start() async throws -> URL {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RecordingHandler(receiver: self))
                }
            }
        let bound = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        channel.withLock { $0 = bound }
        let port = bound.localAddress?.port ?? 0
        return URL(string: "http://127.0.0.1:\(port)/webhooks/shopify") ?? URL(fileURLWithPath: "/")
    }

    func stop() async {
        let bound = channel.withLock { current -> (any Channel)? in
            defer { current = nil }
            return current
        }
        try? await bound?.close()
    }

    /// Waits (bounded) until `count` deliveries arrived.
    func waitForDeliveries(_ count: Int, timeout: Duration = .seconds(5)) async throws -> [Delivery] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = deliveries
            if current.count >= count { return current }
            try await Task.sleep(for: .milliseconds(10))
        }
        return deliveries
    }

    fileprivate func record(_ delivery: Delivery) {
        received.withLock { $0.append(delivery) }
    }
}

private final class RecordingHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let receiver: WebhookReceiver
    private var head: HTTPRequestHead?
    private var body = Data()

    init(receiver: WebhookReceiver) { self.receiver = receiver }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = Data()
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            let headers = head.map { $0.headers.map { ($0.name, $0.value) } } ?? []
            receiver.record(WebhookReceiver.Delivery(headers: headers, body: body))
            var responseHeaders = HTTPHeaders()
            responseHeaders.add(name: "Content-Length", value: "0")
            let responseHead = HTTPResponseHead(version: .http1_1, status: .ok, headers: responseHeaders)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

/// Runs `body` with a started receiver and always stops it.
func withWebhookReceiver<T>(_ body: (WebhookReceiver, URL) async throws -> T) async throws -> T {
    let receiver = WebhookReceiver()
    let url = try await receiver.start()
    do {
        let result = try await body(receiver, url)
        await receiver.stop()
        return result
    } catch {
        await receiver.stop()
        throw error
    }
}
