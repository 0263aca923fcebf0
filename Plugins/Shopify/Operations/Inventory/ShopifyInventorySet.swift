/// One absolute quantity to set, with the compare-and-set guard.
public struct ShopifyQuantitySet: Sendable, Equatable, Encodable {
    /// The inventory item's global id.
    public let inventoryItemId: String
    /// The location's global id.
    public let locationId: String
    /// The quantity to set.
    public let quantity: Int
    /// The quantity we believe Shopify has now. Shopify refuses the change with
    /// `CHANGE_FROM_QUANTITY_STALE` when it differs; nil opts out of the check (sent as an
    /// explicit `null`, which Shopify requires).
    public let changeFromQuantity: Int?

    /// Creates a quantity to set.
    public init(inventoryItemId: String, locationId: String, quantity: Int, changeFromQuantity: Int?) {
        self.inventoryItemId = inventoryItemId
        self.locationId = locationId
        self.quantity = quantity
        self.changeFromQuantity = changeFromQuantity
    }

    private enum CodingKeys: String, CodingKey { case inventoryItemId, locationId, quantity, changeFromQuantity }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inventoryItemId, forKey: .inventoryItemId)
        try container.encode(locationId, forKey: .locationId)
        try container.encode(quantity, forKey: .quantity)
        // Always present: omitting it is an error from 2026-04 on; null means "no check".
        if let changeFromQuantity {
            try container.encode(changeFromQuantity, forKey: .changeFromQuantity)
        } else {
            try container.encodeNil(forKey: .changeFromQuantity)
        }
    }
}

/// A quantity Shopify refused because its `changeFromQuantity` no longer matched.
public struct ShopifyStaleQuantity: Sendable, Equatable {
    /// The refused input.
    public let quantity: ShopifyQuantitySet
    /// Shopify's message.
    public let message: String
}

/// What `inventorySetQuantities` did with a (possibly batched) request.
///
/// Shopify applies a batch all or nothing: one stale quantity refuses its whole batch. The
/// inventory flow re-reads the levels of `notApplied` and tries again with fresh
/// `changeFromQuantity` values; nothing in `notApplied` was changed.
public struct ShopifyInventorySetResult: Sendable, Equatable {
    /// The adjustment groups of the batches Shopify applied.
    public let groups: [ShopifyInventoryAdjustmentGroup]
    /// The inputs that were applied.
    public let applied: [ShopifyQuantitySet]
    /// The inputs Shopify named as stale.
    public let stale: [ShopifyStaleQuantity]
    /// Every input of a refused batch (the stale ones and their batch mates).
    public let notApplied: [ShopifyQuantitySet]

    /// True when every input was applied.
    public var isFullyApplied: Bool { notApplied.isEmpty }
}

struct InventorySetQuantitiesMutation: ShopifyOperation {
    static let name = "inventorySetQuantities"
    let document = """
        mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) {
          inventorySetQuantities(input: $input) {
            \(InventoryAdjustmentGroupSelection.fields)
          }
        }
        """
    struct Input: Encodable, Sendable {
        let name: ShopifyQuantityName
        let reason: String
        let referenceDocumentUri: String?
        let quantities: [ShopifyQuantitySet]
    }
    struct Variables: Encodable, Sendable { let input: Input }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Result: Decodable, Sendable { let inventorySetQuantities: InventoryMutationPayload? }
}

extension ShopifyAdminClient {
    /// Sets absolute quantities with compare-and-set, in batches of at most 250.
    ///
    /// Stale compares are an outcome, not an error: see ``ShopifyInventorySetResult``. Any
    /// other user error (unknown item, location not stocked ...) is thrown as a permanent
    /// ``ShopifyError`` carrying Shopify's codes and fields.
    ///
    /// - Parameters:
    ///   - reason: One of Shopify's reasons, e.g. `correction`, `cycle_count_available`, `received`.
    ///   - referenceDocumentURI: Where the change comes from, e.g. `gid://synchost/NetSuiteSync/123`.
    public func setInventoryQuantities(
        _ quantities: [ShopifyQuantitySet],
        name: ShopifyQuantityName = .available,
        reason: String = "correction",
        referenceDocumentURI: String? = nil
    ) async throws -> ShopifyInventorySetResult {
        var groups: [ShopifyInventoryAdjustmentGroup] = []
        var applied: [ShopifyQuantitySet] = []
        var stale: [ShopifyStaleQuantity] = []
        var notApplied: [ShopifyQuantitySet] = []
        for batch in quantities.batched(configuration.maximumBatchSize) {
            let input = InventorySetQuantitiesMutation.Input(
                name: name, reason: reason, referenceDocumentUri: referenceDocumentURI, quantities: batch)
            let result = try await execute(InventorySetQuantitiesMutation(variables: .init(input: input)))
            guard let payload = result.inventorySetQuantities else {
                throw ShopifyError.malformedResponse(detail: "inventorySetQuantities returned no payload")
            }
            let staleErrors = payload.userErrors.filter { $0.code == "CHANGE_FROM_QUANTITY_STALE" }
            if payload.userErrors.count > staleErrors.count {
                throw ShopifyError.userErrors(payload.userErrors, operation: InventorySetQuantitiesMutation.name)
            }
            if staleErrors.isEmpty {
                if let group = payload.inventoryAdjustmentGroup { groups.append(group) }
                applied += batch
            } else {
                stale += Self.staleQuantities(staleErrors, in: batch)
                notApplied += batch
            }
        }
        return ShopifyInventorySetResult(groups: groups, applied: applied, stale: stale, notApplied: notApplied)
    }

    /// Maps stale errors to their inputs through the index in `field`
    /// (`["input", "quantities", "3", "changeFromQuantity"]`); an error without a usable
    /// index marks the whole batch stale, since any of it may be.
    static func staleQuantities(_ errors: [ShopifyUserError], in batch: [ShopifyQuantitySet]) -> [ShopifyStaleQuantity] {
        var result: [ShopifyStaleQuantity] = []
        for error in errors {
            let field = error.field ?? []
            let index = field.firstIndex(of: "quantities").flatMap { position in
                field.index(after: position) < field.endIndex ? Int(field[field.index(after: position)]) : nil
            }
            if let index, batch.indices.contains(index) {
                result.append(ShopifyStaleQuantity(quantity: batch[index], message: error.message))
            } else {
                result += batch.map { ShopifyStaleQuantity(quantity: $0, message: error.message) }
            }
        }
        return result
    }
}
