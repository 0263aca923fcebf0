import Foundation

/// A JSON document as NetSuite sends and takes it, with every number kept as `Decimal` so
/// that money never passes through `Double`.
///
/// ```swift
/// let order: JSONValue = [
///     "externalId": "shopify-order-1001",
///     "entity": ["id": "42"],
///     "item": ["items": [["item": ["id": "7"], "quantity": 2, "rate": .number(Decimal(string: "19.99")!)]]],
/// ]
/// let rate = order["item"]?["items"]?[0]?["rate"]?.decimalValue   // 19.99
/// ```
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, or nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number, or a string holding a plain decimal number such as `"-12.50"` (SuiteQL
    /// writes every value as a string), or nil. Strings with exponents, grouping or trailing
    /// text are not numbers here.
    public var decimalValue: Decimal? {
        switch self {
        case .number(let number): number
        case .string(let text): Self.isPlainDecimal(text) ? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) : nil
        default: nil
        }
    }

    /// Optional minus, digits, optional `.` and digits; SuiteQL also writes `.5` and `-.5`.
    private static func isPlainDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in part.allSatisfy { ("0"..."9").contains($0) } }
        switch parts.count {
        case 1: return !parts[0].isEmpty && isDigits(parts[0])
        case 2: return !parts[1].isEmpty && isDigits(parts[0]) && isDigits(parts[1])
        default: return false
        }
    }

    /// The number as an `Int` when it is integral and fits, or nil.
    public var intValue: Int? {
        guard let number = decimalValue, number == number.rounded(scale: 0) else { return nil }
        return Int(exactly: NSDecimalNumber(decimal: number).int64Value).flatMap { Decimal($0) == number ? $0 : nil }
    }

    /// The boolean, or nil.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The elements, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, or nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// A NetSuite reference `{"id": id}`.
    public static func reference(_ id: String) -> JSONValue { ["id": .string(id)] }

    /// A money amount as a JSON number, exact.
    public static func amount(_ value: Decimal) -> JSONValue { .number(value) }
}

extension Decimal {
    /// Rounded to `scale` decimals, half to even.
    func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .bankers)
        return result
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true` / `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer, exact.
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
