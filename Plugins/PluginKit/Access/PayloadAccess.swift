import Foundation

/// The tenant's archive of raw payloads, as plugins read it.
public protocol PayloadAccess: Sendable {
    /// The raw body of an archived payload, byte for byte as received.
    func body(id: Int64) async throws -> Data
}

extension PayloadAccess {
    /// The payload that started `job`. A job without one is a programming error in the
    /// plugin's descriptor, reported as a permanent failure rather than a crash.
    public func payload(for job: PluginJob) async throws -> Data {
        guard let id = job.payloadID else { throw MissingPayloadError(jobID: job.id, kind: job.kind) }
        return try await body(id: id)
    }
}

/// A job that needed a payload and has none.
public struct MissingPayloadError: ClassifiedError {
    /// The job without a payload.
    public let jobID: Int64
    /// Its kind (topic, event type or schedule).
    public let kind: String

    /// An error for job `jobID` of `kind`.
    public init(jobID: Int64, kind: String) {
        self.jobID = jobID
        self.kind = kind
    }

    /// Permanent: running the job again will not give it a payload.
    public var failureClass: FailureClass { .permanent }
    /// `missing_payload`.
    public var code: String { "missing_payload" }
    /// Names the job.
    public var message: String { "job \(jobID) (\(kind)) carries no payload" }
}
