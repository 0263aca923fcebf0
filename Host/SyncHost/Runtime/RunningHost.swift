import Logging
import ServiceLifecycle
import UnixSignals

/// A host started in the background of this process: the demo and the end-to-end tests run
/// one next to the sandboxes, where `synchost serve` would block in its service group instead.
public final class RunningHost: Sendable {
    public let assembly: HostAssembly
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    /// Runs `assembly`'s runtime and returns once its HTTP ingress listens.
    /// - Parameter signals: signals that stop the host gracefully (none in tests).
    public init(_ assembly: HostAssembly, signals: [UnixSignal] = [], logger: Logger) async throws {
        self.assembly = assembly
        let group = ServiceGroup(configuration: .init(services: [assembly.runtime], gracefulShutdownSignals: signals, logger: logger))
        self.group = group
        running = Task { try await group.run() }
        for _ in 0..<2_000 where assembly.httpServer.port == 0 { try await Task.sleep(for: .milliseconds(5)) }
        guard assembly.httpServer.port > 0 else {
            await stop()
            throw HostHTTPServerError(message: "the host did not start listening")
        }
    }

    /// Stops the host gracefully, as on SIGTERM, and returns once it has; safe to call twice.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        await assembly.shutdown()
    }
}
