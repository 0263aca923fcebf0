import Foundation

extension SuiteQLEvaluator {
    func value(_ expression: SuiteQLExpression, _ row: SuiteQLTables.Row) throws(SuiteQLError) -> SuiteQLValue {
        switch expression {
        case .column(let name): return row[stripQualifier(name)] ?? .null
        case .string(let text): return .text(text)
        case .number(let number): return .number(number)
        case .null: return .null
        case .function(let name, let arguments):
            let values = try arguments.map { argument throws(SuiteQLError) in try value(argument, row) }
            return try call(name, values)
        }
    }


    private func call(_ name: String, _ arguments: [SuiteQLValue]) throws(SuiteQLError) -> SuiteQLValue {
        switch (name, arguments.first) {
        case (_, .null?): return .null
        case ("UPPER", let argument?) where arguments.count == 1:
            guard let text = Self.rendered(argument) else { return .null }
            return .text(text.uppercased())
        case ("LOWER", let argument?) where arguments.count == 1:
            guard let text = Self.rendered(argument) else { return .null }
            return .text(text.lowercased())
        case ("TO_DATE", .text(let text)?), ("TO_TIMESTAMP", .text(let text)?):
            guard arguments.count == 2, case .text(let format) = arguments[1] else {
                throw SuiteQLError(reason: "\(name) takes a string and a format, such as 'YYYY-MM-DD HH24:MI:SS'.")
            }
            guard let date = SuiteQLDates.parse(text, format: format) else {
                throw SuiteQLError(reason: "The value '\(text)' does not match the format '\(format)'.")
            }
            return .date(date)
        case ("TO_CHAR", .date(let date)?):
            guard arguments.count == 2, case .text(let format) = arguments[1] else {
                throw SuiteQLError(reason: "TO_CHAR takes a date and a format.")
            }
            return .text(SuiteQLDates.format(date, format: format))
        case ("TO_CHAR", let argument?) where arguments.count == 1:
            guard let text = Self.rendered(argument) else { return .null }
            return .text(text)
        default:
            throw SuiteQLError(reason: "Invalid arguments for \(name).")
        }
    }

    func holds(_ condition: SuiteQLCondition, _ row: SuiteQLTables.Row) throws(SuiteQLError) -> Bool {
        switch condition {
        case .compare(let left, let symbol, let right):
            let (a, b) = (try value(left, row), try value(right, row))
            if case .null = a { return false }
            if case .null = b { return false }
            let order = Self.compare(a, b)
            switch symbol {
            case "=": return order == .orderedSame
            case "<>": return order != .orderedSame
            case "<": return order == .orderedAscending
            case "<=": return order != .orderedDescending
            case ">": return order == .orderedDescending
            default: return order != .orderedAscending
            }
        case .inList(let left, let values, let negated):
            let a = try value(left, row)
            if case .null = a { return false }
            var found = false
            for candidate in values where Self.compare(a, try value(candidate, row)) == .orderedSame { found = true }
            return found != negated
        case .like(let left, let pattern, let negated):
            guard let text = Self.rendered(try value(left, row)), let like = Self.rendered(try value(pattern, row)) else { return false }
            return Self.matches(Array(text), Array(like)) != negated
        case .isNull(let left, let negated):
            if case .null = try value(left, row) { return !negated }
            return negated
        }
    }

    /// SQL LIKE with `%` (any run, possibly empty) and `_` (exactly one character), case-sensitive as in Oracle.
    ///
    /// Iterative greedy matching with backtracking to the last `%` only: O(n·m) in the worst case,
    /// so a hostile pattern such as `'%%%%…%x'` cannot blow up the evaluator.
    static func matches(_ text: [Character], _ pattern: [Character]) -> Bool {
        // Consecutive `%` mean the same as one; collapsing them keeps the backtracking short.
        var collapsed: [Character] = []
        collapsed.reserveCapacity(pattern.count)
        for character in pattern where !(character == "%" && collapsed.last == "%") { collapsed.append(character) }
        var textIndex = 0
        var patternIndex = 0
        var lastWildcard: Int?
        var resumeText = 0
        while textIndex < text.count {
            if patternIndex < collapsed.count, collapsed[patternIndex] != "%",
               collapsed[patternIndex] == "_" || collapsed[patternIndex] == text[textIndex] {
                textIndex += 1
                patternIndex += 1
            } else if patternIndex < collapsed.count, collapsed[patternIndex] == "%" {
                lastWildcard = patternIndex
                resumeText = textIndex
                patternIndex += 1
            } else if let wildcard = lastWildcard {
                // Let the last `%` swallow one more character and retry the rest of the pattern.
                patternIndex = wildcard + 1
                resumeText += 1
                textIndex = resumeText
            } else {
                return false
            }
        }
        while patternIndex < collapsed.count, collapsed[patternIndex] == "%" { patternIndex += 1 }
        return patternIndex == collapsed.count
    }

    /// Numbers compare as numbers (a numeric string too), dates as dates, the rest as text.
    static func compare(_ a: SuiteQLValue, _ b: SuiteQLValue) -> ComparisonResult {
        switch (a, b) {
        case (.null, .null): return .orderedSame
        case (.null, _): return .orderedDescending
        case (_, .null): return .orderedAscending
        case (.date(let x), .date(let y)): return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
        default: break
        }
        if let x = number(a), let y = number(b) { return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending) }
        let x = rendered(a) ?? ""
        let y = rendered(b) ?? ""
        return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
    }

    private static func number(_ value: SuiteQLValue) -> Decimal? {
        switch value {
        case .number(let number): number
        case .text(let text): SandboxJSON.parseDecimal(text)
        default: nil
        }
    }

    /// How SuiteQL writes a value: everything as a string.
    static func rendered(_ value: SuiteQLValue) -> String? {
        switch value {
        case .text(let text): text
        case .number(let number): "\(number)"
        case .date(let date): SuiteQLDates.defaultText(date)
        case .null: nil
        }
    }
}
