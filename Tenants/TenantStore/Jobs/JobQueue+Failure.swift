import Foundation
import GRDB

extension JobQueue {
    /// Records a failed attempt and decides what happens next:
    /// - transient: retryable after backoff (`Retry-After` wins), or dead once attempts are used up;
    /// - rate-limited: snoozed until the delay passes, attempt given back;
    /// - permanent: dead at once, with the reason kept.
    ///
    /// Throws `leaseLost` if the job is no longer leased to the caller.
    @discardableResult
    public func fail(_ job: Job, _ failure: JobFailure) async throws -> FailureOutcome {
        let now = clock.now()
        let outcome = outcome(of: failure, for: job, now: now)
        let nowMS = now.millisecondsSince1970
        let message = String(failure.message.prefix(2000))
        try await writer.write { db in
            switch outcome {
            case .retryScheduled(let at, _):
                try db.execute(sql: """
                    UPDATE jobs SET state = 'retryable', run_at = ?, lease_until = NULL, lease_token = NULL,
                        last_error_kind = ?, last_error_code = ?, last_error_message = ?, last_error_at = ?, updated_at = ?
                    WHERE id = ? AND state = 'running' AND lease_token = ?
                    """, arguments: [at.millisecondsSince1970, failure.kind.rawValue, failure.code, message, nowMS, nowMS,
                                     job.id, job.leaseToken])
            case .snoozed(let until):
                try db.execute(sql: """
                    UPDATE jobs SET state = 'scheduled', run_at = ?, attempt = max(attempt - 1, 0),
                        lease_until = NULL, lease_token = NULL,
                        last_error_kind = ?, last_error_code = ?, last_error_message = ?, last_error_at = ?, updated_at = ?
                    WHERE id = ? AND state = 'running' AND lease_token = ?
                    """, arguments: [until.millisecondsSince1970, failure.kind.rawValue, failure.code, message, nowMS, nowMS,
                                     job.id, job.leaseToken])
            case .dead(let reason):
                try db.execute(sql: """
                    UPDATE jobs SET state = 'dead', lease_until = NULL, lease_token = NULL, finished_at = ?,
                        last_error_kind = ?, last_error_code = ?, last_error_message = ?, last_error_at = ?, updated_at = ?
                    WHERE id = ? AND state = 'running' AND lease_token = ?
                    """, arguments: [nowMS, failure.kind.rawValue, failure.code, String(reason.prefix(2000)), nowMS, nowMS,
                                     job.id, job.leaseToken])
            }
            try Self.requireLeaseHeld(db, job)
        }
        return outcome
    }

    /// Gives a running job back to the queue without using up its attempt: for a worker that
    /// stops (graceful shutdown) before it could finish.
    public func release(_ job: Job) async throws {
        let now = clock.now().millisecondsSince1970
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'available', attempt = max(attempt - 1, 0), run_at = min(run_at, ?),
                                lease_until = NULL, lease_token = NULL, updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [now, now, job.id, job.leaseToken])
            try Self.requireLeaseHeld(db, job)
        }
    }

    func outcome(of failure: JobFailure, for job: Job, now: Date) -> FailureOutcome {
        switch failure.kind {
        case .permanent:
            return .dead(reason: failure.message)
        case .rateLimited:
            let delay = retryPolicy.delay(afterAttempt: 1, retryAfter: failure.retryAfter ?? retryPolicy.baseDelay)
            return .snoozed(until: now.addingTimeInterval(delay.timeInterval))
        case .transient:
            guard job.attempt < job.maxAttempts else {
                return .dead(reason: "gave up after \(job.attempt) attempts; last error: \(failure.message)")
            }
            let delay = retryPolicy.delay(afterAttempt: job.attempt, retryAfter: failure.retryAfter)
            return .retryScheduled(at: now.addingTimeInterval(delay.timeInterval), attempt: job.attempt)
        }
    }
}
