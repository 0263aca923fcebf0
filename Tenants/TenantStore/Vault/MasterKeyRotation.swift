import Foundation

/// What a master key rotation did.
public struct KeyRotationReport: Sendable {
    /// The key every credential is sealed under now (when ``failures`` is empty).
    public let newKeyID: String
    /// Tenants whose credentials were re-sealed, and how many each had.
    public let resealed: [TenantID: Int]
    /// Tenants that could not be rotated, with the reason. While any remain, the previous
    /// key stays available and running the rotation again picks up where it stopped.
    public let failures: [TenantID: String]
    /// True when the new key is now the host's only key.
    public let completed: Bool
}

extension TenantPool {
    /// Re-seals every tenant's credentials under a new master key.
    ///
    /// With a key file: the new key is staged in `master.key.next` first (an interrupted
    /// rotation resumes with that same key), each tenant is re-sealed in its own
    /// transaction, and the new key replaces `master.key` only when all succeeded.
    /// With `SYNCHOST_MASTER_KEY`: set the new key there and the old one in
    /// `SYNCHOST_MASTER_KEY_PREVIOUS`, rotate, then drop the previous variable.
    ///
    /// Run it with the host stopped: an open tenant database keeps the keyring it was opened
    /// with, so a database in use during the rotation would seal new credentials under the
    /// old key. The pool refuses to rotate while any of its databases is in use.
    public func rotateMasterKey(tenants: [TenantID], keyStore: MasterKeyStore) async throws -> KeyRotationReport {
        guard !hasDatabasesInUse else {
            throw TenantStoreError(.masterKeyUnavailable, "tenant databases are in use: stop the host before rotating the master key")
        }
        let keyring = try keyStore.loadKeyring()
        let newKeyring: MasterKeyring
        if keyStore.usesEnvironment {
            newKeyring = keyring
        } else {
            let next: MasterKey
            if let staged = try keyStore.stagedNextKey() {
                next = staged
            } else {
                next = MasterKey.generate()
                try keyStore.stageNextKey(next)
            }
            newKeyring = MasterKeyring(current: next, previous: [keyring.current] + keyring.previous)
        }
        useKeyring(newKeyring)
        var resealed: [TenantID: Int] = [:]
        var failures: [TenantID: String] = [:]
        for tenant in tenants {
            do {
                resealed[tenant] = try await withDatabase(tenant) { try await $0.vault.reseal(under: newKeyring) }
            } catch {
                failures[tenant] = TenantDatabase.describe(error)
            }
        }
        let completed = failures.isEmpty
        if completed && !keyStore.usesEnvironment {
            try keyStore.promoteNextKey()
            useKeyring(MasterKeyring(current: newKeyring.current))
        }
        return KeyRotationReport(newKeyID: newKeyring.current.id, resealed: resealed, failures: failures, completed: completed)
    }
}
