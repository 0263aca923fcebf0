import Foundation

/// The body the client posts: `{"query": ..., "variables": ...}`.
struct GraphQLRequestBody<Variables: Encodable>: Encodable {
    let query: String
    let variables: Variables
}

/// The parts of a GraphQL answer read before `data`: errors and cost.
struct GraphQLEnvelopeHead: Decodable {
    let errors: [ShopifyGraphQLError]?
    let extensions: Extensions?
    let hasData: Bool

    struct Extensions: Decodable {
        let cost: ShopifyQueryCost?
    }

    private enum CodingKeys: String, CodingKey { case data, errors, extensions }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errors = try container.decodeIfPresent([ShopifyGraphQLError].self, forKey: .errors)
        // A malformed cost block must not hide the answer itself.
        extensions = try? container.decodeIfPresent(Extensions.self, forKey: .extensions)
        hasData = try container.contains(.data) && !container.decodeNil(forKey: .data)
    }

    var cost: ShopifyQueryCost? { extensions?.cost }
}

/// The `data` member of an answer, decoded to the operation's result type.
struct GraphQLEnvelopeData<Result: Decodable>: Decodable {
    let data: Result
}
