import Foundation
import ShopifySandbox
import Testing

@Suite("Inventory mutations")
struct InventoryTests {
    static let setQuantities = """
        mutation($input: InventorySetQuantitiesInput!) {
          inventorySetQuantities(input: $input) {
            inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
            userErrors { code field message }
          }
        }
        """

    static func input(item: String, location: String, quantity: Int, changeFrom: Int) -> [String: Any] {
        [
            "name": "available", "reason": "correction", "referenceDocumentUri": "logistics://netsuite/adjustment/1",
            "quantities": [["inventoryItemId": item, "locationId": location, "quantity": quantity, "changeFromQuantity": changeFrom]],
        ]
    }

    @Test func compareAndSetRefusesAStaleQuantity() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Main")
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Mug", variants: [SandboxVariantSeed(sku: "MUG-1", price: "9.50", inventory: [location.id: 10])])
            let variant = try #require(product.variants.first)

            let applied = try await harness.graphQL(
                Self.setQuantities, variables: ["input": Self.input(item: variant.inventoryItemGID, location: location.gid, quantity: 7, changeFrom: 10)])
            #expect((value(applied, "data", "inventorySetQuantities", "userErrors") as? [Any])?.isEmpty == true)
            #expect(value(applied, "data", "inventorySetQuantities", "inventoryAdjustmentGroup", "changes", "0", "delta") as? Int == -3)
            let afterApply = try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)
            #expect(afterApply?.available == 7)

            let stale = try await harness.graphQL(
                Self.setQuantities, variables: ["input": Self.input(item: variant.inventoryItemGID, location: location.gid, quantity: 4, changeFrom: 10)])
            #expect(value(stale, "data", "inventorySetQuantities", "userErrors", "0", "code") as? String == "CHANGE_FROM_QUANTITY_STALE")
            #expect(value(stale, "data", "inventorySetQuantities", "inventoryAdjustmentGroup") is NSNull)
            let afterStale = try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)
            #expect(afterStale?.available == 7)
        }
    }

    @Test func unknownItemOrLocationIsAUserError() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Main")
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Mug", variants: [SandboxVariantSeed(sku: "MUG-1", price: "9.50", inventory: [location.id: 10])])
            let item = try #require(product.variants.first).inventoryItemGID

            let unknownItem = try await harness.graphQL(
                Self.setQuantities, variables: ["input": Self.input(item: "gid://shopify/InventoryItem/424242", location: location.gid, quantity: 1, changeFrom: 0)])
            #expect(value(unknownItem, "data", "inventorySetQuantities", "userErrors", "0", "code") as? String == "INVALID_INVENTORY_ITEM")

            let unknownLocation = try await harness.graphQL(
                Self.setQuantities, variables: ["input": Self.input(item: item, location: "gid://shopify/Location/424242", quantity: 1, changeFrom: 10)])
            #expect(value(unknownLocation, "data", "inventorySetQuantities", "userErrors", "0", "code") as? String == "INVALID_LOCATION")
        }
    }

    @Test func adjustQuantitiesAppliesADelta() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Main")
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Mug", variants: [SandboxVariantSeed(sku: "MUG-1", price: "9.50", inventory: [location.id: 10])])
            let variant = try #require(product.variants.first)
            let answer = try await harness.graphQL(
                """
                mutation($input: InventoryAdjustQuantitiesInput!) {
                  inventoryAdjustQuantities(input: $input) { userErrors { code } inventoryAdjustmentGroup { id } }
                }
                """,
                variables: ["input": ["name": "available", "reason": "received",
                    "changes": [["inventoryItemId": variant.inventoryItemGID, "locationId": location.gid, "delta": 5]]]])
            #expect((value(answer, "data", "inventoryAdjustQuantities", "userErrors") as? [Any])?.isEmpty == true, "\(answer)")
            let level = try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)
            #expect(level?.available == 15)
            #expect(level?.onHand == 15)
        }
    }

    @Test func variantPricesUpdateAndUnknownVariantsAreRefused() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Mug", variants: [SandboxVariantSeed(sku: "MUG-1", price: "9.50")])
            let variant = try #require(product.variants.first)
            let mutation = """
                mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
                  productVariantsBulkUpdate(productId: $productId, variants: $variants) {
                    productVariants { id price compareAtPrice }
                    userErrors { code field message }
                  }
                }
                """
            let updated = try await harness.graphQL(mutation, variables: [
                "productId": product.gid, "variants": [["id": variant.gid, "price": "11.00", "compareAtPrice": "14.5"]],
            ])
            #expect(value(updated, "data", "productVariantsBulkUpdate", "productVariants", "0", "price") as? String == "11.00")
            #expect(value(updated, "data", "productVariantsBulkUpdate", "productVariants", "0", "compareAtPrice") as? String == "14.50")

            let unknown = try await harness.graphQL(mutation, variables: [
                "productId": product.gid, "variants": [["id": "gid://shopify/ProductVariant/999", "price": "1.00"]],
            ])
            #expect(value(unknown, "data", "productVariantsBulkUpdate", "userErrors", "0", "code") as? String == "PRODUCT_VARIANT_DOES_NOT_EXIST")

            let badMoney = try await harness.graphQL(mutation, variables: [
                "productId": product.gid, "variants": [["id": variant.gid, "price": "eleven"]],
            ])
            #expect(!errorMessages(badMoney).isEmpty)
            #expect(try await harness.sandbox.products(shop: domain).first?.variants.first?.price == "11.00")
        }
    }

    @Test func setRequiresChangeFromQuantityButAcceptsAnExplicitNull() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Main")
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Mug", variants: [SandboxVariantSeed(sku: "MUG-1", price: "9.50", inventory: [location.id: 10])])
            let variant = try #require(product.variants.first)
            func input(changeFrom: Any?) -> [String: Any] {
                var quantity: [String: Any] = ["inventoryItemId": variant.inventoryItemGID, "locationId": location.gid, "quantity": 4]
                if let changeFrom { quantity["changeFromQuantity"] = changeFrom }
                return ["name": "available", "reason": "correction", "quantities": [quantity]]
            }

            // Left out: Shopify 2026-01 refuses the set and changes nothing.
            let absent = try await harness.graphQL(Self.setQuantities, variables: ["input": input(changeFrom: nil)])
            #expect(value(absent, "data", "inventorySetQuantities", "userErrors", "0", "code") as? String == "COMPARE_QUANTITY_REQUIRED")
            #expect(value(absent, "data", "inventorySetQuantities", "userErrors", "0", "field") as? [String]
                == ["input", "quantities", "0", "changeFromQuantity"])
            #expect(value(absent, "data", "inventorySetQuantities", "inventoryAdjustmentGroup") is NSNull)
            let afterAbsent = try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)
            #expect(afterAbsent?.available == 10)

            // Left out in a literal input too (not only in variables).
            let literal = try await harness.graphQL("""
                mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: [
                  {inventoryItemId: "\(variant.inventoryItemGID)", locationId: "\(location.gid)", quantity: 4}]}) {
                  userErrors { code } } }
                """)
            #expect(value(literal, "data", "inventorySetQuantities", "userErrors", "0", "code") as? String == "COMPARE_QUANTITY_REQUIRED")

            // An explicit null skips the check and is applied.
            let unchecked = try await harness.graphQL(Self.setQuantities, variables: ["input": input(changeFrom: NSNull())])
            #expect((value(unchecked, "data", "inventorySetQuantities", "userErrors") as? [Any])?.isEmpty == true)
            #expect(value(unchecked, "data", "inventorySetQuantities", "inventoryAdjustmentGroup", "changes", "0", "delta") as? Int == -6)
            let afterNull = try await harness.sandbox.inventoryLevel(shop: domain, inventoryItemID: variant.inventoryItemID, locationID: location.id)
            #expect(afterNull?.available == 4)
        }
    }
}
