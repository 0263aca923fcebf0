/// An error from the tenant store, with a stable code that is safe to use as a metric label
/// and a message meant for an operator. Messages never carry secret values.
public struct TenantStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Equatable {
        case invalidTenantID = "invalid_tenant_id"
        case invalidTenantConfiguration = "invalid_tenant_configuration"
        case tenantNotFound = "tenant_not_found"
        case tenantAlreadyExists = "tenant_already_exists"
        case shopDomainTaken = "shop_domain_taken"
        case tenantDatabaseUnavailable = "tenant_database_unavailable"
        case jobNotFound = "job_not_found"
        case leaseLost = "lease_lost"
        case invalidJob = "invalid_job"
        case payloadNotFound = "payload_not_found"
        case payloadRedacted = "payload_redacted"
        case payloadCorrupt = "payload_corrupt"
        case compressionFailed = "compression_failed"
        case credentialNotFound = "credential_not_found"
        case credentialUndecryptable = "credential_undecryptable"
        case masterKeyUnavailable = "master_key_unavailable"
        case fileSystem = "file_system"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
