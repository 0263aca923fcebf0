import Foundation

/// The job a plugin is asked to run.
public struct PluginJob: Sendable, Equatable {
    /// The job's id in the tenant's queue, for logs.
    public let id: Int64
    /// What to do: the webhook topic (`orders/create`), pushed event type, or schedule kind.
    public let kind: String
    /// This run's attempt number, from 1.
    public let attempt: Int
    /// The attempts the queue makes before the job goes dead.
    public let maxAttempts: Int
    /// The archived payload that started the job, if any; read it with ``PayloadAccess``.
    public let payloadID: Int64?
    /// Small arguments given when the job was enqueued (a poll's window, say), if any.
    public let arguments: Data?

    /// A job as the host hands it over.
    public init(id: Int64, kind: String, attempt: Int, maxAttempts: Int, payloadID: Int64?, arguments: Data?) {
        self.id = id
        self.kind = kind
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.payloadID = payloadID
        self.arguments = arguments
    }

    /// True on the last attempt the queue will make.
    public var isLastAttempt: Bool { attempt >= maxAttempts }
}

/// How a job ended, as the plugin reports it.
public enum JobOutcome: Sendable {
    /// The work is done; `note` is kept for the job history (say, "skipped: stale update").
    case done(note: String? = nil)
    /// Try again later: the error's ``FailureClass`` decides when (backoff, a rate-limit
    /// snooze, or dead if it is permanent).
    case retry(any ClassifiedError)
    /// Give up now: the data can never sync as it is. `code` is short and stable, `reason`
    /// tells an operator what to fix before replaying (name the SKU, the totals, the field).
    case dead(code: String, reason: String)

    /// The outcome for an error a plugin caught: classified errors keep their class; anything
    /// else is treated as transient, since a plugin that does not understand an error must
    /// not declare the data bad.
    public static func failed(_ error: any Error) -> JobOutcome {
        if let classified = error as? any ClassifiedError {
            return classified.failureClass == .permanent
                ? .dead(code: classified.code, reason: classified.message)
                : .retry(classified)
        }
        return .retry(UnclassifiedError(underlying: error))
    }
}

/// An error no client classified, treated as transient. Only the error's type is kept:
/// its description could carry anything, secrets included, and this message is stored
/// with the job and shown in reports.
public struct UnclassifiedError: ClassifiedError {
    /// Names the error's type only.
    public let message: String

    /// Wraps an error no client classified.
    public init(underlying: any Error) {
        message = "unclassified error of type \(String(describing: type(of: underlying)))"
    }

    /// Transient: a plugin that does not understand an error must not declare the data bad.
    public var failureClass: FailureClass { .transient(retryAfter: nil) }
    /// `unclassified`.
    public var code: String { "unclassified" }
}
