import Foundation

/// The catalog the simulator will seed: locations, products with variants and SKUs, and
/// bundle products sold under one SKU whose components the tenant's bundle map lists.
public struct CatalogPlan: Sendable {
    /// One product to create.
    public struct Product: Sendable {
        /// Title.
        public var title: String
        /// True for a bundle: one variant whose SKU is a key of ``CatalogPlan/bundleComponents``.
        public var isBundle: Bool
        /// Variants in position order.
        public var variants: [Variant]
    }

    /// One variant to create.
    public struct Variant: Sendable {
        /// Stock keeping unit.
        public var sku: String
        /// Title.
        public var title: String
        /// Price in the shop currency.
        public var price: Decimal
        /// Compare-at price, if any.
        public var compareAtPrice: Decimal?
        /// Weight in grams.
        public var grams: Int
    }

    /// One component of a bundle SKU.
    public struct BundleComponent: Sendable, Equatable {
        /// Stock keeping unit.
        public var sku: String
        /// Units.
        public var quantity: Int
    }

    /// Location names, in creation order.
    public var locationNames: [String]
    /// Products to create.
    public var products: [Product]
    /// Bundle SKU -> its components: what a tenant's bundle map would say.
    public var bundleComponents: [String: [BundleComponent]]
    /// Units stocked per variant and location.
    public var unitsPerLocation: Int

    /// A deterministic catalog of `size` drawn from `random`.
    public static func generate(size: CatalogSize, random: inout SeededRandom) -> CatalogPlan {
        let locations = (0..<max(size.locations, 1)).map { index in
            index < locationNames.count ? locationNames[index] : "Warehouse \(index + 1)"
        }
        var products: [Product] = []
        for index in 0..<max(size.products, 1) {
            let base = productNames[index % productNames.count]
            let title = index < productNames.count ? base : "\(base) \(index / productNames.count + 1)"
            let options = random.pick(variantOptions) ?? ["Default"]
            let variantCount = random.int(in: 1...options.count)
            let basePrice = randomPrice(&random)
            let variants = (0..<variantCount).map { variantIndex in
                // Larger options cost a little more, as real catalogs do.
                let price = basePrice + Decimal(variantIndex * 2)
                return Variant(
                    sku: "SKU-\(1000 + index)-\(variantIndex + 1)",
                    title: options[variantIndex],
                    price: price,
                    compareAtPrice: random.chance(0.3) ? DecimalMoney.rounded(price * DecimalMoney.fixed(125, scale: 2)) : nil,
                    grams: random.int(in: 80...1500)
                )
            }
            products.append(Product(title: title, isBundle: false, variants: variants))
        }
        var bundles: [String: [BundleComponent]] = [:]
        let componentPool = products.flatMap(\.variants)
        for index in 0..<max(size.bundles, 0) {
            let componentCount = min(random.int(in: 2...3), componentPool.count)
            let components = Array(componentPool.shuffled(using: &random).prefix(componentCount))
                .map { BundleComponent(sku: $0.sku, quantity: random.int(in: 1...2)) }
            let listTotal = DecimalMoney.sum(components.map { component in
                (componentPool.first { $0.sku == component.sku }?.price ?? 0) * Decimal(component.quantity)
            })
            let sku = "BNDL-\(100 + index)"
            bundles[sku] = components
            let title = bundleNames[index % bundleNames.count]
            // A bundle sells below the sum of its parts.
            let price = DecimalMoney.rounded(listTotal * DecimalMoney.fixed(88, scale: 2))
            products.append(Product(
                title: index < bundleNames.count ? title : "\(title) \(index + 1)",
                isBundle: true,
                variants: [Variant(sku: sku, title: "Default Title", price: price, compareAtPrice: listTotal, grams: 1200)]
            ))
        }
        return CatalogPlan(locationNames: locations, products: products, bundleComponents: bundles, unitsPerLocation: size.unitsPerLocation)
    }

    /// Prices with arbitrary cents, so discounts and taxes split unevenly.
    private static func randomPrice(_ random: inout SeededRandom) -> Decimal {
        let whole = random.int(in: 4...140)
        let cents = random.chance(0.5) ? (random.pick([0, 50, 95, 99]) ?? 0) : random.int(in: 1...98)
        return Decimal(whole) + DecimalMoney.fixed(cents, scale: 2)
    }

    private static let locationNames = ["Main Warehouse", "East Coast DC", "Retail Store", "West Coast DC", "3PL Partner"]
    private static let productNames = [
        "Merino Crew Sock", "Canvas Tote", "Ceramic Mug", "Trail Bottle", "Wool Beanie", "Linen Apron",
        "Espresso Beans", "Dotted Notebook", "Desk Lamp", "Yoga Mat", "Rain Shell", "Leather Wallet",
    ]
    private static let bundleNames = ["Starter Kit", "Gift Box", "Travel Set", "Office Bundle"]
    private static let variantOptions = [["S", "M", "L"], ["Black", "Sand", "Olive"], ["250 g", "1 kg"], ["Default Title"]]
}
