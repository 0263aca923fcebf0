import Foundation
import PluginKit

/// How a tenant wants its orders booked: the NetSuite items and records the mapping names,
/// read from the orders plugin's settings.
public struct OrderMappingSettings: Sendable, Equatable {
    /// How a bundle's price is spread over its components.
    public enum BundlePricing: String, Sendable, Equatable {
        /// In proportion to the components' list prices, largest remainder to the cent.
        case proportional
        /// All of it on the first ("master") component; the others at zero.
        case master
    }

    /// Discount item for the discount line after each item line (`discount_item`).
    public var discountItemID: String
    /// Item carrying Shopify's tax amounts (`tax_item`).
    public var taxItemID: String
    /// Other-charge item for gift-card redemptions, booked against the liability (`gift_card_item`).
    public var giftCardItemID: String
    /// The web customer guest checkouts go to (`guest_customer`).
    public var guestCustomerID: String
    /// The fulfilling location, if the tenant names one (`location`).
    public var locationID: String?
    /// NetSuite ship method per Shopify shipping title or code (`shipping_method_map`).
    public var shippingMethods: [String: String]
    /// The ship method when the map has no entry (`default_shipping_method`).
    public var defaultShippingMethodID: String?
    /// Bundle SKUs and their components (`bundle_map`).
    public var bundles: BundleMap
    /// How bundle prices are spread (`bundle_pricing`).
    public var bundlePricing: BundlePricing
    /// The currency the sales order is booked in (`booking_currency`).
    public var bookingCurrency: BookingCurrency
    /// The largest total difference booked as variance instead of failing (`total_tolerance`).
    public var totalTolerance: Decimal
    /// Item for a tolerated difference (`variance_item`); required when the tolerance is above 0.
    public var varianceItemID: String?

    /// Settings given directly (tests, tools).
    public init(discountItemID: String, taxItemID: String, giftCardItemID: String, guestCustomerID: String, locationID: String? = nil,
                shippingMethods: [String: String] = [:], defaultShippingMethodID: String? = nil, bundles: BundleMap = BundleMap(),
                bundlePricing: BundlePricing = .proportional, bookingCurrency: BookingCurrency = .shop,
                totalTolerance: Decimal = 0, varianceItemID: String? = nil) {
        self.discountItemID = discountItemID
        self.taxItemID = taxItemID
        self.giftCardItemID = giftCardItemID
        self.guestCustomerID = guestCustomerID
        self.locationID = locationID
        self.shippingMethods = shippingMethods
        self.defaultShippingMethodID = defaultShippingMethodID
        self.bundles = bundles
        self.bundlePricing = bundlePricing
        self.bookingCurrency = bookingCurrency
        self.totalTolerance = totalTolerance
        self.varianceItemID = varianceItemID
    }

    /// Reads the plugin's settings.
    /// - Throws: ``SettingError`` (permanent) naming the key that is missing or malformed.
    public init(_ settings: FlowSettings) throws {
        func optional(_ key: String) throws -> String? {
            guard settings.has(key) else { return nil }
            let value = try settings.string(key).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        func required(_ key: String) throws -> String {
            guard let value = try optional(key) else { throw SettingError(key: key, problem: "is required but not set") }
            return value
        }
        let pricingText = try optional("bundle_pricing") ?? BundlePricing.proportional.rawValue
        guard let pricing = BundlePricing(rawValue: pricingText.lowercased()) else {
            throw SettingError(key: "bundle_pricing", problem: "must be proportional or master")
        }
        let bookingText = try optional("booking_currency") ?? BookingCurrency.shop.rawValue
        guard let booking = BookingCurrency(rawValue: bookingText.lowercased()) else {
            throw SettingError(key: "booking_currency", problem: "must be shop or presentment")
        }
        let tolerance = try optional("total_tolerance") == nil ? 0 : try settings.decimal("total_tolerance")
        guard tolerance >= 0 else { throw SettingError(key: "total_tolerance", problem: "must not be negative") }
        let variance = try optional("variance_item")
        if tolerance > 0, variance == nil {
            throw SettingError(key: "variance_item", problem: "is required when total_tolerance is above 0")
        }
        self.init(
            discountItemID: try required("discount_item"), taxItemID: try required("tax_item"),
            giftCardItemID: try required("gift_card_item"), guestCustomerID: try required("guest_customer"),
            locationID: try optional("location"),
            shippingMethods: try optional("shipping_method_map") == nil ? [:] : try settings.map("shipping_method_map"),
            defaultShippingMethodID: try optional("default_shipping_method"),
            bundles: try BundleMap(parsing: try optional("bundle_map") ?? ""),
            bundlePricing: pricing, bookingCurrency: booking, totalTolerance: tolerance, varianceItemID: variance)
    }

    /// The ship method for a Shopify shipping line: by code, then title, then the default.
    public func shippingMethodID(title: String, code: String?) -> String? {
        if let code, let method = shippingMethods[code] { return method }
        return shippingMethods[title] ?? defaultShippingMethodID
    }
}
