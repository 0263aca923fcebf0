/// A webhook subscription of this app on the shop.
public struct ShopifyWebhookSubscription: Sendable, Equatable, Decodable {
    /// The subscription's global id.
    public let id: String
    /// The topic enum value, e.g. `ORDERS_CREATE`.
    public let topic: String
    /// Where deliveries go.
    public let uri: String
    /// JSON or XML.
    public let format: String
    /// The filter, if any.
    public let filter: String?
    /// The fields the payload is reduced to (empty: all).
    public let includeFields: [String]
}

private let subscriptionFields = "id topic uri format filter includeFields"

struct WebhookSubscriptionCreateMutation: ShopifyOperation {
    static let name = "webhookSubscriptionCreate"
    let document = """
        mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
          webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
            webhookSubscription { \(subscriptionFields) }
            userErrors { field message }
          }
        }
        """
    struct Input: Encodable, Sendable {
        let uri: String
        let format: String
        let includeFields: [String]?
        let filter: String?
    }
    struct Variables: Encodable, Sendable {
        let topic: String
        let webhookSubscription: Input
    }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Payload: Decodable, Sendable {
        let webhookSubscription: ShopifyWebhookSubscription?
        let userErrors: [ShopifyUserError]
    }
    struct Result: Decodable, Sendable { let webhookSubscriptionCreate: Payload? }
}

struct WebhookSubscriptionsQuery: ShopifyOperation {
    static let name = "webhookSubscriptions"
    let document = """
        query webhookSubscriptions($first: Int!, $after: String) {
          webhookSubscriptions(first: $first, after: $after) {
            nodes { \(subscriptionFields) }
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
    var costKey: String { "\(Self.name)/\(variables.first)" }

    struct Result: Decodable, Sendable { let webhookSubscriptions: ShopifyPage<ShopifyWebhookSubscription> }
}

struct WebhookSubscriptionDeleteMutation: ShopifyOperation {
    static let name = "webhookSubscriptionDelete"
    let document = """
        mutation webhookSubscriptionDelete($id: ID!) {
          webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
        }
        """
    struct Variables: Encodable, Sendable { let id: String }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Payload: Decodable, Sendable {
        let deletedWebhookSubscriptionId: String?
        let userErrors: [ShopifyUserError]
    }
    struct Result: Decodable, Sendable { let webhookSubscriptionDelete: Payload? }
}

extension ShopifyAdminClient {
    /// Subscribes `uri` to `topic` (an enum value such as `ORDERS_CREATE`; compliance topics
    /// are configured in the app, not here). User errors are thrown as a permanent ``ShopifyError``.
    public func createWebhookSubscription(topic: String, uri: String, includeFields: [String]? = nil, filter: String? = nil) async throws -> ShopifyWebhookSubscription {
        let input = WebhookSubscriptionCreateMutation.Input(uri: uri, format: "JSON", includeFields: includeFields, filter: filter)
        let result = try await execute(WebhookSubscriptionCreateMutation(variables: .init(topic: topic, webhookSubscription: input)))
        guard let payload = result.webhookSubscriptionCreate else {
            throw ShopifyError.malformedResponse(detail: "webhookSubscriptionCreate returned no payload")
        }
        guard payload.userErrors.isEmpty else {
            throw ShopifyError.userErrors(payload.userErrors, operation: WebhookSubscriptionCreateMutation.name)
        }
        guard let subscription = payload.webhookSubscription else {
            throw ShopifyError.malformedResponse(detail: "webhookSubscriptionCreate returned neither a subscription nor user errors")
        }
        return subscription
    }

    /// Every webhook subscription of the app on this shop (at most `maximumPages` pages).
    public func webhookSubscriptions(pageSize: Int = 100, maximumPages: Int = 10) async throws -> [ShopifyWebhookSubscription] {
        var subscriptions: [ShopifyWebhookSubscription] = []
        var cursor: String?
        for _ in 0..<maximumPages {
            let variables = WebhookSubscriptionsQuery.Variables(first: min(max(pageSize, 1), 250), after: cursor)
            let page = try await execute(WebhookSubscriptionsQuery(variables: variables)).webhookSubscriptions
            subscriptions += page.nodes
            guard page.pageInfo.hasNextPage, let next = page.pageInfo.endCursor else { break }
            cursor = next
        }
        return subscriptions
    }

    /// Deletes a webhook subscription; returns the deleted id.
    @discardableResult
    public func deleteWebhookSubscription(id: String) async throws -> String {
        let result = try await execute(WebhookSubscriptionDeleteMutation(variables: .init(id: id)))
        guard let payload = result.webhookSubscriptionDelete else {
            throw ShopifyError.malformedResponse(detail: "webhookSubscriptionDelete returned no payload")
        }
        guard payload.userErrors.isEmpty else {
            throw ShopifyError.userErrors(payload.userErrors, operation: WebhookSubscriptionDeleteMutation.name)
        }
        return payload.deletedWebhookSubscriptionId ?? id
    }
}
