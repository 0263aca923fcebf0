import Foundation
import NetSuite

/// Building SuiteQL text safely and reading its rows.
public enum SuiteQLLiteral {
    /// A single-quoted SQL string literal, inner quotes doubled (`O'Brien` -> `'O''Brien'`).
    /// NUL characters, which no NetSuite value contains, are dropped.
    public static func string(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\u{0}", with: "").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A parenthesised list of string literals for `IN (...)`.
    public static func list(_ values: [String]) -> String {
        "(" + values.map(string).joined(separator: ", ") + ")"
    }

    /// A cell as text: SuiteQL answers ids as strings, but numbers are accepted too.
    public static func text(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if let text = value.stringValue { return text.isEmpty ? nil : text }
        if let number = value.decimalValue { return NSDecimalNumber(decimal: number).stringValue }
        return nil
    }
}
