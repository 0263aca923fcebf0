import Foundation
import PluginKit

/// The mapped sales order would not total what Shopify charged, beyond the tenant's
/// tolerance: booking it would break the one promise, so the job dies with both totals.
public struct OrderTotalMismatch: ClassifiedError, Equatable {
    /// The Shopify order's name (`#1001`).
    public let orderName: String
    /// Shopify's `total_price` in the booking currency.
    public let shopifyTotal: Money
    /// Redeemed by gift card, booked as a negative line and so taken off the expected total.
    public let giftCard: Money
    /// What the mapped lines and shipping add up to.
    public let mappedTotal: Money

    /// A mismatch of `mappedTotal` against `shopifyTotal` less `giftCard`.
    public init(orderName: String, shopifyTotal: Money, giftCard: Money, mappedTotal: Money) {
        self.orderName = orderName
        self.shopifyTotal = shopifyTotal
        self.giftCard = giftCard
        self.mappedTotal = mappedTotal
    }

    /// What NetSuite should show: Shopify's total less the gift card.
    public var expectedTotal: Money { Money(amount: shopifyTotal.amount - giftCard.amount, currencyCode: shopifyTotal.currencyCode) }
    /// Expected minus mapped.
    public var difference: Money { Money(amount: expectedTotal.amount - mappedTotal.amount, currencyCode: shopifyTotal.currencyCode) }

    /// Permanent: the same order maps the same way until an operator changes the mapping or the order.
    public var failureClass: FailureClass { .permanent }
    /// `total_mismatch`.
    public var code: String { "total_mismatch" }
    /// Names Shopify's total, the mapped total and the difference, with the currency.
    public var message: String {
        let giftCardPart = giftCard.amount == 0 ? "" : " less gift card \(giftCard) = \(expectedTotal)"
        return "order \(orderName): Shopify total \(shopifyTotal)\(giftCardPart), mapped sales order total \(mappedTotal), difference \(difference)"
    }
}

/// An order the mapping cannot express as it stands.
public struct OrderMappingError: ClassifiedError, Equatable {
    /// `order_line_without_sku`, `order_missing_presentment_amount`, ...
    public let code: String
    /// What is wrong and what to fix.
    public let message: String

    /// An error with a stable `code`.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Permanent: the order or the tenant's settings must change first.
    public var failureClass: FailureClass { .permanent }
}
