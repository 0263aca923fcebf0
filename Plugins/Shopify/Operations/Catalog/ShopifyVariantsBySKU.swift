import Foundation
import PluginKit

/// A product variant found by SKU, with what the pricing and inventory flows need.
public struct ShopifyVariant: Sendable, Equatable, Decodable {
    /// The variant's global id.
    public let id: String
    /// The SKU (nil or empty when the merchant set none).
    public let sku: String?
    /// The price as Shopify's `Money` scalar string, e.g. `"19.99"`, in the shop currency.
    public let price: String
    /// The compare-at price string, if any.
    public let compareAtPrice: String?
    /// The product the variant belongs to.
    public let product: ProductReference
    /// The variant's inventory item.
    public let inventoryItem: InventoryItemReference

    /// The owning product.
    public struct ProductReference: Sendable, Equatable, Decodable {
        /// The product's global id.
        public let id: String
        /// The product's title.
        public let title: String
    }

    /// The variant's inventory item.
    public struct InventoryItemReference: Sendable, Equatable, Decodable {
        /// The inventory item's global id.
        public let id: String
        /// Whether Shopify tracks its quantities.
        public let tracked: Bool
    }

    /// The price as ``Money`` in `currency` (the shop's currency).
    public func price(currency: String) throws -> Money { try Money(price, currency: currency) }

    /// The compare-at price as ``Money`` in `currency`, if set.
    public func compareAtPrice(currency: String) throws -> Money? {
        try compareAtPrice.map { try Money($0, currency: currency) }
    }
}

struct VariantsBySKUQuery: ShopifyOperation {
    static let name = "productVariantsBySku"
    let document = """
        query productVariantsBySku($first: Int!, $after: String, $query: String!) {
          productVariants(first: $first, after: $after, query: $query) {
            nodes {
              id sku price compareAtPrice
              product { id title }
              inventoryItem { id tracked }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let first: Int
        let after: String?
        let query: String
    }
    let variables: Variables
    var estimatedCost: Double { Double(variables.first) * 3 + 2 }
    var costKey: String { "\(Self.name)/\(variables.first)" }

    struct Result: Decodable, Sendable { let productVariants: ShopifyPage<ShopifyVariant> }
}

extension ShopifyAdminClient {
    /// The variants whose SKU is one of `skus`, searched in batches (`sku:A OR sku:B ...`).
    ///
    /// Shopify's search may match loosely, so only exact SKU matches are returned. A SKU
    /// shared by several variants returns all of them: the caller decides what a duplicate means.
    public func variants(skus: [String], batchSize: Int = 50) async throws -> [ShopifyVariant] {
        let wanted = Set(skus.filter { !$0.isEmpty })
        guard !wanted.isEmpty else { return [] }
        var found: [ShopifyVariant] = []
        for batch in Array(wanted).sorted().batched(min(batchSize, configuration.maximumBatchSize)) {
            let query = ShopifySearchSyntax.anyOf("sku", batch)
            var cursor: String?
            // Bounded: a batch of n SKUs with duplicates cannot need more than a few pages.
            for _ in 0..<20 {
                let variables = VariantsBySKUQuery.Variables(first: batch.count, after: cursor, query: query)
                let page = try await execute(VariantsBySKUQuery(variables: variables)).productVariants
                found += page.nodes.filter { $0.sku.map(wanted.contains) ?? false }
                guard page.pageInfo.hasNextPage, let next = page.pageInfo.endCursor else { break }
                cursor = next
            }
        }
        return found
    }
}
