/// A postal address in a REST payload (billing, shipping, a customer's default address).
/// Properties are Shopify's REST fields, named in camel case (`order_id` is `orderId`).
public struct ShopifyAddress: Sendable, Hashable, Decodable {
    public let firstName: String?
    public let lastName: String?
    public let company: String?
    public let address1: String?
    public let address2: String?
    public let city: String?
    public let province: String?
    public let provinceCode: String?
    public let country: String?
    public let countryCode: String?
    public let zip: String?
    public let phone: String?

    private enum CodingKeys: String, CodingKey {
        case firstName = "first_name", lastName = "last_name", company, address1, address2, city, province
        case provinceCode = "province_code", country, countryCode = "country_code", zip, phone
    }
}
