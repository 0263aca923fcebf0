import Foundation

/// How many decimals a currency's amounts have, for spreading amounts to the smallest unit.
enum CurrencyScale {
    /// ISO 4217 currencies without minor units that Shopify sells in.
    private static let zeroDecimal: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    ]

    /// 0 for currencies without minor units, otherwise 2.
    static func decimals(for currencyCode: String) -> Int {
        zeroDecimal.contains(currencyCode.uppercased()) ? 0 : 2
    }
}

extension Decimal {
    /// Rounded half to even to `scale` decimals.
    func rounded(toScale scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .bankers)
        return result
    }
}
