import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A tiny webhook receiver on 127.0.0.1: records every delivery and answers with the statuses
/// it is told to (then 200).
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let headers: [String: String]
        let body: Data
    }

    private let received = Mutex<[Delivery]>([])
    private let scriptedStatuses: Mutex<[Int]>
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let group = Mutex<ServiceGroup?>(nil)
    private let boundPort = Mutex<Int>(0)

    /// How long each request is held before it is answered.
    private let answerDelay: Duration

    init(failFirst statuses: [Int] = [], answerDelay: Duration = .zero) {
        scriptedStatuses = Mutex(statuses)
        self.answerDelay = answerDelay
    }

    var url: URL { URL(string: "http://127.0.0.1:\(boundPort.withLock { $0 })/hooks")! }
    var deliveries: [Delivery] { received.withLock { $0 } }

    func start() async throws {
        let router = Router()
        router.post("hooks") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            // Header names are case-insensitive: keep them lowercased.
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            received.withLock { $0.append(Delivery(headers: headers, body: Data(body.readableBytesView))) }
            if answerDelay > .zero { try? await Task.sleep(for: answerDelay) }
            let status = scriptedStatuses.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return Response(status: .init(code: status))
        }
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            })
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "test.receiver")))
        group.withLock { $0 = serviceGroup }
        task.withLock { $0 = Task { try await serviceGroup.run() } }
        for await port in started { boundPort.withLock { $0 = port } }
    }

    func stop() async {
        let running = task.withLock { $0 }
        await group.withLock { $0 }?.triggerGracefulShutdown()
        _ = try? await running?.value
    }

    /// Waits (bounded) until at least `count` deliveries arrived.
    func waitFor(_ count: Int, timeout: Duration = .seconds(10)) async -> [Delivery] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = deliveries
            if current.count >= count { return current }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return deliveries
    }
}
