import Foundation
import Logging
import NetSuite
import PluginKit
import TenantStore

/// Brings a tenant onto the host from a ``TenantOnboarding``:
/// 1. validates everything first, writing nothing when anything is wrong: the catalog
///    record, that the id and shop are not another tenant's, known flows, every setting key
///    declared by its plugin with a value of the declared kind, required settings of enabled
///    flows present, connection URLs, and secrets complete for the chosen NetSuite auth;
/// 2. writes the tenant's database: secrets to the vault, connection and flow settings,
///    enabled flows;
/// 3. adds the catalog record last, so a half-provisioned tenant is never routed to.
///
/// Running it again for a provisioned tenant with the same catalog fields updates its
/// secrets, settings and flows (a changed webhook secret keeps the old one as the
/// rotation's previous secret). A different shop, account or subsidiary for an existing id
/// is refused: the catalog has no in-place update of those.
public struct TenantProvisioner: Sendable {
    private let catalog: TenantCatalog
    private let pool: TenantPool
    private let registry: PluginRegistry
    private let logger: Logger

    public init(catalog: TenantCatalog, pool: TenantPool, registry: PluginRegistry, logger: Logger = Logger(label: "synchost.provisioning")) {
        self.catalog = catalog
        self.pool = pool
        self.registry = registry
        self.logger = logger
    }

    /// Validates and writes the tenant; returns its catalog record.
    /// - Throws: ``TenantConfigurationError`` naming the field, before anything is written;
    ///   a ``TenantStoreError`` if storage fails while writing.
    @discardableResult
    public func provision(_ onboarding: TenantOnboarding) async throws -> TenantRecord {
        let (record, existing) = try validate(onboarding)
        let secrets = onboarding.secrets
        let connection = onboarding.connection
        let flowSettings = onboarding.flowSettings
        let enabledFlows = onboarding.enabledFlows
        let pluginIDs = registry.plugins.map(\.descriptor.id)
        try await pool.withDatabase(record.id) { database in
            for (name, secret) in secrets.sorted(by: { $0.key < $1.key }) {
                if name == TenantSecretNames.shopifyWebhookSecret,
                   let current = try await database.vault.storedSecret(named: name), current.secret != secret {
                    // Shopify keeps signing with the old secret for a while after a rotation.
                    try await database.vault.store(current.secret, named: TenantSecretNames.shopifyPreviousWebhookSecret)
                }
                try await database.vault.store(secret, named: name)
            }
            // Credentials of the NetSuite auth method not chosen must not linger in the vault.
            for name in TenantSecretNames.tokenBased + TenantSecretNames.machineToMachine where secrets[name] == nil {
                try await database.vault.remove(named: name)
            }
            try await database.settings.replace(scope: TenantSettingsStore.connectionScope, with: connection)
            for plugin in pluginIDs {
                try await database.settings.replace(scope: plugin, with: flowSettings[plugin] ?? [:])
            }
            try await database.settings.setEnabledFlows(enabledFlows)
        }
        if let existing {
            if existing.status != record.status { try catalog.setStatus(record.status, for: record.id) }
        } else {
            try catalog.add(record)
        }
        logger.info("tenant provisioned", metadata: [
            "tenant": "\(record.id)", "flows": "\(enabledFlows.sorted().joined(separator: ","))",
            "credentials": "\(secrets.keys.sorted().joined(separator: ","))", "update": "\(existing != nil)",
        ])
        return catalog.tenant(id: record.id) ?? record
    }

    /// Checks everything ``provision(_:)`` would write, reading only the catalog.
    /// Returns the record to add and the tenant's current record, if it exists.
    /// - Throws: ``TenantConfigurationError`` naming the first bad field.
    public func validate(_ onboarding: TenantOnboarding) throws -> (record: TenantRecord, existing: TenantRecord?) {
        let record: TenantRecord
        do {
            record = try TenantRecord(id: onboarding.id, displayName: onboarding.displayName, shopDomain: onboarding.shopDomain,
                                      netsuiteAccountID: onboarding.netsuiteAccountID, subsidiaryID: onboarding.subsidiaryID,
                                      status: onboarding.status)
        } catch let error as TenantStoreError {
            throw TenantConfigurationError(field: "record", problem: error.message)
        }
        let existing = try checkCatalog(record)
        try checkFlows(onboarding)
        let connection = try TenantConnectionSettings(onboarding.connection)
        if let tokenURL = connection.netSuiteTokenURL {
            let derived = TenantConnectionSettings.derivedTokenURL(accountID: record.netsuiteAccountID, restBaseURL: connection.netSuiteRESTBaseURL)
            guard tokenURL.absoluteString == derived.absoluteString else {
                throw TenantConfigurationError(field: "connection.\(TenantConnectionSettings.Key.netSuiteTokenURL)",
                                               problem: "must be the token endpoint under the REST base, \(derived.absoluteString)")
            }
        }
        try checkSecrets(onboarding, auth: connection.netSuiteAuth)
        return (record, existing)
    }

    private func checkCatalog(_ record: TenantRecord) throws -> TenantRecord? {
        if let owner = catalog.tenant(forShopDomain: record.shopDomain), owner.id != record.id {
            throw TenantConfigurationError(field: "record.shopDomain", problem: "\(record.shopDomain) already belongs to tenant \(owner.id)")
        }
        guard let existing = catalog.tenant(id: record.id) else { return nil }
        let differences = [
            ("record.displayName", existing.displayName != record.displayName),
            ("record.shopDomain", existing.shopDomain != record.shopDomain),
            ("record.netsuiteAccountID", existing.netsuiteAccountID != record.netsuiteAccountID),
            ("record.subsidiaryID", existing.subsidiaryID != record.subsidiaryID),
        ]
        if let (field, _) = differences.first(where: \.1) {
            throw TenantConfigurationError(field: field, problem: "differs from tenant \(record.id) already in the catalog; remove the tenant to change it")
        }
        return existing
    }

    private func checkFlows(_ onboarding: TenantOnboarding) throws {
        let installed = registry.plugins.map(\.descriptor.id).sorted()
        for flow in onboarding.enabledFlows.sorted() where registry.plugin(id: flow) == nil {
            throw TenantConfigurationError(field: "enabledFlows", problem: "names unknown flow '\(flow.prefix(60))' (installed: \(installed.joined(separator: ", ")))")
        }
        for (scope, values) in onboarding.flowSettings.sorted(by: { $0.key < $1.key }) {
            guard let plugin = registry.plugin(id: scope) else {
                throw TenantConfigurationError(field: "settings.\(scope.prefix(60))", problem: "is not an installed flow (installed: \(installed.joined(separator: ", ")))")
            }
            let declared = Dictionary(plugin.descriptor.settings.map { ($0.key, $0) }) { first, _ in first }
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                guard let setting = declared[key] else {
                    throw TenantConfigurationError(field: "\(scope).\(key.prefix(60))",
                                                   problem: "is not a setting of \(scope) (declared: \(declared.keys.sorted().joined(separator: ", ")))")
                }
                try check(value, of: setting, scope: scope)
            }
        }
        for flow in onboarding.enabledFlows.sorted() {
            guard let plugin = registry.plugin(id: flow) else { continue }
            for setting in plugin.descriptor.settings where setting.defaultValue == nil {
                let given = onboarding.flowSettings[flow]?[setting.key]?.trimmingCharacters(in: .whitespaces) ?? ""
                guard !given.isEmpty else {
                    throw TenantConfigurationError(field: "\(flow).\(setting.key)", problem: "is required by the enabled flow \(flow) (\(setting.summary))")
                }
            }
        }
    }

    /// Parses the value as the flow will read it, through ``FlowSettings``, so provisioning
    /// and the running flow agree on what is valid.
    private func check(_ value: String, of setting: PluginSetting, scope: String) throws {
        let settings = FlowSettings(given: [setting.key: value])
        do {
            switch setting.kind {
            case .string: _ = try settings.string(setting.key)
            case .integer: _ = try settings.integer(setting.key)
            case .decimal: _ = try settings.decimal(setting.key)
            case .boolean: _ = try settings.boolean(setting.key)
            case .map: _ = try settings.map(setting.key)
            }
        } catch let error as SettingError {
            throw TenantConfigurationError(field: "\(scope).\(setting.key)", problem: error.problem)
        }
    }

    private func checkSecrets(_ onboarding: TenantOnboarding, auth: NetSuiteAuthMethod?) throws {
        let secrets = onboarding.secrets
        for (name, secret) in secrets.sorted(by: { $0.key < $1.key }) {
            guard TenantSecretNames.all.contains(name) else {
                throw TenantConfigurationError(field: "secret \(name.prefix(60))", problem: "is not a known credential name (known: \(TenantSecretNames.all.sorted().joined(separator: ", ")))")
            }
            guard !secret.exposedValue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw TenantConfigurationError(field: "secret \(name)", problem: "is empty")
            }
        }
        let runsFlows = !onboarding.enabledFlows.isEmpty
        if runsFlows {
            for name in [TenantSecretNames.shopifyAccessToken, TenantSecretNames.shopifyWebhookSecret] where secrets[name] == nil {
                throw TenantConfigurationError(field: "secret \(name)", problem: "is required when flows are enabled")
            }
        }
        guard let auth else {
            if runsFlows {
                throw TenantConfigurationError(field: "connection.\(TenantConnectionSettings.Key.netSuiteAuth)",
                                               problem: "is required when flows are enabled (tba or m2m)")
            }
            if let stray = secrets.keys.sorted().first(where: { (TenantSecretNames.tokenBased + TenantSecretNames.machineToMachine).contains($0) }) {
                throw TenantConfigurationError(field: "secret \(stray)", problem: "is given but connection.netsuite.auth is not set")
            }
            return try checkEventsSecret(onboarding)
        }
        for name in auth.secretNames where secrets[name] == nil {
            throw TenantConfigurationError(field: "secret \(name)", problem: "is required for NetSuite auth \(auth.rawValue)")
        }
        let other = auth == .tokenBased ? TenantSecretNames.machineToMachine : TenantSecretNames.tokenBased
        if let stray = other.first(where: { secrets[$0] != nil }) {
            throw TenantConfigurationError(field: "secret \(stray)", problem: "does not belong to NetSuite auth \(auth.rawValue)")
        }
        if auth == .machineToMachine, let key = secrets[TenantSecretNames.netSuitePrivateKey] {
            do {
                _ = try NetSuiteCredentials.machineToMachine(clientID: "check", certificateID: "check", privateKeyPEM: key)
            } catch {
                throw TenantConfigurationError(field: "secret \(TenantSecretNames.netSuitePrivateKey)", problem: "is not a P-256 private key in PEM form")
            }
        }
        try checkEventsSecret(onboarding)
    }

    /// A flow that consumes pushed NetSuite events needs the secret they are signed with.
    private func checkEventsSecret(_ onboarding: TenantOnboarding) throws {
        guard onboarding.secrets[TenantSecretNames.netSuiteEventsSecret] == nil else { return }
        if let flow = onboarding.enabledFlows.sorted().first(where: { !(registry.plugin(id: $0)?.descriptor.pushedEvents.isEmpty ?? true) }) {
            throw TenantConfigurationError(field: "secret \(TenantSecretNames.netSuiteEventsSecret)",
                                           problem: "is required by the enabled flow \(flow), which consumes pushed NetSuite events")
        }
    }
}
