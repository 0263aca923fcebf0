import Foundation

/// The shop's identity, currency and plan (the onboarding check reads it first).
public struct ShopifyShopInfo: Sendable, Equatable, Decodable {
    /// The shop's global id.
    public let id: String
    /// The shop's name.
    public let name: String
    /// `name.myshopify.com`.
    public let myshopifyDomain: String
    /// The shop's currency (ISO 4217), the currency of `shopMoney`.
    public let currencyCode: String
    /// The billing plan.
    public let plan: ShopifyShopPlan
}

/// The shop's billing plan (`Shop.plan`, type `ShopPlan` in 2026-01).
public struct ShopifyShopPlan: Sendable, Equatable, Decodable {
    /// The public plan name: Basic, Grow, Advanced, Plus, ...
    public let publicDisplayName: String
    /// Whether the shop is on Shopify Plus (a ten times larger and faster cost bucket).
    public let shopifyPlus: Bool
    /// Whether the shop is a partner development store.
    public let partnerDevelopment: Bool
}

struct ShopQuery: ShopifyOperation {
    static let name = "shop"
    let document = """
        query shop {
          shop {
            id name myshopifyDomain currencyCode
            plan { publicDisplayName shopifyPlus partnerDevelopment }
          }
        }
        """
    let variables = ShopifyNoVariables()
    let estimatedCost: Double = 2

    struct Result: Decodable, Sendable { let shop: ShopifyShopInfo }
}

extension ShopifyAdminClient {
    /// The shop's name, domain, currency and plan.
    public func shop() async throws -> ShopifyShopInfo {
        try await execute(ShopQuery()).shop
    }
}
