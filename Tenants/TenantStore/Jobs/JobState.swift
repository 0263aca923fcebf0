/// Where a job is in its life.
///
/// ```
/// available/scheduled --claim--> running --complete--> done
///        ^                          |  \--fail(transient)--> retryable --(due)--> claimable again
///        |                          |  \--fail(rate limited)--> scheduled (attempt given back)
///        +------ replay ---------- dead <--fail(permanent or attempts used up)
/// ```
/// Any state that is not final can be cancelled.
public enum JobState: String, Sendable, CaseIterable, Codable {
    /// Ready to run now.
    case available
    /// Waiting for its run-at time (first run, or snoozed by a rate limit).
    case scheduled
    /// Claimed by a worker that holds its lease.
    case running
    /// Failed with a transient error; runs again after its backoff.
    case retryable
    /// Finished successfully.
    case done
    /// Failed for good; kept with its reason until an operator replays it.
    case dead
    /// Stopped by an operator.
    case cancelled

    /// States a job never leaves on its own.
    public var isFinal: Bool { self == .done || self == .dead || self == .cancelled }

    /// States from which a worker can claim the job once its run-at time has come.
    static let claimable: [JobState] = [.available, .scheduled, .retryable]

    /// `'available','scheduled','retryable'`, for SQL written next to the partial indexes.
    static let claimableSQL = "'available','scheduled','retryable'"
    /// `'available','scheduled','running','retryable'`: the states in which a unique key is held.
    static let liveSQL = "'available','scheduled','running','retryable'"
}
