import Foundation
import ShopifySandbox

/// Creates a ``CatalogPlan`` in a sandbox shop and returns the catalog with the shop's ids.
enum SandboxCatalogSeeder {
    static func seed(_ plan: CatalogPlan, sandbox: ShopifySandbox, shop: String) async throws -> Catalog {
        var locations: [Catalog.Location] = []
        for name in plan.locationNames {
            let location = try await wrap("location '\(name)'") { try await sandbox.addLocation(shop: shop, name: name) }
            locations.append(Catalog.Location(id: location.id, name: location.name))
        }
        let stock = Dictionary(uniqueKeysWithValues: locations.map { ($0.id, plan.unitsPerLocation) })
        var variants: [Catalog.Variant] = []
        for product in plan.products {
            let seeds = product.variants.map { variant in
                SandboxVariantSeed(
                    sku: variant.sku, price: DecimalMoney.string(variant.price),
                    compareAtPrice: variant.compareAtPrice.map(DecimalMoney.string), inventory: stock
                )
            }
            let created = try await wrap("product '\(product.title)'") {
                try await sandbox.addProduct(shop: shop, title: product.title, variants: seeds)
            }
            for planned in product.variants {
                guard let variant = created.variants.first(where: { $0.sku == planned.sku }) else {
                    throw StoreSimulatorError(.catalogSeedingFailed, "the sandbox did not return variant \(planned.sku) of '\(product.title)'")
                }
                variants.append(Catalog.Variant(
                    productID: created.id, variantID: variant.id, sku: planned.sku, productTitle: product.title,
                    variantTitle: planned.title, price: planned.price, grams: planned.grams, isBundle: product.isBundle
                ))
            }
        }
        return Catalog(locations: locations, variants: variants, bundleComponents: plan.bundleComponents)
    }

    private static func wrap<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw StoreSimulatorError(.catalogSeedingFailed, "the sandbox refused \(what): \(error)")
        }
    }
}
