import Foundation
import InMemoryLogging
import Logging
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: authentication, schema, secrecy")
struct AuthenticationTests {
    struct UnknownField: ShopifyOperation {
        static let name = "unknownField"
        let document = "query unknownField { shop { name inventoryOverlord } }"
        let variables = ShopifyNoVariables()
        let estimatedCost: Double = 1
        struct Result: Decodable, Sendable {}
    }

    @Test func acceptsTheShopsToken() async throws {
        try await withSandboxShop(currency: "CAD") { shop in
            let info = try await shop.client().shop()
            #expect(info.myshopifyDomain == shop.domain)
            #expect(info.currencyCode == "CAD")
            #expect(!info.name.isEmpty)
            #expect(!info.plan.shopifyPlus)
        }
    }

    @Test func readsThePlusPlan() async throws {
        try await withSandboxShop(plan: .plus) { shop in
            let info = try await shop.client().shop()
            #expect(info.plan.shopifyPlus)
            #expect(!info.plan.publicDisplayName.isEmpty)
        }
    }

    @Test func refusesAWrongTokenAsAnAuthenticationFailure() async throws {
        try await withSandboxShop { shop in
            let error = try await #require(throws: ShopifyError.self) {
                try await shop.client(token: "shpat_wrong").shop()
            }
            #expect(error.failureClass == .authentication)
            #expect(error.code == "http_401")
        }
    }

    @Test func aFieldTheSchemaDoesNotHaveIsPermanent() async throws {
        try await withSandboxShop { shop in
            let error = try await #require(throws: ShopifyError.self) {
                try await shop.client().execute(UnknownField())
            }
            #expect(error.failureClass == .permanent)
            #expect(error.code.hasPrefix("shopify_graphql_"))
            #expect(error.message.contains("inventoryOverlord"))
        }
    }

    @Test func anUnsupportedAPIVersionIsPermanent() async throws {
        try await withSandboxShop { shop in
            let connection = ShopifyConnection(
                shopDomain: shop.domain, adminBaseURL: shop.credentials.adminBaseURL, apiVersion: "2019-04",
                accessToken: Secret(shop.credentials.accessToken))
            let error = try await #require(throws: ShopifyError.self) {
                try await ShopifyAdminClient(
                    connection: connection, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                ).shop()
            }
            #expect(error.code == "http_404")
            #expect(error.failureClass == .permanent)
        }
    }

    @Test func logsNeverCarryTheAccessToken() async throws {
        try await withSandboxShop { shop in
            let (logger, handler) = capturingLogger()
            let token = shop.credentials.accessToken
            _ = try await shop.client(logger: logger).shop()
            _ = try? await shop.client(logger: logger).execute(UnknownField())
            let refused = try await #require(throws: ShopifyError.self) {
                try await shop.client(token: token + "x", logger: logger).shop()
            }
            #expect(handler.entries.count >= 3)
            for entry in handler.entries {
                let text = "\(entry.message) \(entry.metadata) \(String(describing: entry.error))"
                #expect(!text.contains(token))
            }
            #expect(!"\(refused)".contains(token))
            #expect(!"\(shop.client().connection)".contains(token))
        }
    }
}
