import Crypto
import Foundation
import GRDB
import Logging
import PluginKit

/// A tenant's credentials, sealed with AES-GCM-256 under the host's master key.
///
/// The associated data binds each ciphertext to its tenant and name: a sealed value copied
/// into another tenant's database, or under another name, fails to open instead of
/// authenticating the wrong store.
public struct CredentialVault: Sendable {
    let writer: any DatabaseWriter
    let tenantID: TenantID
    let keyring: MasterKeyring
    let clock: any WallClock
    let logger: Logger

    /// Seals and stores `secret` under `name`, replacing any earlier value.
    public func store(_ secret: Secret, named name: String) async throws {
        try Self.validate(name: name)
        let sealed = try seal(secret, name: name, with: keyring.current)
        let now = clock.now().millisecondsSince1970
        let keyID = keyring.current.id
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO credentials (name, key_id, sealed, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed, updated_at = excluded.updated_at
                """, arguments: [name, keyID, sealed, now])
        }
        logger.info("credential stored", metadata: ["credential": "\(name)", "master_key": "\(keyID)"])
    }

    /// Opens the credential stored under `name`.
    public func secret(named name: String) async throws -> Secret {
        let stored = try await writer.read { db -> (keyID: String, sealed: Data)? in
            try Row.fetchOne(db, sql: "SELECT key_id, sealed FROM credentials WHERE name = ?", arguments: [name])
                .map { (keyID: $0["key_id"], sealed: $0["sealed"]) }
        }
        guard let stored else {
            throw TenantStoreError(.credentialNotFound, "tenant \(tenantID) has no credential named '\(name)'")
        }
        return try open(stored.sealed, keyID: stored.keyID, name: name)
    }

    /// Opens the credential stored under `name` and tells when it was stored, or nil if there
    /// is none (for secrets whose age matters, such as a rotated-out webhook secret's grace).
    public func storedSecret(named name: String) async throws -> (secret: Secret, storedAt: Date)? {
        let stored = try await writer.read { db -> (keyID: String, sealed: Data, updatedAt: Int64)? in
            try Row.fetchOne(db, sql: "SELECT key_id, sealed, updated_at FROM credentials WHERE name = ?", arguments: [name])
                .map { (keyID: $0["key_id"], sealed: $0["sealed"], updatedAt: $0["updated_at"]) }
        }
        guard let stored else { return nil }
        return (try open(stored.sealed, keyID: stored.keyID, name: name), Date(millisecondsSince1970: stored.updatedAt))
    }

    /// The names of the stored credentials, sorted.
    public func names() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM credentials ORDER BY name") }
    }

    /// Deletes a credential; returns whether there was one.
    @discardableResult
    public func remove(named name: String) async throws -> Bool {
        let removed = try await writer.write { db in
            try db.execute(sql: "DELETE FROM credentials WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
        if removed { logger.info("credential removed", metadata: ["credential": "\(name)"]) }
        return removed
    }

    /// Re-seals every credential under `keyring.current`, in one transaction; credentials
    /// already under it are left alone, so running this again after an interruption is safe.
    /// Returns how many credentials were re-sealed.
    func reseal(under keyring: MasterKeyring) async throws -> Int {
        let vault = CredentialVault(writer: writer, tenantID: tenantID, keyring: keyring, clock: clock, logger: logger)
        let now = clock.now().millisecondsSince1970
        return try await writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, key_id, sealed FROM credentials WHERE key_id <> ?",
                                        arguments: [keyring.current.id])
            for row in rows {
                let name: String = row["name"]
                let secret = try vault.open(row["sealed"], keyID: row["key_id"], name: name)
                try db.execute(sql: "UPDATE credentials SET key_id = ?, sealed = ?, updated_at = ? WHERE name = ?",
                               arguments: [keyring.current.id, try vault.seal(secret, name: name, with: keyring.current), now, name])
            }
            return rows.count
        }
    }

    private func associatedData(name: String) -> Data {
        Data("synchost-credential\u{0}\(tenantID.rawValue)\u{0}\(name)".utf8)
    }

    private func seal(_ secret: Secret, name: String, with key: MasterKey) throws -> Data {
        do {
            let box = try AES.GCM.seal(Data(secret.exposedValue.utf8), using: key.key, authenticating: associatedData(name: name))
            return box.combined!
        } catch {
            throw TenantStoreError(.credentialUndecryptable, "cannot seal credential '\(name)' of tenant \(tenantID)")
        }
    }

    private func open(_ sealed: Data, keyID: String, name: String) throws -> Secret {
        guard let key = keyring.key(id: keyID) else {
            throw TenantStoreError(.credentialUndecryptable, """
                credential '\(name)' of tenant \(tenantID) is sealed under master key \(keyID), which this host \
                does not have (the host's key is \(keyring.current.id)): check SYNCHOST_MASTER_KEY or master.key
                """)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain = try AES.GCM.open(box, using: key.key, authenticating: associatedData(name: name))
            guard let value = String(data: plain, encoding: .utf8) else { throw CryptoKitError.authenticationFailure }
            return Secret(value)
        } catch {
            throw TenantStoreError(.credentialUndecryptable, """
                credential '\(name)' of tenant \(tenantID) does not authenticate: it was sealed for another \
                tenant or name, or altered
                """)
        }
    }

    static func validate(name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard allowed, (1...100).contains(name.utf8.count) else {
            throw TenantStoreError(.invalidTenantConfiguration,
                                   "credential names are 1 to 100 lowercase letters, digits, '.', '_' or '-'")
        }
    }
}
