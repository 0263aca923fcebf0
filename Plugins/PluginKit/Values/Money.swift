import Foundation

/// An amount of money in one currency, exact to the cent and beyond.
///
/// Shopify sends money as strings (`"19.99"`) and NetSuite as JSON numbers; both are read
/// into `Decimal`, never `Double`, so totals add up to the cent.
///
/// ```swift
/// let price = try Money("19.99", currency: "USD")
/// let line = price * 3                      // 59.97 USD
/// let total = try line + shipping           // throws if shipping is not in USD
/// ```
///
/// Adding, subtracting or comparing two currencies is a data error, not a programming
/// error: amounts come from webhooks, so those operations throw ``MoneyError`` instead of
/// stopping the process.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The exact amount, in units of the currency (19.99, not 1999).
    public let amount: Decimal
    /// ISO 4217 code, uppercase: `USD`, `EUR`, `JPY`.
    public let currencyCode: String

    /// An amount already read as a `Decimal`; the currency code is uppercased.
    public init(amount: Decimal, currencyCode: String) {
        self.amount = amount
        self.currencyCode = currencyCode.uppercased()
    }

    /// Parses a decimal string such as `"19.99"`, `"-0.50"` or `"1200"`. Throws
    /// ``MoneyError`` for anything else (exponents, grouping separators, blanks).
    public init(_ text: String, currency: String) throws {
        guard let amount = Self.parse(text) else { throw MoneyError(text: text) }
        self.init(amount: amount, currencyCode: currency)
    }

    /// Nothing, in `currency`: the start of a sum.
    public static func zero(_ currency: String) -> Money { Money(amount: 0, currencyCode: currency) }

    /// The amount with exactly `scale` decimals (2 by default), as Shopify and NetSuite write
    /// it, rounded half to even. Exact for any magnitude: built from the decimal's own digits,
    /// never through a binary floating-point number or a locale.
    public func formatted(scale: Int = 2) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, max(0, scale), .bankers)
        // Decimal's description is plain positional notation ("-12.3", "1200", "0.05").
        let text = rounded.description
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        let whole = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let padded = scale > 0 ? "." + fraction.padding(toLength: scale, withPad: "0", startingAt: 0) : ""
        let isZero = whole.allSatisfy { $0 == "0" } && fraction.allSatisfy { $0 == "0" }
        return (negative && !isZero ? "-" : "") + whole + padded
    }

    /// `19.99 USD`.
    public var description: String { "\(formatted()) \(currencyCode)" }

    /// Whether `self` is less than `other`; throws if the currencies differ.
    public func isLess(than other: Money) throws(MoneyError) -> Bool {
        try requireSameCurrency(other)
        return amount < other.amount
    }

    /// The sum of two amounts in the same currency; throws if the currencies differ.
    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.requireSameCurrency(rhs)
        return Money(amount: lhs.amount + rhs.amount, currencyCode: lhs.currencyCode)
    }

    /// The difference of two amounts in the same currency; throws if the currencies differ.
    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.requireSameCurrency(rhs)
        return Money(amount: lhs.amount - rhs.amount, currencyCode: lhs.currencyCode)
    }

    private func requireSameCurrency(_ other: Money) throws(MoneyError) {
        guard currencyCode == other.currencyCode else {
            throw MoneyError(text: "\(other)", reason: "is not in \(currencyCode)")
        }
    }

    /// The amount times a quantity: a line's price times its units.
    public static func * (lhs: Money, rhs: Int) -> Money {
        Money(amount: lhs.amount * Decimal(rhs), currencyCode: lhs.currencyCode)
    }

    /// The opposite amount: a refund of a charge.
    public static prefix func - (value: Money) -> Money {
        Money(amount: -value.amount, currencyCode: value.currencyCode)
    }

    /// Strict decimal parsing: optional minus, digits, optional fraction.
    static func parse(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        guard !digits.isEmpty else { return nil }
        if let dot = digits.firstIndex(of: ".") {
            let whole = digits[..<dot], fraction = digits[digits.index(after: dot)...]
            guard !whole.isEmpty, !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            digits = whole
        }
        guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }
}

/// A money string that is not a plain decimal number, or arithmetic across two currencies.
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text or amount at fault, as received.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    /// An error about `text`; by default, that it is not a decimal amount.
    public init(text: String, reason: String = "is not a decimal amount") {
        self.text = text
        self.reason = reason
    }

    /// `'abc' is not a decimal amount`, cut short.
    public var description: String { "'\(text.prefix(40))' \(reason)" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
