import Foundation
import Logging
import ServiceLifecycle
import TenantStore

/// The running host as one swift-service-lifecycle `Service`: the HTTP ingress, the job
/// scheduler and the housekeeping loop, started together and stopped in the order that
/// loses nothing.
///
/// On a graceful shutdown (SIGTERM or SIGINT through the `ServiceGroup`):
/// 1. the HTTP server stops accepting; webhooks already answered 200 are durable, the rest
///    are retried by Shopify;
/// 2. the scheduler stops claiming, lets jobs in flight finish up to its deadline, and gives
///    the leases of the jobs it cuts off back to their queues;
/// 3. housekeeping stops and every tenant database is closed.
public struct HostRuntime: Service {
    private let scheduler: JobScheduler
    private let maintenance: HostMaintenance
    private let httpServer: HostHTTPServer?
    private let pool: TenantPool
    private let logger: Logger

    /// `httpServer` is optional so a worker-only host (or a test) can run without ingress.
    public init(scheduler: JobScheduler, maintenance: HostMaintenance, httpServer: HostHTTPServer?, pool: TenantPool,
                logger: Logger = Logger(label: "synchost.runtime")) {
        self.scheduler = scheduler
        self.maintenance = maintenance
        self.httpServer = httpServer
        self.pool = pool
        self.logger = logger
    }

    public func run() async throws {
        if let httpServer {
            try await httpServer.start()
            logger.info("listening", metadata: ["url": "\(httpServer.baseURL)"])
        }
        let scheduler = self.scheduler
        let maintenance = self.maintenance
        let housekeeping = Task { await maintenance.run() }
        // The scheduler's own stop is graceful (drain up to a deadline); cancellation of this
        // task (a hard stop) reaches it too and cuts jobs off at once.
        await withGracefulShutdownHandler {
            await scheduler.run()
        } onGracefulShutdown: { [httpServer] in
            Task {
                await httpServer?.stop()
                await scheduler.stop()
            }
        }
        housekeeping.cancel()
        await housekeeping.value
        await httpServer?.stop()
        await pool.closeAll()
        let cutOff = await scheduler.releasedOnStop
        logger.info("stopped", metadata: ["jobsCutOff": "\(cutOff)"])
    }
}
