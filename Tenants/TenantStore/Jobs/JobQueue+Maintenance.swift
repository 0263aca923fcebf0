import Foundation
import GRDB

extension JobQueue {
    /// Returns running jobs whose lease has expired (their worker crashed or hung) to the
    /// queue, due now. The abandoned run counts as an attempt; a job that has used all its
    /// attempts goes dead instead. Returns how many jobs were rescued.
    @discardableResult
    public func rescueExpiredLeases() async throws -> Int {
        let now = clock.now().millisecondsSince1970
        return try await writer.write { db in
            try db.execute(sql: """
                UPDATE jobs SET
                    state = CASE WHEN attempt >= max_attempts THEN 'dead' ELSE 'retryable' END,
                    finished_at = CASE WHEN attempt >= max_attempts THEN ?1 ELSE NULL END,
                    run_at = ?1, lease_until = NULL, lease_token = NULL,
                    last_error_kind = 'transient', last_error_code = 'lease_expired',
                    last_error_message = 'the worker running attempt ' || attempt || ' stopped renewing its lease',
                    last_error_at = ?1, updated_at = ?1
                WHERE state = 'running' AND lease_until < ?1
                """, arguments: [now])
            return db.changesCount
        }
    }

    /// Puts a dead or cancelled job back in the queue, due now, with a fresh set of attempts.
    /// Returns the job as it is afterwards. If another live job already holds the same unique
    /// key, the replay does nothing and the returned job is still dead: the work is already queued.
    @discardableResult
    public func replay(jobID: Int64) async throws -> Job {
        let now = clock.now().millisecondsSince1970
        return try await writer.write { db in
            guard let job = try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [jobID]) else {
                throw TenantStoreError(.jobNotFound, "no job \(jobID)")
            }
            guard job.state == .dead || job.state == .cancelled else {
                throw TenantStoreError(.invalidJob, "job \(jobID) is \(job.state.rawValue); only dead or cancelled jobs can be replayed")
            }
            try db.execute(sql: Self.replaySQL + " WHERE id = ?", arguments: [now, jobID])
            return try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [jobID])!
        }
    }

    /// Replays every dead job of a flow; returns how many went back to the queue.
    @discardableResult
    public func replayDead(flow: String) async throws -> Int {
        let now = clock.now().millisecondsSince1970
        return try await writer.write { db in
            try db.execute(sql: Self.replaySQL + " WHERE state = 'dead' AND flow = ?", arguments: [now, flow])
            return db.changesCount
        }
    }

    // OR IGNORE: a row whose unique key is held by a live job stays dead instead of failing the batch.
    private static let replaySQL = """
        UPDATE OR IGNORE jobs SET state = 'available', attempt = 0, run_at = ?1, finished_at = NULL,
                                  lease_until = NULL, lease_token = NULL, updated_at = ?1
        """

    /// Cancels a job that is not final. A running job's worker finds its lease gone when it reports.
    @discardableResult
    public func cancel(jobID: Int64) async throws -> Job {
        let now = clock.now().millisecondsSince1970
        return try await writer.write { db in
            guard let job = try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [jobID]) else {
                throw TenantStoreError(.jobNotFound, "no job \(jobID)")
            }
            guard !job.state.isFinal else {
                throw TenantStoreError(.invalidJob, "job \(jobID) is already \(job.state.rawValue)")
            }
            try db.execute(sql: """
                UPDATE jobs SET state = 'cancelled', lease_until = NULL, lease_token = NULL,
                                finished_at = ?1, updated_at = ?1
                WHERE id = ?2
                """, arguments: [now, jobID])
            return try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [jobID])!
        }
    }

    /// Deletes done and cancelled jobs that finished more than `retention` ago. Dead jobs stay
    /// until an operator replays or cancels them. Returns how many jobs were deleted.
    @discardableResult
    public func pruneFinished(olderThan retention: Duration) async throws -> Int {
        let cutoff = clock.now().millisecondsSince1970 - retention.milliseconds
        return try await writer.write { db in
            try db.execute(sql: """
                DELETE FROM jobs WHERE state IN ('done', 'cancelled') AND finished_at < ?
                """, arguments: [cutoff])
            return db.changesCount
        }
    }
}
