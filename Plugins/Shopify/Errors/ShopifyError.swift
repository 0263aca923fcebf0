import PluginKit

/// One failed call to the Shopify Admin API, classified once where the answer is understood.
///
/// `code` is short and stable (safe as a metric label); `message` is for an operator and
/// never contains the access token. Validation and user errors keep Shopify's own codes
/// and field paths so a flow can tell "unknown item" from "stale quantity".
///
/// ```swift
/// do {
///     _ = try await client.shop()
/// } catch let error as ShopifyError {
///     switch error.failureClass {
///     case .rateLimited(let delay): // snooze the job
///     default: ...
///     }
/// }
/// ```
public struct ShopifyError: ClassifiedError, Equatable {
    /// How the host should react.
    public let failureClass: FailureClass
    /// Stable code such as `http_401`, `shopify_throttled`, `shopify_graphql_undefinedField`.
    public let code: String
    /// What happened, for an operator.
    public let message: String
    /// Top-level GraphQL errors of the answer, if any.
    public let graphQLErrors: [ShopifyGraphQLError]
    /// The mutation's `userErrors`, if that is what failed.
    public let userErrors: [ShopifyUserError]

    /// Creates an error. Prefer the named constructors in `ShopifyError+Classification.swift`.
    public init(
        failureClass: FailureClass,
        code: String,
        message: String,
        graphQLErrors: [ShopifyGraphQLError] = [],
        userErrors: [ShopifyUserError] = []
    ) {
        self.failureClass = failureClass
        self.code = code
        self.message = message
        self.graphQLErrors = graphQLErrors
        self.userErrors = userErrors
    }
}

/// One entry of a GraphQL answer's top-level `errors` list.
public struct ShopifyGraphQLError: Sendable, Equatable, Decodable {
    /// Shopify's message, e.g. `Field 'nope' doesn't exist on type 'QueryRoot'`.
    public let message: String
    /// `extensions.code`, e.g. `THROTTLED`, `ACCESS_DENIED`, `undefinedField`.
    public let code: String?
    /// The field path the error refers to, rendered as strings.
    public let path: [String]

    /// Creates an error entry (used by tests and by the decoder).
    public init(message: String, code: String?, path: [String] = []) {
        self.message = message
        self.code = code
        self.path = path
    }

    private enum CodingKeys: String, CodingKey { case message, extensions, path }
    private enum ExtensionKeys: String, CodingKey { case code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = (try? container.decode(String.self, forKey: .message)) ?? "(no message)"
        let extensions = try? container.nestedContainer(keyedBy: ExtensionKeys.self, forKey: .extensions)
        code = try? extensions?.decodeIfPresent(String.self, forKey: .code)
        path = (try? container.decodeIfPresent([PathComponent].self, forKey: .path))?.map(\.text) ?? []
    }

    // GraphQL paths mix field names and list indexes.
    private struct PathComponent: Decodable {
        let text: String
        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if let index = try? single.decode(Int.self) {
                text = String(index)
            } else {
                text = try single.decode(String.self)
            }
        }
    }
}

/// One entry of a mutation payload's `userErrors`.
public struct ShopifyUserError: Sendable, Equatable, Codable {
    /// The typed code when the payload's error type has one (e.g. `CHANGE_FROM_QUANTITY_STALE`);
    /// plain `UserError` has none.
    public let code: String?
    /// Path to the offending input field, e.g. `["input", "quantities", "0", "changeFromQuantity"]`.
    public let field: [String]?
    /// Shopify's human-readable message.
    public let message: String

    /// Creates a user error (used by tests and by the decoder).
    public init(code: String?, field: [String]?, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }
}
