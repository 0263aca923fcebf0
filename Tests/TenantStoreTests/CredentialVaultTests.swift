import Foundation
import GRDB
import InMemoryLogging
import Logging
import PluginKit
import Testing
@testable import TenantStore

@Suite struct CredentialVaultTests {
    let token = "shpat_0123456789abcdef0123456789abcdef"

    @Test func storedSecretsOpenAndAreNotStoredInTheClear() async throws {
        let fixture = try TenantFixture()
        try await fixture.database.vault.store(Secret(token), named: "shopify.access-token")
        #expect(try await fixture.database.vault.secret(named: "shopify.access-token").exposedValue == token)
        #expect(try await fixture.database.vault.names() == ["shopify.access-token"])
        try fixture.database.close()
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: fixture.database.fileURL.path + suffix) ?? Data()
            #expect(bytes.range(of: Data(token.utf8)) == nil)
        }
    }

    @Test func aCiphertextCopiedToAnotherTenantDoesNotOpen() async throws {
        let fixture = try TenantFixture(tenant: "acme")
        let other = try TenantDatabase(
            tenantID: TenantID("globex"), directory: fixture.directory.url.appendingPathComponent("globex"),
            keyring: fixture.keyring, configuration: fixture.configuration())
        try await fixture.database.vault.store(Secret(token), named: "shopify.access-token")
        try await copyCredential(from: fixture.database, to: other, name: "shopify.access-token", as: "shopify.access-token")
        await #expect(throws: TenantStoreError(.credentialUndecryptable, """
            credential 'shopify.access-token' of tenant globex does not authenticate: it was sealed for another \
            tenant or name, or altered
            """)) {
            try await other.vault.secret(named: "shopify.access-token")
        }
    }

    @Test func aCiphertextMovedToAnotherNameDoesNotOpen() async throws {
        let fixture = try TenantFixture()
        try await fixture.database.vault.store(Secret(token), named: "shopify.access-token")
        try await copyCredential(from: fixture.database, to: fixture.database, name: "shopify.access-token", as: "netsuite.token-secret")
        let error = await #expect(throws: TenantStoreError.self) {
            try await fixture.database.vault.secret(named: "netsuite.token-secret")
        }
        #expect(error?.code == .credentialUndecryptable)
    }

    @Test func theWrongMasterKeyIsNamedInTheError() async throws {
        let fixture = try TenantFixture()
        try await fixture.database.vault.store(Secret(token), named: "shopify.access-token")
        try fixture.database.close()
        let wrongKey = MasterKey.generate()
        let reopened = try TenantDatabase(
            tenantID: TenantID("acme"), directory: fixture.database.fileURL.deletingLastPathComponent(),
            keyring: MasterKeyring(current: wrongKey), configuration: fixture.configuration())
        let error = await #expect(throws: TenantStoreError.self) {
            try await reopened.vault.secret(named: "shopify.access-token")
        }
        #expect(error?.code == .credentialUndecryptable)
        #expect(error?.message.contains("sealed under master key \(fixture.keyring.current.id)") == true)
        #expect(error?.message.contains(token) == false)
        await #expect(throws: TenantStoreError.self) { try await reopened.vault.secret(named: "missing") }
    }

    @Test func secretsNeverDescribeThemselves() throws {
        let secret = Secret(token)
        let renderings = [
            "\(secret)", String(describing: secret), String(reflecting: secret), "\([secret])",
            "\(Optional(secret) as Any)",
            { var out = ""; dump(secret, to: &out); return out }(),
        ]
        for rendering in renderings {
            #expect(!rendering.contains(token), "leaked in: \(rendering)")
            #expect(rendering.contains("redacted"))
        }
        #expect(secret.exposedValue == token)
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(["token": secret]) }
    }

    @Test func logsCarryTheTenantAndNeverTheSecret() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let directory = try TemporaryDirectory()
        let database = try TenantDatabase(
            tenantID: TenantID("acme"), directory: directory.url.appendingPathComponent("acme"),
            keyring: MasterKeyring(current: .generate()), logger: logger)
        try await database.vault.store(Secret(token), named: "shopify.access-token")
        _ = try await database.vault.secret(named: "shopify.access-token")
        try await database.vault.remove(named: "shopify.access-token")
        _ = try? await database.vault.secret(named: "shopify.access-token")

        #expect(handler.entries.count >= 2)
        for entry in handler.entries {
            #expect(entry.metadata["tenant"] == "acme")
            let text = "\(entry.message) \(entry.metadata)"
            #expect(!text.contains(token))
        }
    }

    @Test func rotationResealsEveryTenantUnderTheNewKey() async throws {
        let directory = try TemporaryDirectory()
        let keyStore = MasterKeyStore(dataDirectory: directory.url, environment: [:])
        let oldKeyring = try keyStore.loadKeyring()
        let keyFile = directory.url.appendingPathComponent("master.key")
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int == 0o600)
        #expect(try keyStore.loadKeyring().current.id == oldKeyring.current.id, "the key file is reused, not replaced")

        let pool = TenantPool(dataDirectory: directory.url, keyring: oldKeyring)
        let tenants = try ["acme", "globex", "initech"].map(TenantID.init)
        for tenant in tenants {
            try await pool.withDatabase(tenant) { try await $0.vault.store(Secret("token-of-\(tenant)"), named: "shopify.access-token") }
        }
        let report = try await pool.rotateMasterKey(tenants: tenants, keyStore: keyStore)
        #expect(report.completed)
        #expect(report.failures.isEmpty)
        #expect(report.resealed == Dictionary(uniqueKeysWithValues: tenants.map { ($0, 1) }))

        let newKeyring = try keyStore.loadKeyring()
        #expect(newKeyring.current.id == report.newKeyID)
        #expect(newKeyring.current.id != oldKeyring.current.id)
        #expect(newKeyring.previous.isEmpty)
        let fresh = TenantPool(dataDirectory: directory.url, keyring: newKeyring)
        for tenant in tenants {
            let value = try await fresh.withDatabase(tenant) { try await $0.vault.secret(named: "shopify.access-token").exposedValue }
            #expect(value == "token-of-\(tenant)")
        }
        let stale = TenantPool(dataDirectory: directory.url, keyring: oldKeyring)
        await #expect(throws: TenantStoreError.self) {
            try await stale.withDatabase(tenants[0]) { try await $0.vault.secret(named: "shopify.access-token") }
        }
    }

    @Test func masterKeyFromTheEnvironmentMustBeThirtyTwoBytes() throws {
        let directory = try TemporaryDirectory()
        let good = Data(repeating: 7, count: 32).base64EncodedString()
        let keyring = try MasterKeyStore(dataDirectory: directory.url, environment: ["SYNCHOST_MASTER_KEY": good]).loadKeyring()
        #expect(keyring.current.id == (try MasterKey(bytes: Data(repeating: 7, count: 32))).id)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("master.key").path))
        for bad in ["not base64!", Data(repeating: 1, count: 16).base64EncodedString()] {
            #expect(throws: TenantStoreError.self) {
                try MasterKeyStore(dataDirectory: directory.url, environment: ["SYNCHOST_MASTER_KEY": bad]).loadKeyring()
            }
        }
    }

    private func copyCredential(from source: TenantDatabase, to target: TenantDatabase, name: String, as newName: String) async throws {
        let row = try await source.connection.read { db in
            try Row.fetchOne(db, sql: "SELECT key_id, sealed FROM credentials WHERE name = ?", arguments: [name])
                .map { (keyID: $0["key_id"] as String, sealed: $0["sealed"] as Data) }
        }
        let copied = try #require(row)
        try await target.connection.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO credentials (name, key_id, sealed, updated_at) VALUES (?, ?, ?, 0)",
                           arguments: [newName, copied.keyID, copied.sealed])
        }
    }
}
