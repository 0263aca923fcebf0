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
    public let amount: Decimal
    /// ISO 4217 code, uppercase: `USD`, `EUR`, `JPY`.
    public let currencyCode: String

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

    public static func zero(_ currency: String) -> Money { Money(amount: 0, currencyCode: currency) }

    /// The amount with exactly `scale` decimals (2 by default), as Shopify and NetSuite write it.
    public func formatted(scale: Int = 2) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .bankers)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.numberStyle = .decimal
        formatter.usesGroupingSeparator = false
        formatter.minimumFractionDigits = scale
        formatter.maximumFractionDigits = scale
        return formatter.string(from: rounded as NSDecimalNumber) ?? "\(rounded)"
    }

    public var description: String { "\(formatted()) \(currencyCode)" }

    /// Whether `self` is less than `other`; throws if the currencies differ.
    public func isLess(than other: Money) throws(MoneyError) -> Bool {
        try requireSameCurrency(other)
        return amount < other.amount
    }

    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.requireSameCurrency(rhs)
        return Money(amount: lhs.amount + rhs.amount, currencyCode: lhs.currencyCode)
    }

    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.requireSameCurrency(rhs)
        return Money(amount: lhs.amount - rhs.amount, currencyCode: lhs.currencyCode)
    }

    private func requireSameCurrency(_ other: Money) throws(MoneyError) {
        guard currencyCode == other.currencyCode else {
            throw MoneyError(text: "\(other)", reason: "is not in \(currencyCode)")
        }
    }

    public static func * (lhs: Money, rhs: Int) -> Money {
        Money(amount: lhs.amount * Decimal(rhs), currencyCode: lhs.currencyCode)
    }

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
    public let text: String
    public let reason: String

    public init(text: String, reason: String = "is not a decimal amount") {
        self.text = text
        self.reason = reason
    }

    public var description: String { "'\(text.prefix(40))' \(reason)" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
