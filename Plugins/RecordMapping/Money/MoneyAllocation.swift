import Foundation

/// Splitting one amount into parts that add up to it exactly.
public enum MoneyAllocation {
    /// Splits `total` into one part per weight, proportional to the weights, each rounded to
    /// `scale` decimals, the parts adding up exactly to `total` (itself rounded half-even to
    /// `scale` first).
    ///
    /// Largest-remainder method: every part first gets its proportional share rounded toward
    /// zero in units of `10^-scale`; the units left over go one each to the parts with the
    /// largest dropped fractions, the lower index winning a tie, so the result is deterministic.
    /// A negative total is split as its absolute value and every part negated, so refunds
    /// split like sales. Negative weights count as zero; when every weight is zero the total
    /// is split equally (the leftover units going to the first parts).
    ///
    /// ```swift
    /// MoneyAllocation.largestRemainder(total: 10, weights: [1, 1, 1]) // [3.34, 3.33, 3.33]
    /// ```
    ///
    /// - Parameters:
    ///   - total: The amount to split.
    ///   - weights: One weight per part, e.g. list prices of a bundle's components.
    ///   - scale: Decimals of the smallest unit (2 for cents, 0 for yen). Negative counts as 0.
    /// - Returns: One part per weight; empty when there are no weights.
    public static func largestRemainder(total: Decimal, weights: [Decimal], scale: Int = 2) -> [Decimal] {
        guard !weights.isEmpty else { return [] }
        let scale = max(0, scale)
        let unit = power10(scale)
        let rounded = round(total, scale: scale, mode: .bankers)
        let negative = rounded < 0
        let units = round((negative ? -rounded : rounded) * unit, scale: 0, mode: .bankers)

        let clamped = weights.map { $0 > 0 ? $0 : 0 }
        let weightSum = clamped.reduce(0, +)
        let effective = weightSum > 0 ? clamped : Array(repeating: Decimal(1), count: weights.count)
        let effectiveSum = weightSum > 0 ? weightSum : Decimal(weights.count)

        var parts: [Decimal] = []
        var remainders: [(index: Int, fraction: Decimal)] = []
        for (index, weight) in effective.enumerated() {
            let exact = units * weight / effectiveSum
            let whole = round(exact, scale: 0, mode: .down)
            parts.append(whole)
            remainders.append((index, exact - whole))
        }
        var leftover = units - parts.reduce(0, +)
        // Largest fraction first; equal fractions in index order.
        let order = remainders.sorted { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.index < $1.index }
        var position = 0
        while leftover > 0, !order.isEmpty {
            parts[order[position % order.count].index] += 1
            leftover -= 1
            position += 1
        }
        return parts.map { part in
            let value = part / unit
            return negative ? -value : value
        }
    }

    private static func power10(_ exponent: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func round(_ value: Decimal, scale: Int, mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, mode)
        return result
    }
}
