/// The customer a compliance request is about.
/// Properties are Shopify's REST fields, named in camel case (`order_id` is `orderId`).
public struct ShopifyComplianceCustomer: Sendable, Equatable, Decodable {
    public let id: Int64
    public let email: String?
    public let phone: String?
}

/// `customers/data_request`: export what the tenant holds about a customer.
public struct ShopifyCustomerDataRequest: Sendable, Equatable, Decodable {
    public let shopId: Int64
    public let shopDomain: String
    public let customer: ShopifyComplianceCustomer
    public let ordersRequested: [Int64]
    /// The request's id, to quote when answering the merchant.
    public let dataRequestID: Int64?

    private enum CodingKeys: String, CodingKey {
        case shopId = "shop_id", shopDomain = "shop_domain", customer, ordersRequested = "orders_requested"
        case dataRequest = "data_request"
    }
    private struct DataRequest: Decodable { let id: Int64 }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shopId = try c.decode(Int64.self, forKey: .shopId)
        shopDomain = try c.decode(String.self, forKey: .shopDomain)
        customer = try c.decode(ShopifyComplianceCustomer.self, forKey: .customer)
        ordersRequested = try c.decodeIfPresent([Int64].self, forKey: .ordersRequested) ?? []
        dataRequestID = try c.decodeIfPresent(DataRequest.self, forKey: .dataRequest)?.id
    }
}

/// `customers/redact`: erase a customer's data (and these orders') within 30 days.
public struct ShopifyCustomerRedact: Sendable, Equatable, Decodable {
    public let shopId: Int64
    public let shopDomain: String
    public let customer: ShopifyComplianceCustomer
    public let ordersToRedact: [Int64]

    private enum CodingKeys: String, CodingKey {
        case shopId = "shop_id", shopDomain = "shop_domain", customer, ordersToRedact = "orders_to_redact"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shopId = try c.decode(Int64.self, forKey: .shopId)
        shopDomain = try c.decode(String.self, forKey: .shopDomain)
        customer = try c.decode(ShopifyComplianceCustomer.self, forKey: .customer)
        ordersToRedact = try c.decodeIfPresent([Int64].self, forKey: .ordersToRedact) ?? []
    }
}

/// `shop/redact`: erase everything of the shop (sent 48 hours after uninstall).
public struct ShopifyShopRedact: Sendable, Equatable, Decodable {
    public let shopId: Int64
    public let shopDomain: String

    private enum CodingKeys: String, CodingKey { case shopId = "shop_id", shopDomain = "shop_domain" }
}
