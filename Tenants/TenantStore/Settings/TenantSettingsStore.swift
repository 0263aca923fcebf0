import Foundation
import GRDB

/// A tenant's configuration that is not secret, kept in its own database so it moves, backs
/// up and is deleted with the tenant:
/// - settings by scope: a plugin id for that plugin's settings (`orders` -> `discount_item`),
///   and ``connectionScope`` for the endpoints the host connects to
///   (`shopify.admin_base_url`, `netsuite.rest_base_url`, `netsuite.auth`, ...);
/// - the flows the tenant enabled.
///
/// Secrets (tokens, keys, signing secrets) never go here: they are sealed in the
/// ``CredentialVault``. Values are stored as written; their types are checked by whoever
/// writes them (the host's provisioning) against the plugin's declared settings.
public struct TenantSettingsStore: Sendable {
    /// The scope of the host's connection settings (endpoints, auth kind, share weight).
    public static let connectionScope = "connection"

    let writer: any DatabaseWriter
    let clock: any WallClock

    /// The settings of one scope, by key (empty if the scope has none).
    public func values(scope: String) async throws -> [String: String] {
        try await writer.read { db -> [String: String] in
            var values: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE scope = ?", arguments: [scope]) {
                values[row["key"]] = row["value"] as String
            }
            return values
        }
    }

    /// Every scope's settings, by scope then key. Scopes without settings are absent.
    public func allScopes() async throws -> [String: [String: String]] {
        try await writer.read { db -> [String: [String: String]] in
            var scopes: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT scope, key, value FROM settings") {
                scopes[row["scope"] as String, default: [:]][row["key"]] = row["value"] as String
            }
            return scopes
        }
    }

    /// Replaces every setting of `scope` with `values`, in one transaction (an empty map
    /// clears the scope).
    public func replace(scope: String, with values: [String: String]) async throws {
        try Self.validate(scope: scope)
        for key in values.keys { try Self.validate(key: key) }
        let now = clock.now().millisecondsSince1970
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM settings WHERE scope = ?", arguments: [scope])
            for (key, value) in values {
                try db.execute(sql: "INSERT INTO settings (scope, key, value, updated_at) VALUES (?, ?, ?, ?)",
                               arguments: [scope, key, value, now])
            }
        }
    }

    /// Sets one setting; a nil `value` removes it.
    public func set(_ value: String?, key: String, scope: String) async throws {
        try Self.validate(scope: scope)
        try Self.validate(key: key)
        let now = clock.now().millisecondsSince1970
        try await writer.write { db in
            if let value {
                try db.execute(sql: """
                    INSERT INTO settings (scope, key, value, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """, arguments: [scope, key, value, now])
            } else {
                try db.execute(sql: "DELETE FROM settings WHERE scope = ? AND key = ?", arguments: [scope, key])
            }
        }
    }

    /// The flows the tenant enabled; empty if none, or if they were never chosen (see
    /// ``enabledFlowsIfChosen()`` to tell the two apart).
    public func enabledFlows() async throws -> Set<String> {
        try await enabledFlowsIfChosen() ?? []
    }

    /// The flows the tenant enabled, or nil if they were never chosen: a tenant created
    /// before flows could be chosen, which the host treats as "every installed flow".
    public func enabledFlowsIfChosen() async throws -> Set<String>? {
        try await writer.read { db -> Set<String>? in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM flow_selection WHERE id = 1") == true else { return nil }
            return Set(try String.fetchAll(db, sql: "SELECT flow FROM enabled_flows"))
        }
    }

    /// Replaces the set of enabled flows (an empty set enables none), in one transaction.
    public func setEnabledFlows(_ flows: Set<String>) async throws {
        for flow in flows { try Self.validate(key: flow) }
        let now = clock.now().millisecondsSince1970
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM enabled_flows")
            for flow in flows {
                try db.execute(sql: "INSERT INTO enabled_flows (flow) VALUES (?)", arguments: [flow])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO flow_selection (id, updated_at) VALUES (1, ?)", arguments: [now])
        }
    }

    static func validate(scope: String) throws {
        guard isName(scope) else {
            throw TenantStoreError(.invalidTenantConfiguration,
                                   "setting scope '\(scope.prefix(60))' must be 1 to 100 lowercase letters, digits, '.', '_' or '-'")
        }
    }

    static func validate(key: String) throws {
        guard isName(key) else {
            throw TenantStoreError(.invalidTenantConfiguration,
                                   "setting or flow name '\(key.prefix(60))' must be 1 to 100 lowercase letters, digits, '.', '_' or '-'")
        }
    }

    private static func isName(_ name: String) -> Bool {
        (1...100).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}
