import Foundation
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: catalog")
struct CatalogTests {
    @Test func findsVariantsBySKU() async throws {
        try await withSandboxShop { shop in
            _ = try await shop.sandbox.addProduct(shop: shop.domain, title: "Shirt", variants: [
                SandboxVariantSeed(sku: "SHIRT-S", price: "19.99", compareAtPrice: "24.99"),
                SandboxVariantSeed(sku: "SHIRT-M", price: "19.99"),
            ])
            _ = try await shop.sandbox.addProduct(shop: shop.domain, title: "Cap", variants: [SandboxVariantSeed(sku: "CAP", price: "12.00")])
            let found = try await shop.client().variants(skus: ["SHIRT-M", "CAP", "NOT-THERE"])
            #expect(Set(found.compactMap(\.sku)) == ["SHIRT-M", "CAP"])
            let cap = try #require(found.first { $0.sku == "CAP" })
            #expect(cap.product.title == "Cap")
            #expect(try cap.price(currency: "USD") == Money("12.00", currency: "USD"))
            #expect(cap.inventoryItem.id.hasPrefix("gid://shopify/InventoryItem/"))
        }
    }

    @Test func searchesManySKUsInBatches() async throws {
        try await withSandboxShop { shop in
            try await shop.seedVariants(count: 60)
            let wanted = (0..<60).map { "LOAD-\($0 / 50)-\($0 % 50)" }
            let found = try await shop.client().variants(skus: wanted, batchSize: 25)
            #expect(found.count == 60)
            let stats = await shop.sandbox.stats(shop: shop.domain)
            #expect(stats.requestsServed == 3)
        }
    }

    @Test func setsAProductAndUpdatesItsPrices() async throws {
        try await withSandboxShop { shop in
            let client = shop.client()
            let created = try await client.setProduct(ShopifyProductDefinition(
                title: "Tea", optionName: "Size", variants: [
                    .init(optionValue: "Small", sku: "TEA-S", price: try Money("4.50", currency: "USD")),
                    .init(optionValue: "Large", sku: "TEA-L", price: try Money("8.00", currency: "USD")),
                ]))
            #expect(created.variants.count == 2)
            let large = try #require(created.variants.first { $0.sku == "TEA-L" })

            let stored = try await client.updateVariantPrices(productID: created.id, [
                ShopifyVariantPriceUpdate(variantID: large.id, price: try Money("7.25", currency: "USD"), compareAtPrice: try Money("8.00", currency: "USD")),
            ])
            #expect(stored.first { $0.id == large.id }?.price == "7.25")
            let seen = try await shop.sandbox.products(shop: shop.domain).flatMap(\.variants).first { $0.sku == "TEA-L" }
            #expect(seen?.price == "7.25")
            #expect(seen?.compareAtPrice == "8.00")

            // Updating by id keeps the product and its SKUs.
            let renamed = try await client.setProduct(ShopifyProductDefinition(
                id: created.id, title: "Green tea", optionName: "Size", variants: [
                    .init(optionValue: "Small", sku: "TEA-S", price: try Money("4.50", currency: "USD")),
                    .init(optionValue: "Large", sku: "TEA-L", price: try Money("7.25", currency: "USD")),
                ]))
            #expect(renamed.id == created.id)
            #expect(renamed.title == "Green tea")
        }
    }

    @Test func listsLocations() async throws {
        try await withSandboxShop { shop in
            let added = try await shop.sandbox.addLocation(shop: shop.domain, name: "Back room")
            let locations = try await shop.client().locations()
            #expect(locations.contains { $0.id == added.gid && $0.name == "Back room" && $0.legacyResourceId == String(added.id) })
        }
    }
}
