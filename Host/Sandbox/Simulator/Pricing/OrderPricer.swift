import Foundation

/// Prices an order in one currency the way Shopify's checkout does: line discounts first,
/// then order-level codes spread across lines by amount (largest remainder, to the cent),
/// then shipping discounts, then tax per line and per rate, each rounded on its own.
enum OrderPricer {
    static func price(_ input: PricingInput) -> PricedOrder {
        var lines = input.lines.map { line in
            let total = DecimalMoney.rounded(line.unitPrice * Decimal(line.quantity))
            return PricedLine(unitPrice: line.unitPrice, quantity: line.quantity, originalTotal: total, allocations: [], taxes: [])
        }
        var shipping = PricedShipping(price: input.shippingPrice, allocations: [], taxes: [])

        for (index, application) in input.discounts.enumerated() {
            switch application.target {
            case .line(let lineIndex) where lines.indices.contains(lineIndex):
                let base = lines[lineIndex].discountedTotal
                let amount = discountAmount(application.value, on: base, convert: input.convert)
                if amount > 0 { lines[lineIndex].allocations.append(PricedAllocation(applicationIndex: index, amount: amount)) }
            case .line:
                continue
            case .allLines:
                let bases = lines.map(\.discountedTotal)
                let amount = discountAmount(application.value, on: DecimalMoney.sum(bases), convert: input.convert)
                guard amount > 0 else { continue }
                for (lineIndex, share) in MoneyAllocation.allocate(amount, weights: bases).enumerated() where share > 0 {
                    lines[lineIndex].allocations.append(PricedAllocation(applicationIndex: index, amount: share))
                }
            case .shipping:
                let amount = discountAmount(application.value, on: shipping.discountedPrice, convert: input.convert)
                if amount > 0 { shipping.allocations.append(PricedAllocation(applicationIndex: index, amount: amount)) }
            }
        }

        for index in lines.indices {
            lines[index].taxes = input.tax.taxes(on: lines[index].discountedTotal)
        }
        shipping.taxes = input.tax.shippingTaxable
            ? input.tax.taxes(on: shipping.discountedPrice)
            : input.tax.rates.map { _ in Decimal(0) }
        let taxTotals = input.tax.rates.indices.map { rateIndex in
            DecimalMoney.sum(lines.map { $0.taxes[rateIndex] }) + shipping.taxes[rateIndex]
        }
        return PricedOrder(lines: lines, shipping: shipping, taxesIncluded: input.tax.taxesIncluded, taxTotals: taxTotals)
    }

    /// The discount on `base`, never more than `base`.
    private static func discountAmount(_ value: DiscountApplication.Value, on base: Decimal, convert: (Decimal) -> Decimal) -> Decimal {
        let amount: Decimal
        switch value {
        case .percentage(let fraction): amount = DecimalMoney.rounded(base * fraction)
        case .fixedAmount(let shopAmount): amount = convert(shopAmount)
        }
        return max(0, min(amount, base))
    }
}
