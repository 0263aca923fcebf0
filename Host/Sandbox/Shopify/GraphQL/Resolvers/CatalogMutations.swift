import Foundation
import GraphQL
import Synchronization

extension MutationResolvers {
    /// `productVariantsBulkUpdate`: price, compare-at price and barcode of existing variants.
    /// Without `allowPartialUpdates`, one bad variant leaves every variant unchanged.
    func productVariantsBulkUpdate(_ arguments: Map) throws -> GraphObject {
        let productGID = arguments["productId"].string ?? ""
        let inputs = arguments["variants"].array ?? []
        let partial = arguments["allowPartialUpdates"].bool ?? false
        let (errors, changedIDs, state) = shop.state.withLock { state -> ([UserErrorRecord], [Int64], ShopState) in
            guard let productID = GID.parse(productGID, type: "Product"), state.products[productID] != nil else {
                return ([UserErrorRecord(field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST")], [], state)
            }
            var errors: [UserErrorRecord] = []
            var updates: [(Int64, Map)] = []
            for (index, input) in inputs.enumerated() {
                let field = ["variants", String(index)]
                guard let gid = input["id"].string else {
                    errors.append(UserErrorRecord(field: field + ["id"], message: "Product variant is missing ID attribute", code: "PRODUCT_VARIANT_ID_MISSING"))
                    continue
                }
                guard let variantID = GID.parse(gid, type: "ProductVariant"), let variant = state.variants[variantID] else {
                    errors.append(UserErrorRecord(field: field + ["id"], message: "Product variant does not exist", code: "PRODUCT_VARIANT_DOES_NOT_EXIST"))
                    continue
                }
                guard variant.productID == productID else {
                    errors.append(UserErrorRecord(field: field + ["id"], message: "Product variant does not belong to the product", code: "PRODUCT_VARIANT_DOES_NOT_EXIST"))
                    continue
                }
                if let priceError = Self.priceError(input, field: field) {
                    errors.append(priceError)
                    continue
                }
                updates.append((variantID, input))
            }
            if !errors.isEmpty && !partial { return (errors, [], state) }
            let now = Date()
            for (variantID, input) in updates {
                guard var variant = state.variants[variantID] else { continue }
                if let price = input["price"].string.flatMap(MoneyText.decimal) { variant.price = price }
                if input["compareAtPrice"].isNull { variant.compareAtPrice = nil }
                else if let compareAt = input["compareAtPrice"].string.flatMap(MoneyText.decimal) { variant.compareAtPrice = compareAt }
                if let barcode = input["barcode"].string { variant.barcode = barcode }
                if let sku = input["inventoryItem"]["sku"].string { variant.sku = sku }
                variant.updatedAt = now
                state.variants[variantID] = variant
                state.products[productID]?.updatedAt = now
            }
            return (errors, updates.map(\.0), state)
        }
        let builder = ObjectBuilder(state: state)
        var payload: GraphObject = ["userErrors": Self.userErrors(errors)]
        if !changedIDs.isEmpty || errors.isEmpty {
            payload["productVariants"] = changedIDs.compactMap { builder.variant($0) }
            if let productID = GID.parse(productGID, type: "Product"), let product = builder.product(productID) {
                payload["product"] = product
            }
        }
        return payload
    }

    /// Money inputs must be non-negative decimal amounts.
    static func priceError(_ input: Map, field: [String]) -> UserErrorRecord? {
        for key in ["price", "compareAtPrice"] {
            guard let text = input[key].string else { continue }
            guard let amount = MoneyText.decimal(text) else {
                return UserErrorRecord(field: field + [key], message: "\(key) is invalid", code: "INVALID_INPUT")
            }
            if amount < 0 {
                return UserErrorRecord(field: field + [key], message: "Price can't be negative", code: "NEGATIVE_PRICE_VALUE")
            }
        }
        return nil
    }
}

/// `productSet`: creates the product, or updates the one named by `identifier`; the variants
/// listed replace the product's variants (matched by id, then by SKU).
struct ProductSetMutation: Sendable {
    let shop: ShopHandle

    func run(_ arguments: Map) throws -> GraphObject {
        let input = arguments["input"]
        let identifier = arguments["identifier"]
        let result = shop.state.withLock { state -> (Result<Int64, UserErrorRecord>, ShopState) in
            (apply(input: input, identifier: identifier, state: &state), state)
        }
        switch result.0 {
        case .failure(let error):
            return ["userErrors": MutationResolvers.userErrors([error])]
        case .success(let productID):
            return [
                "product": ObjectBuilder(state: result.1).product(productID) as (any Sendable)?,
                "userErrors": [GraphObject](),
            ].compactMapValues { $0 }
        }
    }

    private func apply(input: Map, identifier: Map, state: inout ShopState) -> Result<Int64, UserErrorRecord> {
        let now = Date()
        var productID: Int64?
        if let gid = identifier["id"].string {
            guard let id = GID.parse(gid, type: "Product"), state.products[id] != nil else {
                return .failure(UserErrorRecord(field: ["identifier", "id"], message: "Product does not exist"))
            }
            productID = id
        } else if let handle = identifier["handle"].string {
            productID = state.products.values.first { $0.handle == handle }?.id
        }
        if productID == nil, (input["title"].string ?? "").isEmpty {
            return .failure(UserErrorRecord(field: ["input", "title"], message: "Title can't be blank"))
        }
        let variantInputs = input["variants"].array ?? []
        for (index, variant) in variantInputs.enumerated() {
            if let error = MutationResolvers.priceError(variant, field: ["input", "variants", String(index)]) {
                return .failure(error)
            }
            for level in variant["inventoryQuantities"].array ?? [] {
                guard let locationID = GID.parse(level["locationId"].string ?? "", type: "Location"),
                    state.locations[locationID] != nil
                else {
                    return .failure(UserErrorRecord(field: ["input", "variants", String(index), "inventoryQuantities"], message: "Location does not exist"))
                }
            }
        }
        let id = productID ?? state.nextID()
        var product = state.products[id] ?? ProductRecord(
            id: id, title: "", handle: "", status: "ACTIVE", vendor: state.name, productType: "", descriptionHtml: "",
            tags: [], createdAt: now, updatedAt: now, variantIDs: [])
        if let title = input["title"].string { product.title = title }
        product.handle = input["handle"].string ?? (product.handle.isEmpty ? ShopState.handle(for: product.title, id: id) : product.handle)
        if let status = input["status"].string { product.status = status }
        if let vendor = input["vendor"].string { product.vendor = vendor }
        if let type = input["productType"].string { product.productType = type }
        if let description = input["descriptionHtml"].string { product.descriptionHtml = description }
        if let tags = input["tags"].array { product.tags = tags.compactMap(\.string) }
        product.updatedAt = now
        if input["variants"].isArray {
            product.variantIDs = setVariants(variantInputs, product: product, state: &state, now: now)
        }
        if state.products[id] == nil { state.productOrder.append(id) }
        state.products[id] = product
        return .success(id)
    }

    private func setVariants(_ inputs: [Map], product: ProductRecord, state: inout ShopState, now: Date) -> [Int64] {
        var kept: [Int64] = []
        for (index, input) in inputs.enumerated() {
            let sku = input["sku"].string ?? input["inventoryItem"]["sku"].string
            let existing = input["id"].string.flatMap { GID.parse($0, type: "ProductVariant") }
                .flatMap { state.variants[$0]?.productID == product.id ? $0 : nil }
                ?? product.variantIDs.first { id in sku != nil && state.variants[id]?.sku == sku }
            let title = (input["optionValues"].array ?? []).compactMap { $0["name"].string }.joined(separator: " / ")
            var variant = existing.flatMap { state.variants[$0] } ?? state.insertVariant(
                productID: product.id, sku: sku, title: title.isEmpty ? "Default Title" : title, price: 0,
                compareAtPrice: nil, position: index + 1, now: now)
            if let sku { variant.sku = sku }
            if let price = input["price"].string.flatMap(MoneyText.decimal) { variant.price = price }
            if input["compareAtPrice"].isNull { variant.compareAtPrice = nil }
            else if let compareAt = input["compareAtPrice"].string.flatMap(MoneyText.decimal) { variant.compareAtPrice = compareAt }
            if let barcode = input["barcode"].string { variant.barcode = barcode }
            if !title.isEmpty { variant.title = title }
            variant.position = index + 1
            variant.updatedAt = now
            state.variants[variant.id] = variant
            for level in input["inventoryQuantities"].array ?? [] {
                guard let locationID = GID.parse(level["locationId"].string ?? "", type: "Location") else { continue }
                let key = InventoryKey(itemID: variant.inventoryItemID, locationID: locationID)
                var record = state.inventory[key] ?? InventoryLevelRecord(available: 0, committed: 0, updatedAt: now)
                let quantity = level["quantity"].int ?? 0
                if level["name"].string == "on_hand" { record.available = quantity - record.committed } else { record.available = quantity }
                record.updatedAt = now
                state.inventory[key] = record
            }
            kept.append(variant.id)
        }
        for removed in product.variantIDs where !kept.contains(removed) {
            if let variant = state.variants.removeValue(forKey: removed) {
                state.variantByItem[variant.inventoryItemID] = nil
                state.inventory = state.inventory.filter { $0.key.itemID != variant.inventoryItemID }
            }
        }
        return kept
    }
}

/// `webhookSubscriptionCreate` / `webhookSubscriptionDelete`.
struct WebhookSubscriptionMutations: Sendable {
    let shop: ShopHandle

    func create(_ arguments: Map) throws -> GraphObject {
        let topic = arguments["topic"].string ?? ""
        let input = arguments["webhookSubscription"]
        guard let uri = input["uri"].string, !uri.isEmpty else {
            return ["userErrors": MutationResolvers.userErrors([UserErrorRecord(field: ["webhookSubscription", "callbackUrl"], message: "Address can't be blank")])]
        }
        guard Self.isAcceptedURI(uri) else {
            return ["userErrors": MutationResolvers.userErrors([UserErrorRecord(field: ["webhookSubscription", "callbackUrl"], message: "Address is invalid")])]
        }
        let result = shop.state.withLock { state -> Result<SubscriptionRecord, UserErrorRecord> in
            if state.subscriptions.values.contains(where: { $0.topic == topic && $0.uri == uri }) {
                return .failure(UserErrorRecord(field: ["webhookSubscription", "callbackUrl"], message: "Address for this topic has already been taken"))
            }
            let now = Date()
            let record = SubscriptionRecord(
                id: state.nextID(), topic: topic, uri: uri, format: input["format"].string ?? "JSON",
                includeFields: (input["includeFields"].array ?? []).compactMap(\.string), filter: input["filter"].string,
                createdAt: now, updatedAt: now)
            state.subscriptions[record.id] = record
            return .success(record)
        }
        switch result {
        case .failure(let error): return ["userErrors": MutationResolvers.userErrors([error])]
        case .success(let record):
            return ["webhookSubscription": ObjectBuilder(state: shop.snapshot).webhookSubscription(record), "userErrors": [GraphObject]()]
        }
    }

    func delete(_ arguments: Map) throws -> GraphObject {
        let gid = arguments["id"].string ?? ""
        let removed = shop.state.withLock { state -> Bool in
            guard let id = GID.parse(gid, type: "WebhookSubscription") else { return false }
            return state.subscriptions.removeValue(forKey: id) != nil
        }
        guard removed else {
            return ["userErrors": MutationResolvers.userErrors([UserErrorRecord(field: ["id"], message: "Webhook subscription does not exist")])]
        }
        return ["deletedWebhookSubscriptionId": gid, "userErrors": [GraphObject]()]
    }

    /// Shopify takes HTTPS endpoints (and Pub/Sub and EventBridge addresses). The sandbox also
    /// takes plain HTTP to loopback, since its receivers are local test servers.
    static func isAcceptedURI(_ uri: String) -> Bool {
        guard let url = URL(string: uri), let scheme = url.scheme?.lowercased() else { return false }
        switch scheme {
        case "https": return url.host != nil
        case "http": return url.host == "127.0.0.1" || url.host == "localhost"
        case "pubsub", "arn": return true
        default: return false
        }
    }
}
