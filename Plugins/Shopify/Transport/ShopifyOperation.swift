/// One GraphQL document of the Admin API with its variables and the type its `data` decodes to.
///
/// Each area (shop, orders, inventory ...) declares its operations as small structs; the
/// client sends them through the cost bucket and decodes the answer.
///
/// ```swift
/// struct ShopQuery: ShopifyOperation {
///     static let name = "shop"
///     let document = "query shop { shop { name currencyCode } }"
///     let variables = ShopifyNoVariables()
///     let estimatedCost: Double = 1
///     struct Result: Decodable, Sendable { let shop: ShopInfo }
/// }
/// ```
public protocol ShopifyOperation: Sendable {
    /// The `variables` object sent with the document.
    associatedtype Variables: Encodable & Sendable
    /// The shape of the answer's `data`.
    associatedtype Result: Decodable & Sendable

    /// A short name for logs and metrics (the GraphQL operation name).
    static var name: String { get }
    /// The GraphQL document.
    var document: String { get }
    /// The variables.
    var variables: Variables { get }
    /// The expected cost in points before Shopify has told us the real `requestedQueryCost`.
    var estimatedCost: Double { get }
    /// The key the real cost is learned under: operations whose cost depends on a page size
    /// include it.
    var costKey: String { get }
}

extension ShopifyOperation {
    public var costKey: String { Self.name }
}

/// The variables of an operation that takes none (encodes as `{}`).
public struct ShopifyNoVariables: Encodable, Sendable, Equatable {
    /// Creates the empty variables object.
    public init() {}
}

/// A successful answer: the decoded `data` and the cost Shopify charged.
public struct ShopifyAnswer<Result: Sendable>: Sendable {
    /// The decoded `data`.
    public let data: Result
    /// `extensions.cost`, when Shopify sent it.
    public let cost: ShopifyQueryCost?
}
