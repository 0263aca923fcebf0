import Foundation

/// One discount application's share of a line or of the shipping line.
public struct PricedAllocation: Sendable, Equatable {
    /// Index into the order's discount applications.
    public var applicationIndex: Int
    /// The amount allocated, to the cent.
    public var amount: Decimal
}

/// A priced line, in one currency.
public struct PricedLine: Sendable, Equatable {
    /// Unit price in this currency.
    public var unitPrice: Decimal
    /// Units.
    public var quantity: Int
    /// `unitPrice × quantity`.
    public var originalTotal: Decimal
    /// Discount allocations.
    public var allocations: [PricedAllocation]
    /// One amount per rate of the order's tax regime.
    public var taxes: [Decimal]

    /// Sum of this line's discount allocations.
    public var discount: Decimal { DecimalMoney.sum(allocations.map(\.amount)) }
    /// `originalTotal − discount`: the amount the customer pays for the line (gross when
    /// taxes are included).
    public var discountedTotal: Decimal { originalTotal - discount }
    /// Sum of the line's taxes.
    public var tax: Decimal { DecimalMoney.sum(taxes) }
}

/// The priced shipping line, in one currency.
public struct PricedShipping: Sendable, Equatable {
    /// Price in the shop currency.
    public var price: Decimal
    /// Discount allocations.
    public var allocations: [PricedAllocation]
    /// One amount per tax rate.
    public var taxes: [Decimal]

    /// Sum of the shipping's discount allocations.
    public var discount: Decimal { DecimalMoney.sum(allocations.map(\.amount)) }
    /// Shipping after its own discounts (`discounted_price`).
    public var discountedPrice: Decimal { price - discount }
    /// How the order is taxed.
    public var tax: Decimal { DecimalMoney.sum(taxes) }
}

/// An order priced in one currency; every total is a sum of rounded parts, so the
/// document adds up to the cent.
public struct PricedOrder: Sendable, Equatable {
    /// The lines, in document order.
    public var lines: [PricedLine]
    /// The priced shipping line.
    public var shipping: PricedShipping
    /// True when prices include tax.
    public var taxesIncluded: Bool
    /// Total of each rate over lines and shipping (the order's `tax_lines`).
    public var taxTotals: [Decimal]

    /// `total_line_items_price`: Σ unit price × quantity.
    public var totalLineItemsPrice: Decimal { DecimalMoney.sum(lines.map(\.originalTotal)) }
    /// `subtotal_price`: line items after their discounts, before shipping (and before
    /// exclusive tax; gross when taxes are included).
    public var subtotalPrice: Decimal { DecimalMoney.sum(lines.map(\.discountedTotal)) }
    /// `total_discounts`: line and shipping discounts.
    public var totalDiscounts: Decimal { DecimalMoney.sum(lines.map(\.discount)) + shipping.discount }
    /// `total_tax`.
    public var totalTax: Decimal { DecimalMoney.sum(taxTotals) }
    /// `total_price`: subtotal + discounted shipping (+ tax when exclusive).
    public var totalPrice: Decimal {
        subtotalPrice + shipping.discountedPrice + (taxesIncluded ? 0 : totalTax)
    }
    /// Discount allocated by application `index` over lines and shipping.
    public func discountAmount(application index: Int) -> Decimal {
        let allocations = lines.flatMap(\.allocations) + shipping.allocations
        return DecimalMoney.sum(allocations.filter { $0.applicationIndex == index }.map(\.amount))
    }
}
