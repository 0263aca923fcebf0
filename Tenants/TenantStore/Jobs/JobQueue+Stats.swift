import Foundation
import GRDB

/// A snapshot of a tenant's queue for health reports.
public struct QueueStats: Sendable, Equatable {
    /// Job counts by flow, then by state. States with no jobs are absent.
    public var countsByFlow: [String: [JobState: Int]]
    /// How long the most overdue claimable job has been waiting past its run-at time, or nil
    /// if no job is due.
    public var oldestDueAge: Duration?
    /// The most recent failed attempts (newest first), from jobs' last errors.
    public var recentFailures: [RecentFailure]

    /// The total number of jobs in a state, over all flows.
    public func count(_ state: JobState) -> Int {
        countsByFlow.values.reduce(0) { $0 + ($1[state] ?? 0) }
    }
}

/// A job's most recent failure, as shown in health reports.
public struct RecentFailure: Sendable, Equatable {
    public let jobID: Int64
    public let flow: String
    public let kind: String
    public let state: JobState
    public let attempt: Int
    public let error: JobError
}

extension JobQueue {
    /// When the next claimable job becomes due (now or later), or nil if none is waiting.
    public func nextDueDate() async throws -> Date? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT min(run_at) FROM jobs WHERE state IN (\(JobState.claimableSQL))")
                .map(Date.init(millisecondsSince1970:))
        }
    }

    /// Counts by flow and state, the oldest due job's age and the `recentFailureLimit` most recent failures.
    public func stats(recentFailureLimit: Int = 10) async throws -> QueueStats {
        let now = clock.now().millisecondsSince1970
        return try await writer.read { db in
            var counts: [String: [JobState: Int]] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT flow, state, count(*) AS n FROM jobs GROUP BY flow, state")
            for row in rows {
                guard let state = JobState(rawValue: row["state"]) else { continue }
                counts[row["flow"], default: [:]][state] = row["n"]
            }
            let oldestRunAt = try Int64.fetchOne(db, sql: """
                SELECT min(run_at) FROM jobs WHERE state IN (\(JobState.claimableSQL)) AND run_at <= ?
                """, arguments: [now])
            let failures = try Job.fetchAll(db, sql: """
                SELECT * FROM jobs WHERE last_error_at IS NOT NULL ORDER BY last_error_at DESC, id DESC LIMIT ?
                """, arguments: [recentFailureLimit]).compactMap { job in
                job.lastError.map {
                    RecentFailure(jobID: job.id, flow: job.flow, kind: job.kind, state: job.state, attempt: job.attempt, error: $0)
                }
            }
            return QueueStats(
                countsByFlow: counts,
                oldestDueAge: oldestRunAt.map { .milliseconds(now - $0) },
                recentFailures: failures)
        }
    }
}
