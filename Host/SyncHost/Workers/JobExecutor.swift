import Foundation
import Logging
import PluginKit
import TenantStore

/// Runs one claimed job through its plugin and records the outcome in the tenant's queue,
/// renewing the lease while the plugin works so a long job is not mistaken for a crashed one.
struct JobExecutor: Sendable {
    let registry: PluginRegistry
    let logger: Logger

    /// What happened, for the scheduler's bookkeeping and metrics.
    enum Result: Sendable, Equatable {
        case completed
        case failed(FailureOutcome)
        /// The lease was lost meanwhile (rescued or cancelled): the outcome was not recorded.
        case leaseLost
        /// The host stopped and cut the job off: its lease and attempt were given back.
        case released
    }

    func run(_ job: Job, tenant: TenantRecord, database: TenantDatabase, services: TenantServices) async -> Result {
        var jobLogger = logger
        jobLogger[metadataKey: "tenant"] = "\(tenant.id)"
        jobLogger[metadataKey: "flow"] = "\(job.flow)"
        jobLogger[metadataKey: "job"] = "\(job.id)"
        guard let plugin = registry.plugin(id: job.flow) else {
            return await record(.permanent(code: "unknown_flow", message: "no plugin named '\(job.flow)' is installed"),
                                job: job, queue: database.jobs, logger: jobLogger)
        }
        let context = HostFlowContext(
            tenant: TenantProfile(tenant), settings: FlowSettings(given: services.flowSettings[job.flow] ?? [:], declared: plugin.descriptor.settings),
            logger: jobLogger, ledger: database.ledger, payloads: database.archive, services: services.byType)
        let pluginJob = PluginJob(id: job.id, kind: job.kind, attempt: job.attempt, maxAttempts: job.maxAttempts,
                                  payloadID: job.payloadID, arguments: job.arguments)

        let heartbeat = Task { [queue = database.jobs] in
            let interval = max(queue.leaseDuration / 3, .milliseconds(10))
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                try await queue.heartbeat(job)
            }
        }
        let outcome = await plugin.handle(pluginJob, context: context)
        heartbeat.cancel()
        // The outcome is written from a fresh task: the database refuses work from a cancelled
        // one, and a hard stop must still record what the plugin finished. Always, not only when
        // cancelled now: a stop can land while the outcome is being written.
        let cutOff = Task.isCancelled
        return await Task { await settle(outcome, job: job, queue: database.jobs, logger: jobLogger, cutOff: cutOff) }.value
    }

    private func settle(_ outcome: JobOutcome, job: Job, queue: JobQueue, logger jobLogger: Logger, cutOff: Bool) async -> Result {
        // Cut off by a stop: whatever the plugin saw was the cancellation, not the data, so the
        // job goes back as it was rather than spending an attempt. Work it finished still counts.
        if cutOff, !outcome.isDone {
            do {
                try await queue.release(job)
                jobLogger.info("job cut off by shutdown; lease released")
                return .released
            } catch {
                jobLogger.warning("job cut off by shutdown but its lease was lost", metadata: ["error": "\(error)"])
                return .leaseLost
            }
        }

        switch outcome {
        case .done(let note):
            do {
                try await queue.complete(job)
                jobLogger.debug("job done", metadata: note.map { ["note": "\($0)"] } ?? [:])
                return .completed
            } catch {
                jobLogger.warning("job finished but its lease was lost", metadata: ["error": "\(error)"])
                return .leaseLost
            }
        case .retry(let error):
            return await record(Self.failure(for: error), job: job, queue: queue, logger: jobLogger)
        case .dead(let code, let reason):
            return await record(.permanent(code: code, message: reason), job: job, queue: queue, logger: jobLogger)
        }
    }

    private func record(_ failure: JobFailure, job: Job, queue: JobQueue, logger: Logger) async -> Result {
        do {
            let outcome = try await queue.fail(job, failure)
            logger.notice("job failed", metadata: ["code": "\(failure.code)", "kind": "\(failure.kind.rawValue)"])
            return .failed(outcome)
        } catch {
            logger.warning("job failed but its lease was lost", metadata: ["error": "\(error)"])
            return .leaseLost
        }
    }

    /// The queue's view of a plugin's classified error. Refused credentials are retried with
    /// backoff rather than killing the job: an operator fixes the credentials, and the work
    /// then goes through without a replay.
    static func failure(for error: any ClassifiedError) -> JobFailure {
        switch error.failureClass {
        case .transient(let retryAfter):
            return .transient(code: error.code, message: error.message, retryAfter: retryAfter)
        case .rateLimited(let retryAfter):
            return .rateLimited(code: error.code, message: error.message, retryAfter: retryAfter)
        case .authentication:
            return .transient(code: error.code, message: error.message, retryAfter: nil)
        case .permanent:
            return .permanent(code: error.code, message: error.message)
        }
    }
}

extension JobOutcome {
    var isDone: Bool {
        if case .done = self { return true }
        return false
    }
}
