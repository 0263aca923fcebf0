import Foundation

/// An inventory item found by SKU, with its quantities per location: what the inventory
/// flow needs to build a compare-and-set (`changeFromQuantity`).
public struct ShopifyInventoryItem: Sendable, Equatable, Decodable {
    /// The inventory item's global id.
    public let id: String
    /// The SKU.
    public let sku: String?
    /// Whether Shopify tracks its quantities.
    public let tracked: Bool
    /// The item's levels, one per location where it is stocked.
    public let levels: [ShopifyInventoryLevel]

    private enum CodingKeys: String, CodingKey { case id, sku, tracked, inventoryLevels }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        tracked = try container.decode(Bool.self, forKey: .tracked)
        levels = try container.decode(ShopifyNodes<ShopifyInventoryLevel>.self, forKey: .inventoryLevels).nodes
    }
}

/// One item's quantities at one location.
public struct ShopifyInventoryLevel: Sendable, Equatable, Decodable {
    /// The location's global id.
    public let locationID: String
    /// Named quantities (`available`, `on_hand`) as Shopify reported them.
    public let quantities: [String: Int]

    /// The `available` quantity, if reported.
    public var available: Int? { quantities["available"] }
    /// The `on_hand` quantity, if reported.
    public var onHand: Int? { quantities["on_hand"] }

    private enum CodingKeys: String, CodingKey { case location, quantities }
    private struct LocationID: Decodable { let id: String }
    private struct NamedQuantity: Decodable { let name: String; let quantity: Int }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        locationID = try container.decode(LocationID.self, forKey: .location).id
        let named = try container.decode([NamedQuantity].self, forKey: .quantities)
        quantities = Dictionary(named.map { ($0.name, $0.quantity) }, uniquingKeysWith: { first, _ in first })
    }
}

struct InventoryItemsBySKUQuery: ShopifyOperation {
    static let name = "inventoryItemsBySku"
    let document = """
        query inventoryItemsBySku($first: Int!, $after: String, $query: String!, $levels: Int!) {
          inventoryItems(first: $first, after: $after, query: $query) {
            nodes {
              id sku tracked
              inventoryLevels(first: $levels) {
                nodes { location { id } quantities(names: ["available", "on_hand"]) { name quantity } }
              }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let first: Int
        let after: String?
        let query: String
        let levels: Int
    }
    let variables: Variables
    var estimatedCost: Double { Double(variables.first) * (Double(variables.levels) * 3 + 2) + 2 }
    var costKey: String { "\(Self.name)/\(variables.first)/\(variables.levels)" }

    struct Result: Decodable, Sendable { let inventoryItems: ShopifyPage<ShopifyInventoryItem> }
}

extension ShopifyAdminClient {
    /// The inventory items whose SKU is one of `skus`, with their levels at up to
    /// `locationsPerItem` locations. Batches are kept small because nested levels multiply
    /// the query cost (Shopify refuses single queries over 1,000 points).
    public func inventoryItems(skus: [String], locationsPerItem: Int = 10, batchSize: Int = 20) async throws -> [ShopifyInventoryItem] {
        let wanted = Set(skus.filter { !$0.isEmpty })
        guard !wanted.isEmpty else { return [] }
        let levels = min(max(locationsPerItem, 1), 250)
        var found: [ShopifyInventoryItem] = []
        for batch in Array(wanted).sorted().batched(min(batchSize, configuration.maximumBatchSize)) {
            let query = ShopifySearchSyntax.anyOf("sku", batch)
            var cursor: String?
            for _ in 0..<20 {
                let variables = InventoryItemsBySKUQuery.Variables(first: batch.count, after: cursor, query: query, levels: levels)
                let page = try await execute(InventoryItemsBySKUQuery(variables: variables)).inventoryItems
                found += page.nodes.filter { $0.sku.map(wanted.contains) ?? false }
                guard page.pageInfo.hasNextPage, let next = page.pageInfo.endCursor else { break }
                cursor = next
            }
        }
        return found
    }
}
