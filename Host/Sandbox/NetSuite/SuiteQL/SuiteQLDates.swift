import Foundation

/// Oracle-style date formats as SuiteQL's `TO_DATE`, `TO_TIMESTAMP` and `TO_CHAR` take them:
/// `YYYY`, `MM`, `DD`, `HH24`, `MI`, `SS`, other characters literal, `"text"` quoted literal.
/// The sandbox's account time zone is UTC.
enum SuiteQLDates {
    private enum Piece: Equatable {
        case field(String, width: Int)
        case literal(String)
    }

    private static let fields: [(String, Int)] = [("YYYY", 4), ("HH24", 2), ("MM", 2), ("DD", 2), ("MI", 2), ("SS", 2)]

    private static func pieces(_ format: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(format)
        while let first = rest.first {
            if first == "\"", let end = rest.dropFirst().firstIndex(of: "\"") {
                pieces.append(.literal(String(rest[rest.index(after: rest.startIndex)..<end])))
                rest = rest[rest.index(after: end)...]
            } else if let (name, width) = fields.first(where: { rest.uppercased().hasPrefix($0.0) }) {
                pieces.append(.field(name, width: width))
                rest = rest.dropFirst(name.count)
            } else {
                pieces.append(.literal(String(first)))
                rest = rest.dropFirst()
            }
        }
        return pieces
    }

    private static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    /// Parses `text` exactly as `format` describes it; nil if it does not match.
    static func parse(_ text: String, format: String) -> Date? {
        var components = DateComponents(hour: 0, minute: 0, second: 0)
        var rest = Substring(text)
        for piece in pieces(format) {
            switch piece {
            case .literal(let literal):
                guard rest.hasPrefix(literal) else { return nil }
                rest = rest.dropFirst(literal.count)
            case .field(let name, let width):
                let digits = rest.prefix(width)
                guard digits.count == width, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
                rest = rest.dropFirst(width)
                switch name {
                case "YYYY": components.year = value
                case "MM": components.month = value
                case "DD": components.day = value
                case "HH24": components.hour = value
                case "MI": components.minute = value
                default: components.second = value
                }
            }
        }
        guard rest.isEmpty, components.year != nil, components.month != nil, components.day != nil,
              components.isValidDate(in: utc) else { return nil }
        return utc.date(from: components)
    }

    /// Formats `date` with `format` (UTC).
    static func format(_ date: Date, format: String) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return pieces(format).map { piece in
            switch piece {
            case .literal(let literal): return literal
            case .field(let name, let width):
                let value = switch name {
                case "YYYY": parts.year
                case "MM": parts.month
                case "DD": parts.day
                case "HH24": parts.hour
                case "MI": parts.minute
                default: parts.second
                }
                let text = String(value ?? 0)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
        }.joined()
    }

    /// How SuiteQL writes a date column without `TO_CHAR`: the account's date format, `M/D/YYYY`.
    static func defaultText(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return "\(parts.month ?? 0)/\(parts.day ?? 0)/\(parts.year ?? 0)"
    }
}
