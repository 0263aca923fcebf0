import Foundation
import PluginKit

/// `PageInfo` of a connection: where the next page starts.
public struct ShopifyPageInfo: Sendable, Equatable, Decodable {
    /// Whether another page follows.
    public let hasNextPage: Bool
    /// The cursor to pass as `after:` for the next page.
    public let endCursor: String?

    /// Creates page info.
    public init(hasNextPage: Bool, endCursor: String?) {
        self.hasNextPage = hasNextPage
        self.endCursor = endCursor
    }
}

/// One page of a connection: `{ nodes, pageInfo }`.
public struct ShopifyPage<Node: Sendable & Decodable>: Sendable, Decodable {
    /// The items of this page.
    public let nodes: [Node]
    /// Where the next page starts.
    public let pageInfo: ShopifyPageInfo
}

/// A list of nodes without page info (`{ nodes }`), for nested lists read in one go.
public struct ShopifyNodes<Node: Sendable & Decodable>: Sendable, Decodable {
    /// The items.
    public let nodes: [Node]
}

/// A `MoneyV2` (`{ amount: Decimal, currencyCode }`) read straight into ``Money``.
///
/// Shopify serialises `Decimal` as a JSON string; a JSON number is refused so no amount
/// ever passes through `Double`.
struct ShopifyMoneyV2: Sendable, Decodable {
    let money: Money

    private enum CodingKeys: String, CodingKey { case amount, currencyCode }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(String.self, forKey: .currencyCode)
        let amount = try container.decode(String.self, forKey: .amount)
        do {
            money = try Money(amount, currency: currency)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "not a decimal amount")
        }
    }
}

/// A `MoneyBag`: the same amount in the shop's currency and in the customer's.
public struct ShopifyMoneyBag: Sendable, Equatable, Decodable {
    /// In the shop's currency (what the books use).
    public let shopMoney: Money
    /// In the currency the customer saw.
    public let presentmentMoney: Money

    /// Creates a money bag.
    public init(shopMoney: Money, presentmentMoney: Money) {
        self.shopMoney = shopMoney
        self.presentmentMoney = presentmentMoney
    }

    private enum CodingKeys: String, CodingKey { case shopMoney, presentmentMoney }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shopMoney = try container.decode(ShopifyMoneyV2.self, forKey: .shopMoney).money
        presentmentMoney = try container.decode(ShopifyMoneyV2.self, forKey: .presentmentMoney).money
    }
}

/// Decodes a `MoneyV2` field as ``Money``.
extension KeyedDecodingContainer {
    func decodeMoney(forKey key: Key) throws -> Money {
        try decode(ShopifyMoneyV2.self, forKey: key).money
    }

    func decodeMoneyIfPresent(forKey key: Key) throws -> Money? {
        try decodeIfPresent(ShopifyMoneyV2.self, forKey: key)?.money
    }
}

/// Shopify global ids: `gid://shopify/{Type}/{number}`.
public enum ShopifyGID {
    /// The global id of a REST (legacy) id: `make("Order", 450789469)`.
    public static func make(_ type: String, _ legacyID: Int64) -> String {
        "gid://shopify/\(type)/\(legacyID)"
    }

    /// The numeric id at the end of a global id, or nil when it is not one.
    public static func legacyID(of gid: String) -> Int64? {
        guard gid.hasPrefix("gid://shopify/") else { return nil }
        let tail = gid.split(separator: "/").last.map { $0.split(separator: "?").first ?? $0 }
        return tail.flatMap { Int64($0) }
    }
}

/// Builds values of Shopify's search syntax (`query:` arguments).
enum ShopifySearchSyntax {
    /// A term value, quoted when it holds anything but letters, digits and `-_.`.
    static func value(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0)
        }
        if plain { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// `field:a OR field:b OR ...`.
    static func anyOf(_ field: String, _ values: [String]) -> String {
        values.map { "\(field):\(value($0))" }.joined(separator: " OR ")
    }

    /// An ISO 8601 timestamp in UTC with seconds, as Shopify writes them.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

extension Array {
    /// The array cut into consecutive slices of at most `size` elements.
    func batched(_ size: Int) -> [[Element]] {
        let size = Swift.max(1, size)
        return stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
