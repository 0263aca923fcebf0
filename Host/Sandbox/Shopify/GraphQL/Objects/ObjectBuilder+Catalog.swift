import Foundation
import GraphQL

/// Builds GraphQL objects from one consistent copy of a shop's state.
struct ObjectBuilder: Sendable {
    let state: ShopState

    func shop() -> GraphObject {
        let builder = self
        return [
            "id": GID.make("Shop", state.shopID), "name": state.name, "myshopifyDomain": state.domain,
            "email": "owner@\(state.domain)", "contactEmail": "owner@\(state.domain)",
            "currencyCode": state.currency, "enabledPresentmentCurrencies": [state.currency],
            "ianaTimezone": "Etc/UTC", "timezoneAbbreviation": "UTC", "timezoneOffset": "+0000",
            "timezoneOffsetMinutes": 0, "taxesIncluded": false, "taxShipping": false,
            "createdAt": ISOTime.string(state.createdAt), "updatedAt": ISOTime.string(state.createdAt),
            "url": "https://\(state.domain)", "checkoutApiSupported": true, "setupRequired": false,
            "transactionalSmsDisabled": false, "marketingSmsConsentEnabledAtCheckout": false,
            "orderNumberFormatPrefix": "#", "orderNumberFormatSuffix": "", "publicationCount": 1,
            "shipsToCountries": [String](), "description": "",
            "locations": FieldThunk { try builder.locations($0) },
            "plan": [
                "publicDisplayName": Self.planName(state.plan), "partnerDevelopment": false,
                "shopifyPlus": state.plan == .plus || state.plan == .enterprise,
            ] as GraphObject,
        ]
    }

    static func planName(_ plan: ShopifyPlan) -> String {
        switch plan {
        case .standard: "Shopify"
        case .advanced: "Advanced"
        case .plus: "Plus"
        case .enterprise: "Enterprise"
        }
    }

    // MARK: Locations

    func locations(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.locationOrder.compactMap { state.locations[$0] }.filter { location in
            search.matches { term in
                switch term.field {
                case "name", nil: SearchQuery.text(location.name, term)
                case "id": SearchQuery.compare(location.id, term)
                default: nil
                }
            }
        }
        let byName = arguments["sortKey"].string == "NAME"
        let connection = Connection(
            items: items, sortKey: { byName ? $0.name : SortKey.number($0.id) }, id: { $0.id })
        return try connection.resolve(arguments) { location(record: $0) }
    }

    func location(_ id: Int64) -> GraphObject? { state.locations[id].map(location(record:)) }

    func location(record: LocationRecord) -> GraphObject {
        let builder = self
        return [
            "id": GID.make("Location", record.id), "legacyResourceId": String(record.id), "name": record.name,
            "isActive": true, "activatable": false, "deactivatable": true, "deletable": false,
            "addressVerified": false, "fulfillsOnlineOrders": true, "hasActiveInventory": true,
            "hasUnfulfilledOrders": FieldThunk { _ in
                builder.state.fulfillmentOrders.values.contains { $0.locationID == record.id && $0.status == "OPEN" }
            },
            "isFulfillmentService": false, "isPrimary": state.locationOrder.first == record.id, "shipsInventory": true,
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "inventoryLevel": FieldThunk { arguments in
                guard let itemID = GID.parse(arguments["inventoryItemId"].string ?? "", type: "InventoryItem") else { return nil }
                return builder.inventoryLevel(InventoryKey(itemID: itemID, locationID: record.id))
            },
            "inventoryLevels": FieldThunk { arguments in
                let keys = builder.state.inventory.keys.filter { $0.locationID == record.id }
                return try Connection(items: keys, sortKey: { SortKey.number($0.itemID) }, id: { $0.itemID })
                    .resolve(arguments) { builder.inventoryLevel($0) ?? [:] }
            },
        ]
    }

    // MARK: Products

    func products(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.productOrder.compactMap { state.products[$0] }.filter { product in
            search.matches { term in
                switch term.field {
                case "title", nil: SearchQuery.text(product.title, term)
                case "id": SearchQuery.compare(product.id, term)
                case "handle": SearchQuery.text(product.handle, term)
                case "status": SearchQuery.text(product.status, term)
                case "sku": product.variantIDs.contains { SearchQuery.text(state.variants[$0]?.sku, term) }
                case "updated_at": SearchQuery.compare(product.updatedAt, term)
                case "created_at": SearchQuery.compare(product.createdAt, term)
                default: nil
                }
            }
        }
        let sortKey: @Sendable (ProductRecord) -> String
        switch arguments["sortKey"].string {
        case "TITLE": sortKey = { $0.title }
        case "UPDATED_AT": sortKey = { SortKey.date($0.updatedAt) }
        case "CREATED_AT": sortKey = { SortKey.date($0.createdAt) }
        default: sortKey = { SortKey.number($0.id) }
        }
        return try Connection(items: items, sortKey: sortKey, id: { $0.id }).resolve(arguments) { product(record: $0) }
    }

    func product(_ id: Int64) -> GraphObject? { state.products[id].map(product(record:)) }

    func product(record: ProductRecord) -> GraphObject {
        let builder = self
        let variants = record.variantIDs.compactMap { state.variants[$0] }
        return [
            "id": GID.make("Product", record.id), "legacyResourceId": String(record.id), "title": record.title,
            "handle": record.handle, "status": record.status, "vendor": record.vendor, "productType": record.productType,
            "descriptionHtml": record.descriptionHtml, "bodyHtml": record.descriptionHtml, "tags": record.tags,
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "totalVariants": variants.count, "tracksInventory": true,
            "totalInventory": FieldThunk { _ in variants.reduce(0) { $0 + builder.available(item: $1.inventoryItemID) } },
            "hasOnlyDefaultVariant": variants.count == 1, "hasOutOfStockVariants": false, "isGiftCard": false,
            "requiresSellingPlan": false, "defaultCursor": Connection<ProductRecord>.cursor(key: SortKey.number(record.id), id: record.id),
            "variants": FieldThunk { arguments in
                try Connection(items: variants, sortKey: { SortKey.number(Int64($0.position)) }, id: { $0.id })
                    .resolve(arguments) { builder.variant(record: $0) }
            },
        ]
    }

    // MARK: Variants and inventory

    func productVariants(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.variants.values.filter { variant in
            search.matches { term in
                switch term.field {
                case "sku", nil: SearchQuery.text(variant.sku, term)
                case "id": SearchQuery.compare(variant.id, term)
                case "product_id": SearchQuery.compare(variant.productID, term)
                case "barcode": SearchQuery.text(variant.barcode, term)
                case "updated_at": SearchQuery.compare(variant.updatedAt, term)
                default: nil
                }
            }
        }
        let bySku = arguments["sortKey"].string == "SKU"
        return try Connection(items: Array(items), sortKey: { bySku ? ($0.sku ?? "") : SortKey.number($0.id) }, id: { $0.id })
            .resolve(arguments) { variant(record: $0) }
    }

    func variant(_ id: Int64) -> GraphObject? { state.variants[id].map(variant(record:)) }

    func variant(record: VariantRecord) -> GraphObject {
        let builder = self
        let productTitle = state.products[record.productID]?.title ?? ""
        var object: GraphObject = [
            "id": GID.make("ProductVariant", record.id), "legacyResourceId": String(record.id), "title": record.title,
            "displayName": "\(productTitle) - \(record.title)", "price": MoneyText.string(record.price),
            "position": record.position,
            "inventoryQuantity": FieldThunk { _ in builder.available(item: record.inventoryItemID) },
            "availableForSale": FieldThunk { _ in builder.available(item: record.inventoryItemID) > 0 },
            "sellableOnlineQuantity": FieldThunk { _ in max(0, builder.available(item: record.inventoryItemID)) },
            "inventoryPolicy": "DENY", "taxable": true, "requiresComponents": false, "showUnitPrice": false,
            "sellingPlanGroupCount": 0,
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "defaultCursor": Connection<VariantRecord>.cursor(key: SortKey.number(record.id), id: record.id),
            "selectedOptions": [GraphObject](),
            "product": FieldThunk { _ in builder.product(record.productID) },
            "inventoryItem": FieldThunk { _ in builder.inventoryItem(record.inventoryItemID) },
        ]
        if let sku = record.sku { object["sku"] = sku }
        if let barcode = record.barcode { object["barcode"] = barcode }
        if let compareAt = record.compareAtPrice { object["compareAtPrice"] = MoneyText.string(compareAt) }
        return object
    }

    func inventoryItems(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.variants.values.filter { variant in
            search.matches { term in
                switch term.field {
                case "sku", nil: SearchQuery.text(variant.sku, term)
                case "id": SearchQuery.compare(variant.inventoryItemID, term)
                case "updated_at": SearchQuery.compare(variant.updatedAt, term)
                default: nil
                }
            }
        }
        return try Connection(items: Array(items), sortKey: { SortKey.number($0.inventoryItemID) }, id: { $0.inventoryItemID })
            .resolve(arguments) { inventoryItem($0.inventoryItemID) ?? [:] }
    }

    func inventoryItem(_ itemID: Int64) -> GraphObject? {
        guard let variantID = state.variantByItem[itemID], let variant = state.variants[variantID] else { return nil }
        let builder = self
        var object: GraphObject = [
            "id": GID.make("InventoryItem", itemID), "legacyResourceId": String(itemID), "tracked": true,
            "requiresShipping": true, "duplicateSkuCount": 0,
            "createdAt": ISOTime.string(variant.createdAt), "updatedAt": ISOTime.string(variant.updatedAt),
            "variant": FieldThunk { _ in builder.variant(variantID) },
            "inventoryLevel": FieldThunk { arguments in
                guard let locationID = GID.parse(arguments["locationId"].string ?? "", type: "Location") else { return nil }
                return builder.inventoryLevel(InventoryKey(itemID: itemID, locationID: locationID))
            },
            "inventoryLevels": FieldThunk { arguments in
                let keys = builder.state.locationOrder.map { InventoryKey(itemID: itemID, locationID: $0) }
                    .filter { builder.state.inventory[$0] != nil }
                return try Connection(items: keys, sortKey: { SortKey.number($0.locationID) }, id: { $0.locationID })
                    .resolve(arguments) { builder.inventoryLevel($0) ?? [:] }
            },
        ]
        if let sku = variant.sku { object["sku"] = sku }
        return object
    }

    /// Units available of an item over every location.
    func available(item itemID: Int64) -> Int {
        state.locationOrder.reduce(0) { $0 + (state.inventory[InventoryKey(itemID: itemID, locationID: $1)]?.available ?? 0) }
    }

    func inventoryLevel(_ key: InventoryKey) -> GraphObject? {
        guard let level = state.inventory[key] else { return nil }
        let builder = self
        return [
            "id": "gid://shopify/InventoryLevel/\(key.itemID)?inventory_item_id=\(key.itemID)&location_id=\(key.locationID)",
            "canDeactivate": level.committed == 0, "createdAt": ISOTime.string(level.updatedAt),
            "updatedAt": ISOTime.string(level.updatedAt),
            "item": FieldThunk { _ in builder.inventoryItem(key.itemID) },
            "location": FieldThunk { _ in builder.location(key.locationID) },
            "quantities": FieldThunk { arguments in
                let names = (arguments["names"].array ?? []).compactMap(\.string)
                return names.compactMap { name -> GraphObject? in
                    guard let quantity = level.quantity(named: name) else { return nil }
                    return [
                        "id": "gid://shopify/InventoryQuantity/\(key.itemID)?location_id=\(key.locationID)&name=\(name)",
                        "name": name, "quantity": quantity, "updatedAt": ISOTime.string(level.updatedAt),
                    ]
                }
            },
        ]
    }
}
