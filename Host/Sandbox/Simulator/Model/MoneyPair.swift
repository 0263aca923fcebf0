import Foundation

/// One amount in the shop currency and in the presentment currency, each rounded on its
/// own (a REST `_set`'s `shop_money` and `presentment_money`).
public struct MoneyPair: Sendable, Equatable, CustomStringConvertible {
    /// Amount in the shop currency.
    public var shop: Decimal
    /// Amount in the presentment currency.
    public var presentment: Decimal

    /// A pair of amounts, shop currency first.
    public init(shop: Decimal, presentment: Decimal) {
        self.shop = shop
        self.presentment = presentment
    }

    /// Zero in both currencies.
    public static let zero = MoneyPair(shop: 0, presentment: 0)

    /// Adds each currency on its own.
    public static func + (lhs: MoneyPair, rhs: MoneyPair) -> MoneyPair {
        MoneyPair(shop: lhs.shop + rhs.shop, presentment: lhs.presentment + rhs.presentment)
    }

    /// Subtracts each currency on its own.
    public static func - (lhs: MoneyPair, rhs: MoneyPair) -> MoneyPair {
        MoneyPair(shop: lhs.shop - rhs.shop, presentment: lhs.presentment - rhs.presentment)
    }

    /// Negates both amounts.
    public static prefix func - (value: MoneyPair) -> MoneyPair {
        MoneyPair(shop: -value.shop, presentment: -value.presentment)
    }

    /// The amount of the two priced orders at the same place.
    static func from(shop: PricedOrder, presentment: PricedOrder, _ amount: (PricedOrder) -> Decimal) -> MoneyPair {
        MoneyPair(shop: amount(shop), presentment: amount(presentment))
    }

    /// `shop / presentment`, two decimals each.
    public var description: String {
        "\(DecimalMoney.string(shop)) / \(DecimalMoney.string(presentment))"
    }
}
