import Foundation

/// Which of an order's two currencies the sales order is booked in.
public enum BookingCurrency: String, Sendable, Equatable, CaseIterable {
    /// The shop currency (`shop_money`): the default, so payouts reconcile with the books.
    case shop
    /// The currency the customer paid in (`presentment_money`).
    case presentment
}

/// One amount of an order in both of its currencies, exactly as Shopify stated them.
///
/// The presentment amount is nil when the source did not carry it (an old payload without
/// `*_set` fields); booking such an order in the presentment currency is then refused
/// rather than guessed through an exchange rate.
public struct OrderAmount: Sendable, Hashable {
    /// In the shop currency.
    public var shop: Decimal
    /// In the presentment currency, when known.
    public var presentment: Decimal?

    /// An amount in both currencies.
    public init(shop: Decimal, presentment: Decimal?) {
        self.shop = shop
        self.presentment = presentment
    }

    /// Nothing, in both currencies.
    public static let zero = OrderAmount(shop: 0, presentment: 0)

    /// The amount in `currency`, or nil when that side is unknown.
    public func value(in currency: BookingCurrency) -> Decimal? {
        switch currency {
        case .shop: shop
        case .presentment: presentment
        }
    }

    /// The sum; the presentment side is unknown if either side's is.
    public static func + (lhs: OrderAmount, rhs: OrderAmount) -> OrderAmount {
        OrderAmount(shop: lhs.shop + rhs.shop, presentment: lhs.presentment.flatMap { left in rhs.presentment.map { left + $0 } })
    }

    /// The difference; the presentment side is unknown if either side's is.
    public static func - (lhs: OrderAmount, rhs: OrderAmount) -> OrderAmount {
        OrderAmount(shop: lhs.shop - rhs.shop, presentment: lhs.presentment.flatMap { left in rhs.presentment.map { left - $0 } })
    }
}

extension Sequence<OrderAmount> {
    /// The sum of the amounts, zero for none.
    public func total() -> OrderAmount { reduce(.zero, +) }
}
