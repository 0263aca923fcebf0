import Foundation
import TenantStore

/// A delivery that ingress accepted and must make durable before it answers 2xx: its
/// identity (for dedupe), its raw payload (already hashed and compressed), and one job per
/// flow that subscribes to its topic.
public struct IngestRequest: Sendable {
    public let identity: DeliveryIdentity
    public let payload: PreparedPayload
    /// The jobs to enqueue; their `payloadID` is filled in with the archived payload's id.
    public let jobs: [NewJob]

    public init(identity: DeliveryIdentity, payload: PreparedPayload, jobs: [NewJob]) {
        self.identity = identity
        self.payload = payload
        self.jobs = jobs
    }
}

/// What became of an ``IngestRequest``.
public enum IngestResult: Sendable, Equatable {
    /// Archived and enqueued, durably.
    case accepted(payloadID: Int64, jobIDs: [Int64])
    /// Seen before (same delivery id, or same event id for the topic): nothing was written.
    case duplicate

    /// Whether jobs were enqueued (an accepted delivery may have none: no flow consumes it).
    var enqueuedJobs: Bool {
        if case .accepted(_, let jobIDs) = self { !jobIDs.isEmpty } else { false }
    }
}

/// Commits one tenant's incoming deliveries in groups: whatever arrives while a commit is
/// running is written by the next one, in a single IMMEDIATE transaction. Every caller still
/// gets its answer only after its own delivery is durable; grouping only removes the
/// per-transaction fsync that would otherwise cap ingest at a few thousand per second.
///
/// If a group's transaction fails, its requests are retried one transaction each, so one
/// bad request fails alone.
///
/// After a commit that enqueued at least one job, `onJobsEnqueued` is called once (the
/// runtime rings the scheduler with it), after the callers have their answers.
actor IngestCommitter {
    private struct Pending {
        let request: IngestRequest
        let continuation: CheckedContinuation<IngestResult, any Error>
    }

    let tenant: TenantID
    private let pool: TenantPool
    private let maximumGroupSize: Int
    private let onJobsEnqueued: @Sendable (TenantID) async -> Void
    private var pending: [Pending] = []
    private var committing = false
    /// Transactions committed so far, for tests and metrics.
    private(set) var transactions = 0

    init(tenant: TenantID, pool: TenantPool, maximumGroupSize: Int = 256,
         onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void = { _ in }) {
        self.tenant = tenant
        self.pool = pool
        self.maximumGroupSize = max(1, maximumGroupSize)
        self.onJobsEnqueued = onJobsEnqueued
    }

    /// Makes `request` durable (or recognizes it as a duplicate); returns once it is.
    func submit(_ request: IngestRequest) async throws -> IngestResult {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(request: request, continuation: continuation))
            if !committing {
                committing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let group = Array(pending.prefix(maximumGroupSize))
            pending.removeFirst(group.count)
            var enqueuedJobs = false
            do {
                let results = try await commit(group.map(\.request))
                for (item, result) in zip(group, results) {
                    enqueuedJobs = enqueuedJobs || result.enqueuedJobs
                    item.continuation.resume(returning: result)
                }
            } catch where group.count > 1 {
                for item in group {
                    do {
                        let result = try await commit([item.request])[0]
                        enqueuedJobs = enqueuedJobs || result.enqueuedJobs
                        item.continuation.resume(returning: result)
                    } catch {
                        item.continuation.resume(throwing: error)
                    }
                }
            } catch {
                group[0].continuation.resume(throwing: error)
            }
            if enqueuedJobs { await onJobsEnqueued(tenant) }
        }
        committing = false
    }

    private func commit(_ requests: [IngestRequest]) async throws -> [IngestResult] {
        let results = try await pool.withDatabase(tenant) { database in
            try await database.transaction { tx in
                try requests.map { request in
                    if try tx.isDuplicate(request.identity) { return IngestResult.duplicate }
                    let stored = try tx.store(request.payload)
                    _ = try tx.recordDelivery(request.identity, payloadID: stored.id)
                    let jobIDs = try request.jobs.map { template in
                        var job = template
                        job.payloadID = stored.id
                        return try tx.enqueue(job).job.id
                    }
                    return IngestResult.accepted(payloadID: stored.id, jobIDs: jobIDs)
                }
            }
        }
        transactions += 1
        return results
    }
}
