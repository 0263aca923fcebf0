import Foundation

/// The seeded catalog with the ids the shop gave it: what orders are drawn from.
public struct Catalog: Sendable {
    /// A location of the shop.
    public struct Location: Sendable, Equatable {
        /// Shopify numeric id.
        public var id: Int64
        /// Order name, e.g. #1001.
        public var name: String

        /// A location with the shop's id.
        public init(id: Int64, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// A sellable variant.
    public struct Variant: Sendable, Equatable {
        /// Product id.
        public var productID: Int64
        /// Variant id.
        public var variantID: Int64
        /// Stock keeping unit.
        public var sku: String
        /// Product title.
        public var productTitle: String
        /// Variant title ("Default Title" for none).
        public var variantTitle: String
        /// The price in the shop currency.
        public var price: Decimal
        /// Weight in grams.
        public var grams: Int
        /// True when `sku` is a bundle SKU.
        public var isBundle: Bool

        /// A variant with the shop's ids.
        public init(
            productID: Int64, variantID: Int64, sku: String, productTitle: String,
            variantTitle: String, price: Decimal, grams: Int, isBundle: Bool
        ) {
            self.productID = productID
            self.variantID = variantID
            self.sku = sku
            self.productTitle = productTitle
            self.variantTitle = variantTitle
            self.price = price
            self.grams = grams
            self.isBundle = isBundle
        }
    }

    /// The shop's locations.
    public var locations: [Location]
    /// Variants in position order.
    public var variants: [Variant]
    /// Bundle SKU -> components (the tenant's bundle map for this catalog).
    public var bundleComponents: [String: [CatalogPlan.BundleComponent]]

    /// Creates a catalog from its parts.
    public init(locations: [Location], variants: [Variant], bundleComponents: [String: [CatalogPlan.BundleComponent]]) {
        self.locations = locations
        self.variants = variants
        self.bundleComponents = bundleComponents
    }

    /// Variants that are not bundles.
    public var singleVariants: [Variant] { variants.filter { !$0.isBundle } }
    /// Variants sold under a bundle SKU.
    public var bundleVariants: [Variant] { variants.filter(\.isBundle) }

    /// The catalog `plan` would become, with ids counted up from `firstID`: for generating
    /// documents without a sandbox (tests, dry runs). The sandbox assigns its own ids.
    public static func offline(_ plan: CatalogPlan, firstID: Int64 = 7_000_000_000) -> Catalog {
        var nextID = firstID
        func takeID() -> Int64 {
            defer { nextID += 1 }
            return nextID
        }
        let locations = plan.locationNames.map { Location(id: takeID(), name: $0) }
        var variants: [Variant] = []
        for product in plan.products {
            let productID = takeID()
            for variant in product.variants {
                variants.append(Variant(
                    productID: productID, variantID: takeID(), sku: variant.sku, productTitle: product.title,
                    variantTitle: variant.title, price: variant.price, grams: variant.grams, isBundle: product.isBundle
                ))
            }
        }
        return Catalog(locations: locations, variants: variants, bundleComponents: plan.bundleComponents)
    }
}
