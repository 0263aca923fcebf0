import Foundation

/// The REST customer of `customers/create` and `customers/update` webhooks, also embedded
/// in orders. Unknown fields are ignored.
/// Properties are Shopify's REST fields, named in camel case (`order_id` is `orderId`).
public struct ShopifyCustomerPayload: Sendable, Decodable {
    public let id: Int64
    public let email: String?
    public let firstName: String?
    public let lastName: String?
    public let phone: String?
    /// enabled, disabled, invited, declined.
    public let state: String?
    /// Comma-separated tags, as Shopify sends them.
    public let tags: String?
    public let defaultAddress: ShopifyAddress?
    public let createdAt: Date?
    /// The key of "stale updates lose".
    public let updatedAt: Date?

    private enum CodingKeys: String, CodingKey {
        case id, email, firstName = "first_name", lastName = "last_name", phone, state, tags
        case defaultAddress = "default_address", createdAt = "created_at", updatedAt = "updated_at"
    }
}
