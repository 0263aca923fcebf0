/// A place where inventory is stocked.
public struct ShopifyLocation: Sendable, Equatable, Decodable {
    /// The location's global id (`gid://shopify/Location/...`).
    public let id: String
    /// The REST id.
    public let legacyResourceId: String
    /// The location's name.
    public let name: String
    /// Whether the location is active.
    public let isActive: Bool
}

struct LocationsQuery: ShopifyOperation {
    static let name = "locations"
    let document = """
        query locations($first: Int!, $after: String) {
          locations(first: $first, after: $after, includeInactive: true) {
            nodes { id legacyResourceId name isActive }
            pageInfo { hasNextPage endCursor }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let first: Int
        let after: String?
    }
    let variables: Variables
    var estimatedCost: Double { Double(variables.first) + 2 }
    var costKey: String { "locations/\(variables.first)" }

    struct Result: Decodable, Sendable { let locations: ShopifyPage<ShopifyLocation> }
}

extension ShopifyAdminClient {
    /// Every location of the shop, active or not, following pages up to `maximumPages`.
    public func locations(pageSize: Int = 100, maximumPages: Int = 20) async throws -> [ShopifyLocation] {
        var locations: [ShopifyLocation] = []
        var cursor: String?
        for _ in 0..<maximumPages {
            let page = try await execute(LocationsQuery(variables: .init(first: min(max(pageSize, 1), 250), after: cursor))).locations
            locations += page.nodes
            guard page.pageInfo.hasNextPage, let next = page.pageInfo.endCursor else { break }
            cursor = next
        }
        return locations
    }
}
