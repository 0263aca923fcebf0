import Foundation

/// A postal address as Shopify writes it on customers and orders.
public struct SimulatedAddress: Sendable, Equatable {
    /// Given name.
    public var firstName: String
    /// Family name.
    public var lastName: String
    /// Street line.
    public var address1: String
    /// City.
    public var city: String
    /// Province or state name.
    public var province: String
    /// Province or state code.
    public var provinceCode: String
    /// Country name.
    public var country: String
    /// ISO 3166 country code.
    public var countryCode: String
    /// Postal code.
    public var zip: String
    /// Phone number.
    public var phone: String
}

/// A customer of the simulated shop.
public struct SimulatedCustomer: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// Email address.
    public var email: String
    /// Given name.
    public var firstName: String
    /// Family name.
    public var lastName: String
    /// Phone number.
    public var phone: String
    /// When it happened (simulated time).
    public var createdAt: Date
    /// Default address.
    public var address: SimulatedAddress
}
