/// One relative quantity change.
public struct ShopifyQuantityDelta: Sendable, Equatable, Encodable {
    /// The inventory item's global id.
    public let inventoryItemId: String
    /// The location's global id.
    public let locationId: String
    /// Units to add (negative to remove).
    public let delta: Int

    /// Creates a change.
    public init(inventoryItemId: String, locationId: String, delta: Int) {
        self.inventoryItemId = inventoryItemId
        self.locationId = locationId
        self.delta = delta
    }
}

struct InventoryAdjustQuantitiesMutation: ShopifyOperation {
    static let name = "inventoryAdjustQuantities"
    let document = """
        mutation inventoryAdjustQuantities($input: InventoryAdjustQuantitiesInput!) {
          inventoryAdjustQuantities(input: $input) {
            \(InventoryAdjustmentGroupSelection.fields)
          }
        }
        """
    struct Input: Encodable, Sendable {
        let name: ShopifyQuantityName
        let reason: String
        let referenceDocumentUri: String?
        let changes: [ShopifyQuantityDelta]
    }
    struct Variables: Encodable, Sendable { let input: Input }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Result: Decodable, Sendable { let inventoryAdjustQuantities: InventoryMutationPayload? }
}

extension ShopifyAdminClient {
    /// Adds or removes units, in batches of at most 250 changes; returns one adjustment
    /// group per batch. User errors are thrown as a permanent ``ShopifyError``.
    public func adjustInventoryQuantities(
        _ changes: [ShopifyQuantityDelta],
        name: ShopifyQuantityName = .available,
        reason: String = "correction",
        referenceDocumentURI: String? = nil
    ) async throws -> [ShopifyInventoryAdjustmentGroup] {
        var groups: [ShopifyInventoryAdjustmentGroup] = []
        for batch in changes.batched(configuration.maximumBatchSize) {
            let input = InventoryAdjustQuantitiesMutation.Input(
                name: name, reason: reason, referenceDocumentUri: referenceDocumentURI, changes: batch)
            let result = try await execute(InventoryAdjustQuantitiesMutation(variables: .init(input: input)))
            guard let payload = result.inventoryAdjustQuantities else {
                throw ShopifyError.malformedResponse(detail: "inventoryAdjustQuantities returned no payload")
            }
            guard payload.userErrors.isEmpty else {
                throw ShopifyError.userErrors(payload.userErrors, operation: InventoryAdjustQuantitiesMutation.name)
            }
            if let group = payload.inventoryAdjustmentGroup { groups.append(group) }
        }
        return groups
    }
}
