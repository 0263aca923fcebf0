import Foundation

/// Money arithmetic on `Decimal`, rounded to the cent the way Shopify rounds
/// (half away from zero), and written as Shopify writes it ("12.30", "-0.05").
public enum DecimalMoney {
    /// `value` rounded to `scale` decimals, halves away from zero.
    public static func rounded(_ value: Decimal, scale: Int = 2) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// `value` rounded toward zero to `scale` decimals.
    public static func truncated(_ value: Decimal, scale: Int = 2) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, value < 0 ? .up : .down)
        return result
    }

    /// An exact decimal built from integers: `fixed(725, scale: 4)` is 0.0725. Used for
    /// constants so that no binary floating-point literal ever becomes money.
    public static func fixed(_ significand: Int, scale: Int) -> Decimal {
        let magnitude = Decimal(sign: .plus, exponent: -scale, significand: Decimal(significand.magnitude))
        return significand < 0 ? -magnitude : magnitude
    }

    /// The amount as a string with exactly two decimals ("12.30").
    public static func string(_ value: Decimal) -> String {
        let cents = NSDecimalNumber(decimal: rounded(value) * 100).int64Value
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        let sign = cents < 0 ? "-" : ""
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A decimal written plainly, without trailing zeros ("0.0725", "19"): used for rates.
    public static func plain(_ value: Decimal) -> String {
        var text = "\(value)"
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Strict parsing of a money string: optional minus, digits, optional fraction.
    public static func parse(_ text: String) -> Decimal? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The sum of `values`.
    public static func sum<S: Sequence>(_ values: S) -> Decimal where S.Element == Decimal {
        values.reduce(Decimal(0), +)
    }
}
