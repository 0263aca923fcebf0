import Foundation
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: inventory")
struct InventoryTests {
    @Test func staleCompareIsRefusedAndNotApplied() async throws {
        try await withSandboxShop { shop in
            let warehouse = try await shop.sandbox.addLocation(shop: shop.domain, name: "Warehouse")
            let product = try await shop.sandbox.addProduct(shop: shop.domain, title: "Mug", variants: [
                SandboxVariantSeed(sku: "MUG-1", price: "9.50", inventory: [warehouse.id: 10]),
            ])
            let variant = try #require(product.variants.first)
            let client = shop.client()

            let items = try await client.inventoryItems(skus: ["MUG-1"])
            let item = try #require(items.first)
            #expect(item.id == variant.inventoryItemGID)
            #expect(item.levels.first { $0.locationID == warehouse.gid }?.available == 10)

            // We believe 9 are there; Shopify has 10: refused as stale, nothing changes.
            let stale = ShopifyQuantitySet(inventoryItemId: item.id, locationId: warehouse.gid, quantity: 7, changeFromQuantity: 9)
            let refused = try await client.setInventoryQuantities([stale], reason: "correction")
            #expect(!refused.isFullyApplied)
            #expect(refused.stale.map(\.quantity) == [stale])
            #expect(refused.notApplied == [stale])
            #expect(refused.groups.isEmpty)
            let untouched = try await shop.sandbox.inventoryLevel(shop: shop.domain, inventoryItemID: variant.inventoryItemID, locationID: warehouse.id)
            #expect(untouched?.available == 10)

            // With the right belief the same change goes through.
            let fresh = ShopifyQuantitySet(inventoryItemId: item.id, locationId: warehouse.gid, quantity: 7, changeFromQuantity: 10)
            let applied = try await client.setInventoryQuantities([fresh], reason: "correction", referenceDocumentURI: "gid://synchost/Test/1")
            #expect(applied.isFullyApplied)
            #expect(applied.applied == [fresh])
            #expect(applied.groups.first?.changes.first { $0.name == "available" }?.delta == -3)
            let set = try await shop.sandbox.inventoryLevel(shop: shop.domain, inventoryItemID: variant.inventoryItemID, locationID: warehouse.id)
            #expect(set?.available == 7)

            let groups = try await client.adjustInventoryQuantities(
                [ShopifyQuantityDelta(inventoryItemId: item.id, locationId: warehouse.gid, delta: -2)], reason: "correction")
            #expect(groups.count == 1)
            let adjusted = try await shop.sandbox.inventoryLevel(shop: shop.domain, inventoryItemID: variant.inventoryItemID, locationID: warehouse.id)
            #expect(adjusted?.available == 5)
        }
    }

    @Test func otherUserErrorsArePermanentWithTheirCodes() async throws {
        try await withSandboxShop { shop in
            let warehouse = try await shop.sandbox.addLocation(shop: shop.domain, name: "Warehouse")
            let error = try await #require(throws: ShopifyError.self) {
                try await shop.client().setInventoryQuantities([
                    ShopifyQuantitySet(inventoryItemId: "gid://shopify/InventoryItem/999999", locationId: warehouse.gid, quantity: 1, changeFromQuantity: nil),
                ])
            }
            #expect(error.failureClass == .permanent)
            #expect(error.userErrors.contains { $0.code == "INVALID_INVENTORY_ITEM" })

            let adjustError = try await #require(throws: ShopifyError.self) {
                try await shop.client().adjustInventoryQuantities([
                    ShopifyQuantityDelta(inventoryItemId: "gid://shopify/InventoryItem/999999", locationId: warehouse.gid, delta: 1),
                ])
            }
            #expect(adjustError.failureClass == .permanent)
            #expect(adjustError.code == "shopify_user_error_INVALID_INVENTORY_ITEM")
        }
    }

    @Test func moreThan250QuantitiesAreSentInBatches() async throws {
        try await withSandboxShop(plan: .plus) { shop in
            let store = try await shop.sandbox.addLocation(shop: shop.domain, name: "Store")
            var variants: [SandboxVariant] = []
            for product in 0..<6 {
                let seeds = (0..<50).map { SandboxVariantSeed(sku: "BULK-\(product)-\($0)", price: "1.00", inventory: [store.id: 4]) }
                variants += try await shop.sandbox.addProduct(shop: shop.domain, title: "Bulk \(product)", variants: seeds).variants
            }
            let quantities = variants.map {
                ShopifyQuantitySet(inventoryItemId: $0.inventoryItemGID, locationId: store.gid, quantity: 9, changeFromQuantity: 4)
            }
            let before = await shop.sandbox.stats(shop: shop.domain).requestsServed
            let result = try await shop.client().setInventoryQuantities(quantities)
            #expect(result.isFullyApplied)
            #expect(result.applied.count == 300)
            #expect(result.groups.count == 2)
            #expect(await shop.sandbox.stats(shop: shop.domain).requestsServed - before == 2)
            for variant in [variants[0], variants[251], variants[299]] {
                let level = try await shop.sandbox.inventoryLevel(shop: shop.domain, inventoryItemID: variant.inventoryItemID, locationID: store.id)
                #expect(level?.available == 9)
            }
        }
    }
}
