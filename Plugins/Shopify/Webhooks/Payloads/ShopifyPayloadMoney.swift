import Foundation
import PluginKit

/// A decimal amount Shopify wrote as a JSON string (`"19.99"`), parsed strictly into
/// `Decimal`. A JSON number is refused: money never passes through `Double`.
public struct ShopifyAmount: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The exact amount.
    public let value: Decimal

    /// Creates an amount.
    public init(_ value: Decimal) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        // "XXX" is ISO 4217's "no currency": only the strict parser is borrowed here.
        guard let money = try? Money(text, currency: "XXX") else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal amount")
        }
        value = money.amount
    }

    /// The amount in `currency`.
    public func money(_ currency: String) -> Money { Money(amount: value, currencyCode: currency) }

    public var description: String { "\(value)" }
}

/// A REST `price_set`/`*_set`: `{shop_money: {amount, currency_code}, presentment_money: {...}}`.
public struct ShopifyPriceSet: Sendable, Hashable, Decodable {
    /// In the shop's currency: what the books use.
    public let shopMoney: Money
    /// In the currency the customer saw.
    public let presentmentMoney: Money

    private enum CodingKeys: String, CodingKey { case shopMoney = "shop_money", presentmentMoney = "presentment_money" }
    private struct RestMoney: Decodable {
        let amount: ShopifyAmount
        let currencyCode: String
        enum CodingKeys: String, CodingKey { case amount, currencyCode = "currency_code" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shop = try container.decode(RestMoney.self, forKey: .shopMoney)
        let presentment = try container.decode(RestMoney.self, forKey: .presentmentMoney)
        shopMoney = shop.amount.money(shop.currencyCode)
        presentmentMoney = presentment.amount.money(presentment.currencyCode)
    }
}

/// A tax line: `{price, rate, title, price_set}`.
public struct ShopifyTaxLine: Sendable, Hashable, Decodable {
    /// The tax title, e.g. `State Tax`.
    public let title: String
    /// The tax amount in the shop currency.
    public let price: ShopifyAmount
    /// The rate as a fraction (0.06), as Shopify sent it.
    public let rate: Decimal?
    /// The tax in both currencies.
    public let priceSet: ShopifyPriceSet?

    private enum CodingKeys: String, CodingKey { case title, price, rate, priceSet = "price_set" }
}

/// JSON decoding for webhook payloads: snake-case keys as Shopify writes them, ISO 8601 dates.
public enum ShopifyWebhookPayloads {
    /// Decodes a payload of type `T` from the raw body; unknown fields are ignored.
    public static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws -> T {
        try ShopifyDates.makeDecoder().decode(type, from: body)
    }
}
