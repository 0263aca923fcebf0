import Foundation
import Hummingbird
import Logging
import Synchronization

/// A webhook receiver on 127.0.0.1 that keeps every delivery's topic and body, in arrival
/// order: the orders the simulator plays come back as the REST payloads Shopify sends.
final class OrderWebhookCapture: Sendable {
    struct Delivery: Sendable {
        let topic: String
        let body: Data
    }

    private let received = Mutex<[Delivery]>([])
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let boundPort = Mutex<Int>(0)

    var url: URL { URL(string: "http://127.0.0.1:\(boundPort.withLock { $0 })/hooks")! }
    var deliveries: [Delivery] { received.withLock { $0 } }

    func start() async throws {
        let router = Router()
        router.post("hooks") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 4 << 20)
            let topic = request.headers.first { $0.name.canonicalName.lowercased() == "x-shopify-topic" }?.value ?? ""
            received.withLock { $0.append(Delivery(topic: topic, body: Data(body.readableBytesView))) }
            return Response(status: .ok)
        }
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "test.orders.capture", factory: { _ in SwiftLogNoOpLogHandler() }))
        task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        for await port in started { boundPort.withLock { $0 = port } }
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = try? await running?.value
    }

    /// Waits (bounded, generous for a loaded machine) until `isComplete` holds for the deliveries.
    func wait(timeout: Duration = .seconds(60), until isComplete: ([Delivery]) -> Bool) async -> [Delivery] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = deliveries
            if isComplete(current) { return current }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return deliveries
    }
}
