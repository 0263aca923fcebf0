import Foundation

/// Splits an amount over weighted parts to the cent so that the parts add up exactly.
public enum MoneyAllocation {
    /// Splits `total` (a whole number of cents) in proportion to `weights` with the
    /// largest-remainder method. Ties go to the later part, as Shopify's allocations do:
    /// 0.04 over three equal parts is 0.01, 0.01, 0.02. Parts with zero weight get zero;
    /// if every weight is zero the whole amount goes to the last part.
    public static func allocate(_ total: Decimal, weights: [Decimal]) -> [Decimal] {
        guard !weights.isEmpty else { return [] }
        if total < 0 { return allocate(-total, weights: weights).map { -$0 } }
        let totalCents = DecimalMoney.rounded(total) * 100
        let weightSum = DecimalMoney.sum(weights)
        guard weightSum > 0 else {
            var parts = Array(repeating: Decimal(0), count: weights.count)
            parts[parts.count - 1] = DecimalMoney.rounded(total)
            return parts
        }
        let exactShares = weights.map { totalCents * $0 / weightSum }
        var cents = exactShares.map { DecimalMoney.truncated($0, scale: 0) }
        var leftover = NSDecimalNumber(decimal: totalCents - DecimalMoney.sum(cents)).intValue
        let order = exactShares.indices.sorted { left, right in
            let leftRemainder = exactShares[left] - cents[left]
            let rightRemainder = exactShares[right] - cents[right]
            return leftRemainder == rightRemainder ? left > right : leftRemainder > rightRemainder
        }
        var position = 0
        while leftover > 0 {
            cents[order[position % order.count]] += 1
            leftover -= 1
            position += 1
        }
        return cents.map { $0 / 100 }
    }

    /// Splits `total` over `count` equal units (the per-unit view of an allocation).
    public static func perUnit(_ total: Decimal, units count: Int) -> [Decimal] {
        allocate(total, weights: Array(repeating: Decimal(1), count: max(count, 0)))
    }
}
