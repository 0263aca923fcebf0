import Foundation

/// What `createShop` hands back: everything an app needs to talk to the shop.
public struct SandboxShopCredentials: Sendable {
    /// The shop's domain, e.g. `acme.myshopify.com`.
    public let domain: String
    /// The Admin API access token (`X-Shopify-Access-Token`).
    public let accessToken: String
    /// The app's client secret that signs this shop's webhooks.
    public let webhookSecret: String
    /// `{baseURL}/{domain}`: prefix of the shop's Admin API paths.
    public let adminBaseURL: URL
}

/// A location of a sandbox shop.
public struct SandboxLocation: Sendable, Equatable {
    /// Numeric id (the REST id, `legacyResourceId`).
    public let id: Int64
    /// GraphQL id, `gid://shopify/Location/{id}`.
    public let gid: String
    /// Display name.
    public let name: String
}

/// A variant to seed with `addProduct`.
public struct SandboxVariantSeed: Sendable {
    /// Stock keeping unit.
    public var sku: String
    /// Price as a decimal string, e.g. "19.99".
    public var price: String
    /// Compare-at price as a decimal string, if any.
    public var compareAtPrice: String?
    /// Available quantity per location id.
    public var inventory: [Int64: Int]

    /// Creates a variant seed.
    public init(sku: String, price: String, compareAtPrice: String? = nil, inventory: [Int64: Int] = [:]) {
        self.sku = sku
        self.price = price
        self.compareAtPrice = compareAtPrice
        self.inventory = inventory
    }
}

/// A variant of a sandbox product.
public struct SandboxVariant: Sendable, Equatable {
    /// Numeric variant id.
    public let id: Int64
    /// `gid://shopify/ProductVariant/{id}`.
    public let gid: String
    /// Stock keeping unit.
    public let sku: String
    /// Price as a decimal string.
    public let price: String
    /// Compare-at price as a decimal string, if any.
    public let compareAtPrice: String?
    /// Numeric inventory item id.
    public let inventoryItemID: Int64
    /// `gid://shopify/InventoryItem/{id}`.
    public let inventoryItemGID: String
}

/// A product of a sandbox shop.
public struct SandboxProduct: Sendable, Equatable {
    /// Numeric product id.
    public let id: Int64
    /// `gid://shopify/Product/{id}`.
    public let gid: String
    /// Title.
    public let title: String
    /// Variants in position order.
    public let variants: [SandboxVariant]
}

/// Receipt of `recordEvent`: the event id that every delivery of this event carries.
public struct SandboxEventReceipt: Sendable, Equatable {
    /// Value of `X-Shopify-Event-Id` on the event's deliveries.
    public let eventID: String
}
