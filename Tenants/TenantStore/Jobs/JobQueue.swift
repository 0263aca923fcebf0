import Foundation
import GRDB

/// A tenant's durable job queue, stored in the tenant's database.
///
/// Every change is one IMMEDIATE transaction, and every claim is one `UPDATE ... RETURNING`
/// statement, so two workers (in this process or another) never get the same job.
public struct JobQueue: Sendable {
    let writer: any DatabaseWriter
    let clock: any WallClock
    /// How long a claim holds a job before the job is considered abandoned.
    public let leaseDuration: Duration
    public let retryPolicy: RetryPolicy

    init(writer: any DatabaseWriter, clock: any WallClock, leaseDuration: Duration, retryPolicy: RetryPolicy) {
        self.writer = writer
        self.clock = clock
        self.leaseDuration = leaseDuration
        self.retryPolicy = retryPolicy
    }

    // MARK: Enqueue

    /// Adds a job, or returns the live job that already holds its unique key.
    public func enqueue(_ job: NewJob) async throws -> EnqueueResult {
        let now = clock.now()
        return try await writer.write { db in try Self.enqueue(job, in: db, now: now) }
    }

    /// Adds several jobs in one transaction.
    public func enqueue(_ jobs: [NewJob]) async throws -> [EnqueueResult] {
        let now = clock.now()
        return try await writer.write { db in try jobs.map { try Self.enqueue($0, in: db, now: now) } }
    }

    /// The insert itself, for callers that group it with other writes in one transaction.
    ///
    /// Uniqueness is enforced by a partial unique index over live jobs: the insert does
    /// nothing on conflict and the existing job is read back in the same transaction, so
    /// there is no window between a check and an insert.
    static func enqueue(_ job: NewJob, in db: Database, now: Date) throws -> EnqueueResult {
        try job.validate()
        let nowMS = now.millisecondsSince1970
        let runAt = max(job.runAt?.millisecondsSince1970 ?? nowMS, 0)
        let state: JobState = runAt > nowMS ? .scheduled : .available
        let insert = try db.cachedStatement(sql: """
            INSERT INTO jobs (flow, kind, unique_key, payload_id, arguments, priority, state, attempt,
                              max_attempts, run_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING *
            """)
        let inserted = try Job.fetchOne(insert, arguments: [job.flow, job.kind, job.uniqueKey, job.payloadID, job.arguments,
                                                            job.priority, state.rawValue, job.maxAttempts, runAt, nowMS, nowMS])
        if let inserted { return .enqueued(inserted) }
        guard let uniqueKey = job.uniqueKey, let existing = try Job.fetchOne(db, sql: """
            SELECT * FROM jobs WHERE flow = ? AND unique_key = ? AND state IN (\(JobState.liveSQL))
            """, arguments: [job.flow, uniqueKey]) else {
            throw TenantStoreError(.invalidJob, "job for flow \(job.flow) was refused by the database")
        }
        return .existing(existing)
    }

    // MARK: Claim

    /// Claims the most urgent due job, leasing it to the caller until now + lease duration.
    /// Returns nil when no job is due.
    public func claim() async throws -> Job? {
        try await claim(limit: 1).first
    }

    /// Claims up to `limit` due jobs in one statement, most urgent first.
    public func claim(limit: Int, flows: [String]? = nil) async throws -> [Job] {
        let now = clock.now().millisecondsSince1970
        let leaseUntil = now + leaseDuration.milliseconds
        return try await writer.write { db in
            var arguments: StatementArguments = [leaseUntil, now]
            var flowFilter = ""
            if let flows {
                guard !flows.isEmpty else { return [] }
                flowFilter = "AND flow IN (\(databaseQuestionMarks(count: flows.count)))"
                arguments += StatementArguments(flows)
            }
            arguments += [max(1, limit)]
            // The lease token is fresh per claim: a worker whose lease expired and whose job
            // was claimed again can no longer complete or fail it.
            let jobs = try Job.fetchAll(db, sql: """
                UPDATE jobs
                SET state = 'running', attempt = attempt + 1, lease_until = ?1,
                    lease_token = lower(hex(randomblob(16))), updated_at = ?2
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE state IN (\(JobState.claimableSQL)) AND run_at <= ?2 \(flowFilter)
                    ORDER BY priority, run_at, id
                    LIMIT ?
                )
                RETURNING *
                """, arguments: arguments)
            return jobs.sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
        }
    }

    // MARK: Heartbeat and completion

    /// Extends a running job's lease to now + lease duration; returns the new lease end.
    /// Throws `leaseLost` if the job was rescued or claimed by someone else meanwhile.
    @discardableResult
    public func heartbeat(_ job: Job) async throws -> Date {
        let now = clock.now().millisecondsSince1970
        let leaseUntil = now + leaseDuration.milliseconds
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE jobs SET lease_until = ?, updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [leaseUntil, now, job.id, job.leaseToken])
            try Self.requireLeaseHeld(db, job)
        }
        return Date(millisecondsSince1970: leaseUntil)
    }

    /// Marks a running job done.
    public func complete(_ job: Job) async throws {
        try await complete([job])
    }

    /// Marks several running jobs done in one transaction. Throws `leaseLost`, completing
    /// none of them, if any lease is no longer held.
    public func complete(_ jobs: [Job]) async throws {
        let now = clock.now().millisecondsSince1970
        try await writer.write { db in
            let statement = try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'done', lease_until = NULL, lease_token = NULL,
                                updated_at = ?, finished_at = ?
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """)
            for job in jobs {
                try statement.execute(arguments: [now, now, job.id, job.leaseToken])
                try Self.requireLeaseHeld(db, job)
            }
        }
    }

    static func requireLeaseHeld(_ db: Database, _ job: Job) throws {
        guard db.changesCount == 1 else {
            throw TenantStoreError(.leaseLost, "job \(job.id) (\(job.flow)) is no longer leased to this worker")
        }
    }

    // MARK: Reads

    /// The job with this id, or nil.
    public func job(id: Int64) async throws -> Job? {
        try await writer.read { db in try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) }
    }

    /// Jobs filtered by state and flow, newest first.
    public func jobs(state: JobState? = nil, flow: String? = nil, limit: Int = 100) async throws -> [Job] {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let state { conditions.append("state = ?"); arguments += [state.rawValue] }
            if let flow { conditions.append("flow = ?"); arguments += [flow] }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [limit]
            return try Job.fetchAll(db, sql: "SELECT * FROM jobs \(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments)
        }
    }
}
