import PluginKit

/// A new price (and compare-at price) for one variant.
public struct ShopifyVariantPriceUpdate: Sendable, Equatable, Encodable {
    /// The variant's global id.
    public let id: String
    /// The new price, as Shopify's `Money` string.
    public let price: String
    /// The new compare-at price; nil leaves it untouched. Use ``clearCompareAtPrice`` to remove it.
    public let compareAtPrice: String?
    /// Whether to remove the compare-at price (sent as an explicit `null`).
    public let clearCompareAtPrice: Bool

    /// Creates a price update from ``Money`` values (written with two decimals).
    public init(variantID: String, price: Money, compareAtPrice: Money? = nil, clearCompareAtPrice: Bool = false) {
        self.id = variantID
        self.price = price.formatted()
        self.compareAtPrice = compareAtPrice?.formatted()
        self.clearCompareAtPrice = clearCompareAtPrice && compareAtPrice == nil
    }

    private enum CodingKeys: String, CodingKey { case id, price, compareAtPrice }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(price, forKey: .price)
        if let compareAtPrice {
            try container.encode(compareAtPrice, forKey: .compareAtPrice)
        } else if clearCompareAtPrice {
            try container.encodeNil(forKey: .compareAtPrice)
        }
    }
}

/// A variant's prices as Shopify stored them.
public struct ShopifyVariantPrice: Sendable, Equatable, Decodable {
    /// The variant's global id.
    public let id: String
    /// The price string.
    public let price: String
    /// The compare-at price string, if any.
    public let compareAtPrice: String?
}

struct ProductVariantsBulkUpdateMutation: ShopifyOperation {
    static let name = "productVariantsBulkUpdate"
    let document = """
        mutation productVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!, $allowPartialUpdates: Boolean) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: $allowPartialUpdates) {
            productVariants { id price compareAtPrice }
            userErrors { code field message }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let productId: String
        let variants: [ShopifyVariantPriceUpdate]
        let allowPartialUpdates: Bool
    }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Payload: Decodable, Sendable {
        let productVariants: [ShopifyVariantPrice]?
        let userErrors: [ShopifyUserError]
    }
    struct Result: Decodable, Sendable { let productVariantsBulkUpdate: Payload? }
}

extension ShopifyAdminClient {
    /// Updates the prices of variants of one product, in batches of at most 250.
    /// Returns the prices Shopify stored; user errors are thrown as a permanent ``ShopifyError``.
    public func updateVariantPrices(productID: String, _ updates: [ShopifyVariantPriceUpdate]) async throws -> [ShopifyVariantPrice] {
        var stored: [ShopifyVariantPrice] = []
        for batch in updates.batched(configuration.maximumBatchSize) {
            let variables = ProductVariantsBulkUpdateMutation.Variables(productId: productID, variants: batch, allowPartialUpdates: false)
            let result = try await execute(ProductVariantsBulkUpdateMutation(variables: variables))
            guard let payload = result.productVariantsBulkUpdate else {
                throw ShopifyError.malformedResponse(detail: "productVariantsBulkUpdate returned no payload")
            }
            guard payload.userErrors.isEmpty else {
                throw ShopifyError.userErrors(payload.userErrors, operation: ProductVariantsBulkUpdateMutation.name)
            }
            stored += payload.productVariants ?? []
        }
        return stored
    }
}
