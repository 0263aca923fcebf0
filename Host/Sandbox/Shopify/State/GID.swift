import Foundation

/// Shopify global ids: `gid://shopify/{Type}/{id}`.
enum GID {
    static func make(_ type: String, _ id: Int64) -> String { "gid://shopify/\(type)/\(id)" }

    /// The numeric id of a GID of the given type; nil for another type or a malformed id.
    static func parse(_ gid: String, type: String) -> Int64? {
        let prefix = "gid://shopify/\(type)/"
        guard gid.hasPrefix(prefix) else { return nil }
        var rest = gid.dropFirst(prefix.count)
        // Some GIDs carry parameters (`?inventory_item_id=...`); the id ends before them.
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        guard let id = Int64(rest), id > 0 else { return nil }
        return id
    }
}

/// Money amounts as Shopify writes them: decimal strings ("19.99").
enum MoneyText {
    /// Parses a plain decimal string (digits, optional sign and fraction); nil otherwise.
    static func decimal(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty,
            trimmed.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil
        else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Writes an amount with at least two fraction digits ("20.0" -> "20.00", "1.125" stays).
    static func string(_ value: Decimal) -> String {
        var text = NSDecimalNumber(decimal: value).stringValue
        if !text.contains(".") { text += ".00" }
        else if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 2 { text += "0" }
        return text
    }

    /// Normalises a REST amount (string or number) to Shopify's decimal string; "0.00" when absent.
    static func normalized(_ value: JSONValue?) -> String {
        guard let text = value?.stringValue, let amount = decimal(text) else { return "0.00" }
        return string(amount)
    }
}

/// ISO 8601 times as Shopify writes them in GraphQL (`2026-01-05T10:00:00Z`).
enum ISOTime {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Parses `2026-01-05T10:00:00Z`, `...-05:00`, with or without fractional seconds, or a bare date.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }
}
