/// Which named quantity a mutation changes. Shopify accepts only these two for writes.
public enum ShopifyQuantityName: String, Sendable, Encodable {
    /// Units that can be sold.
    case available
    /// Units physically present (available + committed + reserved ...).
    case onHand = "on_hand"
}

/// The group of changes one inventory mutation made.
public struct ShopifyInventoryAdjustmentGroup: Sendable, Equatable, Decodable {
    /// The group's global id.
    public let id: String
    /// The reason given.
    public let reason: String
    /// The reference document given, if any.
    public let referenceDocumentUri: String?
    /// The individual changes.
    public let changes: [Change]

    /// One quantity change.
    public struct Change: Sendable, Equatable, Decodable {
        /// The quantity name changed (`available`, `on_hand`, ...).
        public let name: String
        /// The change in units.
        public let delta: Int
        /// The quantity after the change, when Shopify reports it.
        public let quantityAfterChange: Int?
        /// The inventory item's global id.
        public let inventoryItemID: String?
        /// The location's global id.
        public let locationID: String?

        private enum CodingKeys: String, CodingKey { case name, delta, quantityAfterChange, item, location }
        private struct Reference: Decodable { let id: String }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            delta = try container.decode(Int.self, forKey: .delta)
            quantityAfterChange = try container.decodeIfPresent(Int.self, forKey: .quantityAfterChange)
            inventoryItemID = try container.decodeIfPresent(Reference.self, forKey: .item)?.id
            locationID = try container.decodeIfPresent(Reference.self, forKey: .location)?.id
        }
    }
}

/// The selection both inventory mutations read back; their typed codes carry
/// CHANGE_FROM_QUANTITY_STALE, INVALID_INVENTORY_ITEM and the like.
enum InventoryAdjustmentGroupSelection {
    static let fields = """
        inventoryAdjustmentGroup {
          id reason referenceDocumentUri
          changes { name delta quantityAfterChange item { id } location { id } }
        }
        userErrors { code field message }
        """
}

/// A mutation payload with an adjustment group and typed user errors.
struct InventoryMutationPayload: Decodable, Sendable {
    let inventoryAdjustmentGroup: ShopifyInventoryAdjustmentGroup?
    let userErrors: [ShopifyUserError]
}
