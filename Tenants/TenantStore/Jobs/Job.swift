import Foundation
import GRDB

/// A unit of work in a tenant's queue: one flow's handling of one payload or one periodic run.
public struct Job: Sendable, Equatable, Identifiable {
    public let id: Int64
    /// The plugin that runs the job, such as `orders`.
    public let flow: String
    /// What the job does within its flow, such as `orders/create` or `reconcile`.
    public let kind: String
    /// The idempotency key: while a job with this key is not final, enqueueing the same key
    /// in the same flow returns that job instead of adding another.
    public let uniqueKey: String?
    /// The archived payload the job works on, if any.
    public let payloadID: Int64?
    /// Small arguments for the job (for example a poll's window), if any.
    public let arguments: Data?
    /// Lower runs first among due jobs.
    public let priority: Int
    public let state: JobState
    /// Attempts started so far, including a running one. A rate-limit snooze gives its attempt back.
    public let attempt: Int
    public let maxAttempts: Int
    /// When the job is due.
    public let runAt: Date
    /// Until when the current worker holds the job (running jobs only).
    public let leaseUntil: Date?
    /// Proof of ownership that the worker presents to heartbeat, complete or fail the job.
    public let leaseToken: String?
    public let lastError: JobError?
    public let createdAt: Date
    public let updatedAt: Date
    /// When the job reached done, dead or cancelled.
    public let finishedAt: Date?
}

extension Job: FetchableRecord {
    public init(row: Row) {
        id = row["id"]
        flow = row["flow"]
        kind = row["kind"]
        uniqueKey = row["unique_key"]
        payloadID = row["payload_id"]
        arguments = row["arguments"]
        priority = row["priority"]
        state = JobState(rawValue: row["state"]) ?? .dead
        attempt = row["attempt"]
        maxAttempts = row["max_attempts"]
        runAt = Date(millisecondsSince1970: row["run_at"])
        leaseUntil = (row["lease_until"] as Int64?).map(Date.init(millisecondsSince1970:))
        leaseToken = row["lease_token"]
        if let kindName: String = row["last_error_kind"], let kind = JobFailure.Kind(rawValue: kindName) {
            lastError = JobError(
                kind: kind,
                code: row["last_error_code"] ?? "",
                message: row["last_error_message"] ?? "",
                at: Date(millisecondsSince1970: row["last_error_at"] ?? 0))
        } else {
            lastError = nil
        }
        createdAt = Date(millisecondsSince1970: row["created_at"])
        updatedAt = Date(millisecondsSince1970: row["updated_at"])
        finishedAt = (row["finished_at"] as Int64?).map(Date.init(millisecondsSince1970:))
    }
}

/// A job to add to a queue.
public struct NewJob: Sendable, Equatable {
    public var flow: String
    public var kind: String
    public var uniqueKey: String?
    public var payloadID: Int64?
    public var arguments: Data?
    public var priority: Int
    public var maxAttempts: Int
    /// When the job becomes due; nil means now.
    public var runAt: Date?

    public init(
        flow: String, kind: String, uniqueKey: String? = nil, payloadID: Int64? = nil,
        arguments: Data? = nil, priority: Int = 1, maxAttempts: Int = 20, runAt: Date? = nil
    ) {
        self.flow = flow
        self.kind = kind
        self.uniqueKey = uniqueKey
        self.payloadID = payloadID
        self.arguments = arguments
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.runAt = runAt
    }

    func validate() throws {
        for (name, value) in [("flow", flow), ("kind", kind)] where value.isEmpty || value.utf8.count > 100 {
            throw TenantStoreError(.invalidJob, "job \(name) must be 1 to 100 bytes long")
        }
        if let uniqueKey, uniqueKey.isEmpty || uniqueKey.utf8.count > 500 {
            throw TenantStoreError(.invalidJob, "job unique key must be 1 to 500 bytes long")
        }
        guard (1...1000).contains(maxAttempts) else {
            throw TenantStoreError(.invalidJob, "job max attempts must be between 1 and 1000, not \(maxAttempts)")
        }
        if let arguments, arguments.count > 64 * 1024 {
            throw TenantStoreError(.invalidJob, "job arguments are limited to 64 KiB; archive larger payloads")
        }
    }
}

/// What enqueueing did.
public enum EnqueueResult: Sendable, Equatable {
    /// A new job was added.
    case enqueued(Job)
    /// A job with the same flow and unique key was already waiting or running; nothing was added.
    case existing(Job)

    public var job: Job {
        switch self {
        case .enqueued(let job), .existing(let job): job
        }
    }

    public var wasEnqueued: Bool {
        if case .enqueued = self { true } else { false }
    }
}
