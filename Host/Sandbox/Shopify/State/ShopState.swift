import Foundation

/// Everything one sandbox shop holds. A value type: the server reads a consistent copy for a
/// query and mutates it under the shop's lock for a mutation or a recorded event.
struct ShopState: Sendable {
    let shopID: Int64
    let domain: String
    let accessToken: String
    let plan: ShopifyPlan
    let currency: String
    let createdAt: Date

    var locationOrder: [Int64] = []
    var locations: [Int64: LocationRecord] = [:]
    var productOrder: [Int64] = []
    var products: [Int64: ProductRecord] = [:]
    var variants: [Int64: VariantRecord] = [:]
    /// Inventory item id -> variant id.
    var variantByItem: [Int64: Int64] = [:]
    var inventory: [InventoryKey: InventoryLevelRecord] = [:]
    var orders: [Int64: OrderRecord] = [:]
    var fulfillmentOrders: [Int64: FulfillmentOrderRecord] = [:]
    var fulfillments: [Int64: FulfillmentRecord] = [:]
    var customers: [Int64: JSONValue] = [:]
    /// Order transactions whose order has not been recorded yet, by order id; they attach when it is.
    var pendingTransactions: [Int64: [JSONValue]] = [:]
    var subscriptions: [Int64: SubscriptionRecord] = [:]
    var payouts: [Int64: SandboxPayout] = [:]
    var balanceTransactions: [Int64: SandboxBalanceTransaction] = [:]
    var adjustmentGroups: [Int64: InventoryAdjustmentGroupRecord] = [:]
    var bulkOperations: [BulkOperationRecord] = []
    var bulkFiles: [Int64: Data] = [:]

    /// Source of ids for records the sandbox creates itself (locations, products, fulfillments...).
    private(set) var lastID: Int64

    init(shopID: Int64, domain: String, accessToken: String, plan: ShopifyPlan, currency: String, now: Date) {
        self.shopID = shopID
        self.domain = domain
        self.accessToken = accessToken
        self.plan = plan
        self.currency = currency
        self.createdAt = now
        // Distinct id ranges per shop keep GIDs of different shops apart, as in Shopify.
        self.lastID = shopID * 1_000_000_000
    }

    mutating func nextID() -> Int64 {
        lastID += 1
        return lastID
    }

    /// Display name of the shop: the domain's first label.
    var name: String { String(domain.split(separator: ".").first ?? Substring(domain)) }

    // MARK: Catalog

    mutating func addLocation(name: String, now: Date) -> LocationRecord {
        let record = LocationRecord(id: nextID(), name: name, createdAt: now, updatedAt: now)
        locations[record.id] = record
        locationOrder.append(record.id)
        return record
    }

    /// Adds a product with its variants; each variant gets an inventory item stocked at the
    /// locations its seed names (unknown locations are refused before anything changes).
    mutating func addProduct(title: String, variants seeds: [SandboxVariantSeed], now: Date) throws -> ProductRecord {
        for seed in seeds {
            for locationID in seed.inventory.keys where locations[locationID] == nil {
                throw ShopifySandboxError(.unknownLocation, "location \(locationID) does not exist in \(domain)")
            }
            guard MoneyText.decimal(seed.price) != nil else {
                throw ShopifySandboxError(.invalidArgument, "price '\(seed.price)' is not a decimal amount")
            }
            if let compareAt = seed.compareAtPrice, MoneyText.decimal(compareAt) == nil {
                throw ShopifySandboxError(.invalidArgument, "compareAtPrice '\(compareAt)' is not a decimal amount")
            }
        }
        let productID = nextID()
        var product = ProductRecord(
            id: productID, title: title, handle: Self.handle(for: title, id: productID), status: "ACTIVE",
            vendor: name, productType: "", descriptionHtml: "", tags: [], createdAt: now, updatedAt: now,
            variantIDs: [])
        for (index, seed) in seeds.enumerated() {
            let variant = insertVariant(
                productID: productID, sku: seed.sku, title: seed.sku, price: MoneyText.decimal(seed.price) ?? 0,
                compareAtPrice: seed.compareAtPrice.flatMap(MoneyText.decimal), position: index + 1, now: now)
            product.variantIDs.append(variant.id)
            for (locationID, quantity) in seed.inventory {
                inventory[InventoryKey(itemID: variant.inventoryItemID, locationID: locationID)] =
                    InventoryLevelRecord(available: quantity, committed: 0, updatedAt: now)
            }
        }
        products[productID] = product
        productOrder.append(productID)
        return product
    }

    mutating func insertVariant(
        productID: Int64, sku: String?, title: String, price: Decimal, compareAtPrice: Decimal?, position: Int,
        now: Date
    ) -> VariantRecord {
        let variant = VariantRecord(
            id: nextID(), productID: productID, sku: sku, title: title, price: price,
            compareAtPrice: compareAtPrice, barcode: nil, position: position, inventoryItemID: nextID(),
            createdAt: now, updatedAt: now)
        variants[variant.id] = variant
        variantByItem[variant.inventoryItemID] = variant.id
        return variant
    }

    static func handle(for title: String, id: Int64) -> String {
        let slug = title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        let trimmed = slug.split(separator: "-").joined(separator: "-")
        return trimmed.isEmpty ? "product-\(id)" : trimmed
    }

    func publicProduct(_ product: ProductRecord) -> SandboxProduct {
        SandboxProduct(
            id: product.id, gid: GID.make("Product", product.id), title: product.title,
            variants: product.variantIDs.compactMap { variants[$0] }.map { variant in
                SandboxVariant(
                    id: variant.id, gid: GID.make("ProductVariant", variant.id), sku: variant.sku ?? "",
                    price: MoneyText.string(variant.price), compareAtPrice: variant.compareAtPrice.map(MoneyText.string),
                    inventoryItemID: variant.inventoryItemID,
                    inventoryItemGID: GID.make("InventoryItem", variant.inventoryItemID))
            })
    }

    /// The location an order line ships from: the first location (in creation order) that has
    /// the line's item available, else the first location that stocks it, else the first location.
    func fulfillingLocation(forItem itemID: Int64?, quantity: Int) -> Int64? {
        if let itemID {
            if let stocked = locationOrder.first(where: {
                (inventory[InventoryKey(itemID: itemID, locationID: $0)]?.available ?? Int.min) >= quantity
            }) {
                return stocked
            }
            if let stocked = locationOrder.first(where: { inventory[InventoryKey(itemID: itemID, locationID: $0)] != nil }) {
                return stocked
            }
        }
        return locationOrder.first
    }
}
