import Crypto
import Foundation
import PluginKit
import Testing
import TenantStore
@testable import SyncHost

@Suite struct TenantProvisionerTests {
    @Test func aValidOnboardingWritesTheTenantThenTheCatalog() async throws {
        let host = try HostDirectoryFixture()
        defer { host.remove() }
        let onboarding = try HostDirectoryFixture.onboarding()
        let record = try await host.provisioner.provision(onboarding)
        #expect(host.catalog.tenant(id: record.id) == record)
        #expect(record.shopDomain == "acme-outdoor.myshopify.com")
        let (names, token, scopes, flows) = try await host.pool.withDatabase(record.id) { database in
            (try await database.vault.names(), try await database.vault.secret(named: TenantSecretNames.netSuiteTokenSecret),
             try await database.settings.allScopes(), try await database.settings.enabledFlowsIfChosen())
        }
        #expect(Set(names) == Set(onboarding.secrets.keys))
        #expect(token.exposedValue == "ts_value_ghi")
        #expect(scopes["connection"] == ["netsuite.rest_base_url": "http://127.0.0.1:9/1234567_SB1", "shopify.api_version": "2026-01",
                                         "netsuite.weight": "2", "netsuite.auth": "tba"])
        #expect(scopes["orders"]?["discount_item"] == "77")
        #expect(flows == ["orders", "inventory"])
        // No secret value went into the settings.
        let settingsText = "\(scopes)"
        for secret in onboarding.secrets.values { #expect(!settingsText.contains(secret.exposedValue)) }
    }

    @Test func runningItAgainUpdatesAndRotatesTheWebhookSecret() async throws {
        let host = try HostDirectoryFixture()
        defer { host.remove() }
        var onboarding = try HostDirectoryFixture.onboarding()
        try await host.provisioner.provision(onboarding)
        try await host.provisioner.provision(onboarding)
        onboarding.setShopifyCredentials(accessToken: Secret("shpat_token_value_123"), webhookSecret: Secret("whsec_new"))
        onboarding.enabledFlows = ["orders"]
        onboarding.flowSettings["orders"] = ["discount_item": "88"]
        onboarding.setNetSuiteMachineToMachine(clientID: "client-1", certificateID: "cert-1",
                                               privateKeyPEM: Secret(P256.Signing.PrivateKey().pemRepresentation))
        try await host.provisioner.provision(onboarding)
        let (current, previous, names, orders, flows) = try await host.pool.withDatabase(onboarding.id) { database in
            (try await database.vault.secret(named: WebhookSecretNames.current).exposedValue,
             try await database.vault.secret(named: WebhookSecretNames.previous).exposedValue,
             try await database.vault.names(), try await database.settings.values(scope: "orders"),
             try await database.settings.enabledFlows())
        }
        #expect(current == "whsec_new")
        #expect(previous == "whsec_value_456")
        #expect(!names.contains(TenantSecretNames.netSuiteTokenSecret), "the tba credentials were replaced by m2m")
        #expect(names.contains(TenantSecretNames.netSuitePrivateKey))
        #expect(orders == ["discount_item": "88"])
        #expect(flows == ["orders"])
        #expect(host.catalog.tenants().count == 1)
    }

    /// Each bad input, the field the refusal must name.
    private static let refusals: [(String, @Sendable (inout TenantOnboarding) -> Void)] = [
        ("record", { $0.shopDomain = "acme.example.com" }),
        ("record", { $0.subsidiaryID = "two" }),
        ("enabledFlows", { $0.enabledFlows.insert("payouts") }),
        ("settings.payouts", { $0.flowSettings["payouts"] = ["x": "1"] }),
        ("orders.unknown_key", { $0.flowSettings["orders"]?["unknown_key"] = "1" }),
        ("orders.max_lines", { $0.flowSettings["orders"]?["max_lines"] = "many" }),
        ("orders.tolerance", { $0.flowSettings["orders"]?["tolerance"] = "1,5" }),
        ("orders.post_drafts", { $0.flowSettings["orders"]?["post_drafts"] = "perhaps" }),
        ("orders.ship_methods", { $0.flowSettings["orders"]?["ship_methods"] = "UPS" }),
        ("orders.discount_item", { $0.flowSettings["orders"]?["discount_item"] = nil }),
        ("connection.netsuite.rest_base_url", { $0.connection["netsuite.rest_base_url"] = "not a url" }),
        ("connection.shopify.admin_base_url", { $0.connection["shopify.admin_base_url"] = "ftp://shop.example" }),
        ("connection.shopify.api_version", { $0.connection["shopify.api_version"] = "latest" }),
        ("connection.netsuite.auth", { $0.connection["netsuite.auth"] = "password" }),
        ("connection.netsuite.weight", { $0.connection["netsuite.weight"] = "0" }),
        ("connection.netsuite.token_url", { $0.connection["netsuite.token_url"] = "https://elsewhere.example/token" }),
        ("connection.api_key", { $0.connection["api_key"] = "abc" }),
        ("connection.netsuite.auth", { $0.connection["netsuite.auth"] = nil; for name in TenantSecretNames.tokenBased { $0.secrets[name] = nil } }),
        ("secret netsuite.tba.token-secret", { $0.secrets[TenantSecretNames.netSuiteTokenSecret] = nil }),
        ("secret netsuite.tba.consumer-key", { $0.secrets[TenantSecretNames.netSuiteConsumerKey] = Secret("  ") }),
        ("secret netsuite.m2m.private-key", { $0.setNetSuiteMachineToMachine(clientID: "client-x1", certificateID: "cert-x1", privateKeyPEM: Secret("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----")) }),
        ("secret netsuite.m2m.client-id", { $0.connection["netsuite.auth"] = "m2m" }),
        ("secret netsuite.m2m.client-id", { $0.secrets[TenantSecretNames.netSuiteClientID] = Secret("stray") }),
        ("secret shopify.access-token", { $0.secrets[TenantSecretNames.shopifyAccessToken] = nil }),
        ("secret netsuite.events-secret", { $0.secrets[TenantSecretNames.netSuiteEventsSecret] = nil }),
        ("secret shopify.password", { $0.secrets["shopify.password"] = Secret("hunter2") }),
    ]

    @Test(arguments: 0..<refusals.count)
    func aBadInputIsRefusedNamingTheFieldAndWritesNothing(_ index: Int) async throws {
        let host = try HostDirectoryFixture()
        defer { host.remove() }
        let (field, breakIt) = Self.refusals[index]
        var onboarding = try HostDirectoryFixture.onboarding()
        breakIt(&onboarding)
        do {
            try await host.provisioner.provision(onboarding)
            Issue.record("provisioning with a bad \(field) succeeded")
        } catch let error as TenantConfigurationError {
            #expect(error.field == field, "refusal: \(error)")
            for secret in onboarding.secrets.values { #expect(!"\(error)".contains(secret.exposedValue), "no secret in the error") }
        }
        #expect(host.catalog.tenants().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: host.catalog.directory(for: onboarding.id).path), "no tenant folder")
        #expect(await host.pool.openCount == 0)
    }

    @Test func aConflictWithTheCatalogIsRefusedBeforeWriting() async throws {
        let host = try HostDirectoryFixture()
        defer { host.remove() }
        try await host.provisioner.provision(try HostDirectoryFixture.onboarding("acme"))
        // Another tenant claiming the same shop.
        let thief = try HostDirectoryFixture.onboarding("thief")
        await #expect { try await host.provisioner.provision(thief) } throws: { ($0 as? TenantConfigurationError)?.field == "record.shopDomain" }
        #expect(!FileManager.default.fileExists(atPath: host.catalog.directory(for: thief.id).path))
        // The same id with another account cannot be changed in place.
        let moved = try HostDirectoryFixture.onboarding("acme", account: "7654321")
        await #expect { try await host.provisioner.provision(moved) } throws: { ($0 as? TenantConfigurationError)?.field == "record.netsuiteAccountID" }
        #expect(host.catalog.tenants().map(\.netsuiteAccountID) == ["1234567_SB1"])
    }

    @Test func aTenantWithoutFlowsNeedsNoCredentials() async throws {
        let host = try HostDirectoryFixture()
        defer { host.remove() }
        let onboarding = TenantOnboarding(id: try TenantID("quiet"), displayName: "Quiet", shopDomain: "quiet.myshopify.com",
                                          netsuiteAccountID: "1234567", subsidiaryID: "3")
        try await host.provisioner.provision(onboarding)
        #expect(host.catalog.tenant(id: onboarding.id) != nil)
        #expect(try await host.pool.withDatabase(onboarding.id) { try await $0.settings.enabledFlowsIfChosen() } == Set<String>())
    }
}
