import Foundation

/// The REST fulfillment of `fulfillments/create` and `fulfillments/update` webhooks.
/// Unknown fields are ignored.
/// Properties are Shopify's REST fields, named in camel case (`order_id` is `orderId`).
public struct ShopifyFulfillmentPayload: Sendable, Decodable {
    public let id: Int64
    public let orderId: Int64
    /// pending, open, success, cancelled, error, failure.
    public let status: String?
    public let name: String?
    public let locationId: Int64?
    public let trackingCompany: String?
    public let trackingNumbers: [String]
    public let trackingUrls: [String]
    public let lineItems: [LineItem]
    public let createdAt: Date?
    public let updatedAt: Date?

    /// A shipped line.
    public struct LineItem: Sendable, Decodable {
        public let id: Int64
        public let variantId: Int64?
        public let sku: String?
        public let quantity: Int

        private enum CodingKeys: String, CodingKey { case id, variantId = "variant_id", sku, quantity }
    }

    private enum CodingKeys: String, CodingKey {
        case id, orderId = "order_id", status, name, locationId = "location_id", trackingCompany = "tracking_company"
        case trackingNumber = "tracking_number", trackingNumbers = "tracking_numbers", trackingUrls = "tracking_urls"
        case lineItems = "line_items", createdAt = "created_at", updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        orderId = try c.decode(Int64.self, forKey: .orderId)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        locationId = try c.decodeIfPresent(Int64.self, forKey: .locationId)
        trackingCompany = try c.decodeIfPresent(String.self, forKey: .trackingCompany)
        // Older payloads carry a single `tracking_number`; newer ones the list.
        let numbers = try c.decodeIfPresent([String].self, forKey: .trackingNumbers) ?? []
        let single = try c.decodeIfPresent(String.self, forKey: .trackingNumber)
        trackingNumbers = numbers.isEmpty ? single.map { [$0] } ?? [] : numbers
        trackingUrls = try c.decodeIfPresent([String].self, forKey: .trackingUrls) ?? []
        lineItems = try c.decodeIfPresent([LineItem].self, forKey: .lineItems) ?? []
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt)
    }
}
