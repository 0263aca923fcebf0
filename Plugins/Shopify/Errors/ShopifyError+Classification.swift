import PluginKit

extension ShopifyError {
    /// 401/403: the token was refused or lacks access. Retrying will not help.
    public static func authentication(status: Int) -> ShopifyError {
        ShopifyError(
            failureClass: .authentication,
            code: "http_\(status)",
            message: "Shopify refused the access token (HTTP \(status)); the tenant's credentials need attention"
        )
    }

    /// A GraphQL answer with `THROTTLED`: wait until the bucket holds the requested cost again.
    public static func throttled(cost: ShopifyQueryCost?) -> ShopifyError {
        let delay = cost?.delayUntilAffordable ?? .seconds(1)
        return ShopifyError(
            failureClass: .rateLimited(retryAfter: max(delay, .milliseconds(1))),
            code: "shopify_throttled",
            message: "Shopify throttled the request: the cost bucket was short of the requested cost",
            graphQLErrors: [ShopifyGraphQLError(message: "Throttled", code: "THROTTLED")]
        )
    }

    /// HTTP 429 (the REST-style leaky bucket): wait as long as `Retry-After` says.
    public static func httpRateLimited(retryAfter: Duration?) -> ShopifyError {
        ShopifyError(
            failureClass: .rateLimited(retryAfter: retryAfter ?? .seconds(2)),
            code: "http_429",
            message: "Shopify answered 429 Too Many Requests"
        )
    }

    /// 5xx: Shopify is having trouble; try again later.
    public static func server(status: Int, retryAfter: Duration?) -> ShopifyError {
        ShopifyError(
            failureClass: .transient(retryAfter: retryAfter),
            code: "http_\(status)",
            message: "Shopify answered HTTP \(status)"
        )
    }

    /// Any other non-2xx status (400, 404 for an unknown shop or API version, 422 ...).
    public static func clientStatus(status: Int, detail: String) -> ShopifyError {
        ShopifyError(
            failureClass: .permanent,
            code: "http_\(status)",
            message: "Shopify answered HTTP \(status): \(detail)"
        )
    }

    /// No answer in time.
    public static func timeout(after limit: Duration) -> ShopifyError {
        ShopifyError(
            failureClass: .transient(retryAfter: nil),
            code: "shopify_timeout",
            message: "Shopify did not answer within \(limit)"
        )
    }

    /// The connection could not be made or broke down.
    public static func connection(detail: String) -> ShopifyError {
        ShopifyError(
            failureClass: .transient(retryAfter: nil),
            code: "shopify_connection_failed",
            message: "could not talk to Shopify: \(detail)"
        )
    }

    /// An answer that is not the GraphQL envelope it should be.
    public static func malformedResponse(detail: String) -> ShopifyError {
        ShopifyError(
            failureClass: .transient(retryAfter: nil),
            code: "shopify_malformed_response",
            message: "Shopify's answer could not be read: \(detail)"
        )
    }

    /// A request the client refuses to send (invalid input found before any call).
    public static func invalidRequest(_ detail: String) -> ShopifyError {
        ShopifyError(failureClass: .permanent, code: "shopify_invalid_request", message: detail)
    }

    /// Top-level GraphQL errors (validation errors, access denied, internal errors).
    /// `THROTTLED` is handled by ``throttled(cost:)``.
    public static func graphQL(_ errors: [ShopifyGraphQLError], cost: ShopifyQueryCost?) -> ShopifyError {
        let codes = errors.compactMap(\.code)
        if codes.contains("THROTTLED") { return .throttled(cost: cost) }
        let failureClass: FailureClass
        if codes.contains("ACCESS_DENIED") {
            // Missing scopes: an operator must re-grant the app's access.
            failureClass = .authentication
        } else if codes.contains("INTERNAL_SERVER_ERROR") {
            failureClass = .transient(retryAfter: nil)
        } else {
            failureClass = .permanent
        }
        let firstCode = codes.first ?? "error"
        let summary = errors.prefix(3).map(\.message).joined(separator: "; ")
        return ShopifyError(
            failureClass: failureClass,
            code: "shopify_graphql_\(firstCode)",
            message: "GraphQL error: \(summary)",
            graphQLErrors: errors
        )
    }

    /// A mutation's `userErrors`: the input was refused. Codes and fields are kept.
    public static func userErrors(_ errors: [ShopifyUserError], operation: String) -> ShopifyError {
        let firstCode = errors.compactMap(\.code).first ?? "USER_ERROR"
        let summary = errors.prefix(3).map { error in
            let field = error.field.map { " [\($0.joined(separator: "."))]" } ?? ""
            return "\(error.code ?? "error")\(field): \(error.message)"
        }.joined(separator: "; ")
        return ShopifyError(
            failureClass: .permanent,
            code: "shopify_user_error_\(firstCode)",
            message: "\(operation) refused the input: \(summary)",
            userErrors: errors
        )
    }
}
