import Foundation

/// A tax rate as Shopify names it on a tax line.
public struct TaxRate: Sendable, Equatable {
    /// The tax line's title, e.g. "NY State Tax" or "DE MwSt".
    public var title: String
    /// The rate as a fraction: 0.04 for 4 %.
    public var rate: Decimal

    /// A rate titled `title` of `rate` (a fraction).
    public init(title: String, rate: Decimal) {
        self.title = title
        self.rate = rate
    }
}

/// How an order is taxed: US-style exclusive tax lines, or EU-style VAT inside prices.
public struct TaxRegime: Sendable, Equatable {
    /// True when prices include the tax (`taxes_included`).
    public var taxesIncluded: Bool
    /// The rates applied to each taxable amount; an inclusive regime has exactly one.
    public var rates: [TaxRate]
    /// Whether shipping is taxed too.
    public var shippingTaxable: Bool

    /// A regime of `rates`, inclusive or exclusive, taxing shipping or not.
    public init(taxesIncluded: Bool, rates: [TaxRate], shippingTaxable: Bool) {
        self.taxesIncluded = taxesIncluded
        self.rates = rates
        self.shippingTaxable = shippingTaxable
    }

    /// The tax of each rate on `amount`, each rounded to the cent on its own as Shopify
    /// rounds per line: exclusive `amount × rate`; inclusive `amount − amount / (1 + rate)`.
    public func taxes(on amount: Decimal) -> [Decimal] {
        rates.map { rate in
            taxesIncluded
                ? DecimalMoney.rounded(amount - amount / (1 + rate.rate))
                : DecimalMoney.rounded(amount * rate.rate)
        }
    }
}

/// A discount application of an order, in the order of the order's `discount_applications`.
public struct DiscountApplication: Sendable, Equatable {
    /// What the discount applies to.
    public enum Target: Sendable, Equatable {
        /// Every line of the order (a discount code), allocated across lines by their amounts.
        case allLines
        /// One line only (an automatic discount on an entitled product); the line's index.
        case line(Int)
        /// The shipping line.
        case shipping
    }

    /// How the value is expressed.
    public enum Value: Sendable, Equatable {
        /// A fraction of the amount it applies to (0.1 for 10 %).
        case percentage(Decimal)
        /// A fixed amount in the shop currency, converted for the presentment currency.
        case fixedAmount(Decimal)
    }

    /// What it applies to.
    public var target: Target
    /// How much.
    public var value: Value
    /// The code for a discount code; `nil` for an automatic discount.
    public var code: String?
    /// The title shown for an automatic discount.
    public var title: String

    /// A discount of `value` on `target`; a `code` makes it a discount code, else automatic.
    public init(target: Target, value: Value, code: String?, title: String) {
        self.target = target
        self.value = value
        self.code = code
        self.title = title
    }
}

/// Everything needed to price an order in one currency.
struct PricingInput {
    /// Unit price (in this currency) and quantity of each line.
    var lines: [(unitPrice: Decimal, quantity: Int)]
    var shippingPrice: Decimal
    var discounts: [DiscountApplication]
    var tax: TaxRegime
    /// Converts a shop-currency amount into this currency (identity for the shop currency).
    var convert: (Decimal) -> Decimal
}
