import Foundation
import GRDB
import Testing
@testable import TenantStore

@Suite struct TenantSettingsTests {
    @Test func settingsRoundTripByScope() async throws {
        let fixture = try TenantFixture()
        let settings = fixture.database.settings
        #expect(try await settings.values(scope: "orders").isEmpty)
        try await settings.replace(scope: "orders", with: ["discount_item": "77", "tolerance": "0.01"])
        try await settings.replace(scope: TenantSettingsStore.connectionScope, with: ["netsuite.auth": "tba"])
        #expect(try await settings.values(scope: "orders") == ["discount_item": "77", "tolerance": "0.01"])

        try await settings.set("0.05", key: "tolerance", scope: "orders")
        try await settings.set("x=y", key: "ship_methods", scope: "orders")
        try await settings.set(nil, key: "discount_item", scope: "orders")
        #expect(try await settings.values(scope: "orders") == ["tolerance": "0.05", "ship_methods": "x=y"])

        // Replacing a scope drops the keys not given, and leaves other scopes alone.
        try await settings.replace(scope: "orders", with: ["tolerance": "0.02"])
        #expect(try await settings.allScopes() == ["orders": ["tolerance": "0.02"], "connection": ["netsuite.auth": "tba"]])
        try await settings.replace(scope: "orders", with: [:])
        #expect(try await settings.allScopes() == ["connection": ["netsuite.auth": "tba"]])

        // Another connection (another process) sees what was written.
        let other = try fixture.secondConnection()
        #expect(try await other.settings.values(scope: "connection") == ["netsuite.auth": "tba"])
        try other.close()
    }

    @Test func enabledFlowsTellNeverChosenFromNone() async throws {
        let fixture = try TenantFixture()
        let settings = fixture.database.settings
        #expect(try await settings.enabledFlowsIfChosen() == nil)
        #expect(try await settings.enabledFlows() == [])
        try await settings.setEnabledFlows(["orders", "inventory"])
        #expect(try await settings.enabledFlows() == ["orders", "inventory"])
        try await settings.setEnabledFlows(["orders"])
        #expect(try await settings.enabledFlowsIfChosen() == ["orders"])
        try await settings.setEnabledFlows([])
        #expect(try await settings.enabledFlowsIfChosen() == Set<String>())
    }

    @Test func invalidNamesAreRefusedBeforeWriting() async throws {
        let fixture = try TenantFixture()
        let settings = fixture.database.settings
        await #expect(throws: TenantStoreError.self) { try await settings.set("1", key: "Bad Key", scope: "orders") }
        await #expect(throws: TenantStoreError.self) { try await settings.replace(scope: "", with: ["a": "b"]) }
        await #expect(throws: TenantStoreError.self) { try await settings.replace(scope: "orders", with: ["ok": "1", "../x": "2"]) }
        await #expect(throws: TenantStoreError.self) { try await settings.setEnabledFlows(["orders", "Orders!"]) }
        #expect(try await settings.allScopes().isEmpty)
        #expect(try await settings.enabledFlowsIfChosen() == nil)
    }

    @Test func aVersion2DatabaseIsMigratedAndKeepsItsData() async throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("acme")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("tenant.sqlite")
        // A database as the previous release left it: migrated up to v2, with a delivery in it.
        do {
            let queue = try DatabaseQueue(path: file.path)
            try TenantSchema.migrator.migrate(queue, upTo: "v2 webhook deliveries")
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO deliveries (source, delivery_id, event_id, topic, received_at)
                    VALUES ('shopify', 'w1', 'e1', 'orders/create', 0)
                    """)
            }
            let tables = try await queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
            #expect(!tables.contains("settings"))
            try queue.close()
        }
        let database = try TenantDatabase(tenantID: TenantID("acme"), directory: folder, keyring: MasterKeyring(current: .generate()))
        defer { try? database.close() }
        let applied = try await database.connection.read { db in try TenantSchema.migrator.appliedMigrations(db) }
        #expect(applied.last == "v3 settings")
        let deliveries = try await database.connection.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries") }
        #expect(deliveries == 1)
        #expect(try await database.settings.enabledFlowsIfChosen() == nil, "an existing tenant has not chosen flows")
        try await database.settings.set("tba", key: "netsuite.auth", scope: "connection")
        #expect(try await database.settings.values(scope: "connection") == ["netsuite.auth": "tba"])
    }
}
