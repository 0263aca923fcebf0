import AsyncHTTPClient
import Foundation
import NetSuiteSandbox
import PluginKit
import ShopifySandbox
import TenantStore
@testable import SyncHost

/// Both sandboxes on loopback, one NetSuite account, and tenants provisioned against them:
/// each with its own shop and its own TBA token on the shared account.
final class SandboxTenantsFixture: Sendable {
    let shopify = ShopifySandbox(configuration: ShopifySandboxConfiguration(timeScale: 600))
    let netsuite = NetSuiteSandbox()
    let host: HostDirectoryFixture
    let account: SandboxNetSuiteAccount
    let httpClient = TenantServicesFactory.makeHTTPClient(maximumAccountLimit: 8)

    init(accountLimit: Int) async throws {
        try await shopify.start()
        try await netsuite.start()
        host = try HostDirectoryFixture()
        account = try await netsuite.createAccount(id: "1234567_SB1", concurrencyLimit: accountLimit)
    }

    /// Provisions tenant `id` (shop `id.myshopify.com`) with real credentials of both sandboxes.
    @discardableResult
    func addTenant(_ id: String, weight: String = "1") async throws -> TenantRecord {
        let shop = try await shopify.createShop(domain: "\(id).myshopify.com")
        let token = try await netsuite.issueTBAToken(account: account.id, label: id)
        var onboarding = try HostDirectoryFixture.onboarding(id, shop: shop.domain, account: account.id, flows: ["orders"])
        onboarding.connection = [
            "shopify.admin_base_url": shop.adminBaseURL.absoluteString,
            "netsuite.rest_base_url": account.restBaseURL.absoluteString,
            "netsuite.token_url": account.tokenURL.absoluteString,
            "netsuite.weight": weight,
        ]
        onboarding.setShopifyCredentials(accessToken: Secret(shop.accessToken), webhookSecret: Secret(shop.webhookSecret))
        onboarding.setNetSuiteTokenBased(consumerKey: token.consumerKey, consumerSecret: Secret(token.consumerSecret),
                                         tokenID: token.tokenID, tokenSecret: Secret(token.tokenSecret))
        return try await host.provisioner.provision(onboarding)
    }

    func stop() async {
        try? await httpClient.shutdown()
        await netsuite.stop()
        await shopify.stop()
        host.remove()
    }
}

extension TenantServices {
    /// The registered service of type `Service`, if any.
    func registered<Service>(_ type: Service.Type) -> Service? {
        byType[ObjectIdentifier(type)] as? Service
    }
}
