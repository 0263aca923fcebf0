import Foundation

/// An expression of the subset: a column, a literal, or a function call.
indirect enum SuiteQLExpression: Sendable, Equatable {
    case column(String)
    case string(String)
    case number(Decimal)
    case null
    case function(String, [SuiteQLExpression])
}

/// One condition of the WHERE clause; conditions are joined by AND.
enum SuiteQLCondition: Sendable {
    case compare(SuiteQLExpression, String, SuiteQLExpression)
    case inList(SuiteQLExpression, [SuiteQLExpression], negated: Bool)
    case like(SuiteQLExpression, SuiteQLExpression, negated: Bool)
    case isNull(SuiteQLExpression, negated: Bool)
}

/// `SELECT columns FROM table [alias] [WHERE c AND c ...] [ORDER BY e [ASC|DESC], ...]`.
struct SuiteQLSelect: Sendable {
    enum Column: Sendable {
        case all
        case expression(SuiteQLExpression, alias: String?)
    }

    var columns: [Column] = []
    var table = ""
    var alias: String?
    var conditions: [SuiteQLCondition] = []
    var orderBy: [(expression: SuiteQLExpression, ascending: Bool)] = []
}

/// A recursive-descent parser for the SuiteQL subset; anything outside it is refused, never guessed.
struct SuiteQLParser {
    private let tokens: [SuiteQLToken]
    private var position = 0
    /// How many function calls enclose the expression being parsed.
    private var nesting = 0
    /// The deepest nesting of function calls accepted; the parser and the evaluator recurse once per level,
    /// so a bound keeps a hostile query from exhausting the stack.
    static let maximumNesting = 32
    /// The longest query text accepted, in characters; refused before it is even tokenized.
    static let maximumQueryLength = 100_000
    private static let reserved: Set<String> = ["SELECT", "FROM", "WHERE", "AND", "OR", "ORDER", "BY", "ASC", "DESC", "IN", "NOT",
                                                "LIKE", "IS", "NULL", "AS", "GROUP", "HAVING", "JOIN", "UNION"]

    static func parse(_ query: String) throws(SuiteQLError) -> SuiteQLSelect {
        guard query.count <= maximumQueryLength else {
            throw SuiteQLError(reason: "The query is longer than \(maximumQueryLength) characters.")
        }
        var parser = SuiteQLParser(tokens: try SuiteQLLexer.tokenize(query))
        return try parser.parseSelect()
    }

    private init(tokens: [SuiteQLToken]) { self.tokens = tokens }

    private var current: SuiteQLToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func accept(_ keyword: String) -> Bool {
        guard current?.isKeyword(keyword) == true else { return false }
        position += 1
        return true
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ keyword: String) throws(SuiteQLError) {
        guard accept(keyword) else { throw SuiteQLError(reason: "Expected \(keyword) near \(describeCurrent()).") }
    }

    private func describeCurrent() -> String {
        switch current {
        case .word(let text)?: "'\(text)'"
        case .string(let text)?: "'\(text)'"
        case .number(let value)?: "\(value)"
        case .symbol(let symbol)?: "'\(symbol)'"
        case nil: "the end of the query"
        }
    }

    private mutating func parseSelect() throws(SuiteQLError) -> SuiteQLSelect {
        var select = SuiteQLSelect()
        try expect("SELECT")
        repeat {
            if accept(symbol: "*") {
                select.columns.append(.all)
            } else {
                let expression = try parseExpression()
                var alias: String?
                if accept("AS") || isPlainName(current) { alias = try parseName() }
                select.columns.append(.expression(expression, alias: alias?.lowercased()))
            }
        } while accept(symbol: ",")
        try expect("FROM")
        select.table = try parseName().lowercased()
        if accept("AS") || isPlainName(current) { select.alias = try parseName().lowercased() }
        if accept("WHERE") {
            repeat { select.conditions.append(try parseCondition()) } while accept("AND")
            if current?.isKeyword("OR") == true { throw SuiteQLError(reason: "OR is not supported by this sandbox; use IN.") }
        }
        if accept("ORDER") {
            try expect("BY")
            repeat {
                let expression = try parseExpression()
                let ascending = accept("DESC") ? false : (accept("ASC") || true)
                select.orderBy.append((expression, ascending))
            } while accept(symbol: ",")
        }
        guard current == nil else { throw SuiteQLError(reason: "Unexpected \(describeCurrent()).") }
        return select
    }

    private func isPlainName(_ token: SuiteQLToken?) -> Bool {
        guard case .word(let text)? = token else { return false }
        return !Self.reserved.contains(text.uppercased())
    }

    private mutating func parseName() throws(SuiteQLError) -> String {
        guard case .word(let text)? = current, !Self.reserved.contains(text.uppercased()) else {
            throw SuiteQLError(reason: "Expected a name near \(describeCurrent()).")
        }
        position += 1
        return text
    }

    private mutating func parseCondition() throws(SuiteQLError) -> SuiteQLCondition {
        let left = try parseExpression()
        if accept("IS") {
            let negated = accept("NOT")
            try expect("NULL")
            return .isNull(left, negated: negated)
        }
        let negated = accept("NOT")
        if accept("IN") {
            guard accept(symbol: "(") else { throw SuiteQLError(reason: "Expected ( after IN.") }
            var values: [SuiteQLExpression] = []
            repeat { values.append(try parseExpression()) } while accept(symbol: ",")
            guard accept(symbol: ")") else { throw SuiteQLError(reason: "Expected ) after the IN list.") }
            return .inList(left, values, negated: negated)
        }
        if accept("LIKE") { return .like(left, try parseExpression(), negated: negated) }
        guard !negated else { throw SuiteQLError(reason: "Expected IN or LIKE after NOT.") }
        guard case .symbol(let symbol)? = current, ["=", "<>", "!=", "<", "<=", ">", ">="].contains(symbol) else {
            throw SuiteQLError(reason: "Expected a comparison near \(describeCurrent()).")
        }
        position += 1
        return .compare(left, symbol == "!=" ? "<>" : symbol, try parseExpression())
    }

    private mutating func parseExpression() throws(SuiteQLError) -> SuiteQLExpression {
        switch current {
        case .string(let text)?:
            position += 1
            return .string(text)
        case .number(let value)?:
            position += 1
            return .number(value)
        case .word(let text)? where text.uppercased() == "NULL":
            position += 1
            return .null
        case .word(let text)? where !Self.reserved.contains(text.uppercased()):
            position += 1
            guard accept(symbol: "(") else { return .column(text.lowercased()) }
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.maximumNesting else {
                throw SuiteQLError(reason: "Function calls are nested deeper than \(Self.maximumNesting) levels.")
            }
            var arguments: [SuiteQLExpression] = []
            if !accept(symbol: ")") {
                repeat { arguments.append(try parseExpression()) } while accept(symbol: ",")
                guard accept(symbol: ")") else { throw SuiteQLError(reason: "Expected ) after the arguments of \(text).") }
            }
            return .function(text.uppercased(), arguments)
        default:
            throw SuiteQLError(reason: "Expected an expression near \(describeCurrent()).")
        }
    }
}
