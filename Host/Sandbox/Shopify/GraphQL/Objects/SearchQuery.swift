import Foundation

/// Shopify's search syntax, the part the sandbox understands: `field:value`, `field:>value`,
/// `field:>=value`, `field:<value`, `field:<=value`, quoted values (with `\"` escapes), a
/// leading `-` to negate a term, terms joined by spaces or `AND`, and clauses joined by `OR`.
/// A term for a field the resource does not know is ignored, as Shopify ignores it.
struct SearchQuery: Sendable {
    struct Term: Sendable {
        let field: String?
        let comparison: String
        let value: String
        let negated: Bool
    }

    /// Clauses joined by OR; each clause's terms are joined by AND.
    let clauses: [[Term]]

    init(_ text: String?) {
        var clauses: [[Term]] = [[]]
        for token in Self.tokens(text ?? "") {
            switch token.uppercased() {
            case "AND": continue
            case "OR": clauses.append([])
            default: clauses[clauses.count - 1].append(Self.term(token))
            }
        }
        self.clauses = clauses.filter { !$0.isEmpty }
    }

    private static func term(_ raw: String) -> Term {
        var token = raw
        let negated = token.hasPrefix("-") && token.count > 1
        if negated { token.removeFirst() }
        guard let colon = token.firstIndex(of: ":"), !token.hasPrefix("\"") else {
            return Term(field: nil, comparison: "=", value: unquoted(token), negated: negated)
        }
        let field = String(token[..<colon]).lowercased()
        var rest = String(token[token.index(after: colon)...])
        var comparison = "="
        for candidate in [">=", "<=", ">", "<"] where rest.hasPrefix(candidate) {
            comparison = candidate
            rest.removeFirst(candidate.count)
            break
        }
        return Term(field: field, comparison: comparison, value: unquoted(rest), negated: negated)
    }

    /// Splits on spaces outside quotes; a backslash keeps the next character inside a quote.
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if quote != nil && character == "\\" {
                current.append(character)
                escaped = true
            } else if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                current.append(character)
            } else if character == " " {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func unquoted(_ text: String) -> String {
        guard let first = text.first, first == "'" || first == "\"", text.count >= 2, text.last == first else { return text }
        var value = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                value.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                value.append(character)
            }
        }
        return value
    }

    /// True when some clause has every term matching; `match` returns nil for unknown fields
    /// (the term is then ignored). An empty query matches everything.
    func matches(_ match: (Term) -> Bool?) -> Bool {
        clauses.isEmpty || clauses.contains { clause in
            clause.allSatisfy { term in
                guard let matched = match(term) else { return true }
                return matched != term.negated
            }
        }
    }

    static func compare(_ date: Date, _ term: Term) -> Bool? {
        guard let bound = ISOTime.parse(term.value) else { return false }
        switch term.comparison {
        case ">": return date > bound
        case ">=": return date >= bound
        case "<": return date < bound
        case "<=": return date <= bound
        default: return date == bound
        }
    }

    static func compare(_ number: Int64, _ term: Term) -> Bool? {
        guard let bound = Int64(term.value) else { return false }
        switch term.comparison {
        case ">": return number > bound
        case ">=": return number >= bound
        case "<": return number < bound
        case "<=": return number <= bound
        default: return number == bound
        }
    }

    /// Exact text comparison; a trailing `*` makes it a prefix match.
    static func text(_ value: String?, _ term: Term) -> Bool {
        guard let value else { return false }
        if term.value.hasSuffix("*") { return value.lowercased().hasPrefix(term.value.dropLast().lowercased()) }
        return value.lowercased() == term.value.lowercased()
    }
}
