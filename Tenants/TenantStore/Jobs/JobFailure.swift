/// A classified reason why a job's attempt failed. The class decides what the queue does:
///
/// - ``Kind/transient``: try again later with exponential backoff (or after the server's
///   `Retry-After`), using up one attempt.
/// - ``Kind/rateLimited``: the target asked us to slow down; snooze the job until the delay
///   passes without using up an attempt.
/// - ``Kind/permanent``: bad data or a refusal that retrying cannot fix; the job goes dead
///   with this reason for an operator to read and replay.
public struct JobFailure: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case transient
        case rateLimited = "rate_limited"
        case permanent
    }

    public let kind: Kind
    /// A short stable code, such as `netsuite_unavailable` or `unknown_sku`.
    public let code: String
    /// What happened, for an operator. Must never contain a secret.
    public let message: String
    /// How long the server asked us to wait, if it said.
    public let retryAfter: Duration?

    public init(kind: Kind, code: String, message: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public static func transient(code: String, message: String, retryAfter: Duration? = nil) -> JobFailure {
        JobFailure(kind: .transient, code: code, message: message, retryAfter: retryAfter)
    }

    public static func rateLimited(code: String, message: String, retryAfter: Duration) -> JobFailure {
        JobFailure(kind: .rateLimited, code: code, message: message, retryAfter: retryAfter)
    }

    public static func permanent(code: String, message: String) -> JobFailure {
        JobFailure(kind: .permanent, code: code, message: message)
    }
}

/// The last error recorded on a job.
public struct JobError: Sendable, Equatable, Codable {
    public let kind: JobFailure.Kind
    public let code: String
    public let message: String
    public let at: Date
}

/// What the queue did with a failed attempt.
public enum FailureOutcome: Sendable, Equatable {
    /// The job runs again at the given time (transient failure).
    case retryScheduled(at: Date, attempt: Int)
    /// The job was put back until the given time without using up an attempt (rate limit).
    case snoozed(until: Date)
    /// The job is dead; `reason` says why.
    case dead(reason: String)
}

import Foundation
