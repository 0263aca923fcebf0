import Foundation

/// Why a SuiteQL query was refused; answered as 400 INVALID_PARAMETER with NetSuite's
/// "Invalid search query" wording.
struct SuiteQLError: Error, Sendable {
    let reason: String

    var detail: String {
        "Invalid search query. Detailed unprocessed description follows. Search error occurred: \(reason)"
    }
}

/// A lexical token of the SuiteQL subset.
enum SuiteQLToken: Equatable, Sendable {
    /// A name or keyword, as written (`item`, `t.id`, `SELECT`).
    case word(String)
    case string(String)
    case number(Decimal)
    case symbol(String)

    /// True if this is the keyword `keyword` (case-insensitive).
    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let text) = self { return text.uppercased() == keyword }
        return false
    }
}

/// Splits a query into tokens: names (letters, digits, `_`, `.`), 'quoted strings' with ''
/// escapes, numbers, and the symbols `, ( ) * = <> != < <= > >=`.
enum SuiteQLLexer {
    static func tokenize(_ query: String) throws(SuiteQLError) -> [SuiteQLToken] {
        let characters = Array(query)
        var tokens: [SuiteQLToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "'" {
                var text = ""
                index += 1
                while true {
                    guard index < characters.count else { throw SuiteQLError(reason: "Unterminated string literal.") }
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            text.append("'")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                tokens.append(.string(text))
            } else if character.isNumber || (character == "-" && index + 1 < characters.count && characters[index + 1].isNumber
                                             && !(tokens.last.map(isOperand) ?? false)) {
                let start = index
                index += 1
                while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
                let text = String(characters[start..<index])
                guard let value = SandboxJSON.parseDecimal(text) else { throw SuiteQLError(reason: "Invalid number \(text).") }
                tokens.append(.number(value))
            } else if character.isLetter || character == "_" {
                let start = index
                while index < characters.count,
                      characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "." {
                    index += 1
                }
                tokens.append(.word(String(characters[start..<index])))
            } else {
                let pair = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["<>", "!=", "<=", ">="].contains(pair) {
                    tokens.append(.symbol(pair))
                    index += 2
                } else if ",()*=<>".contains(character) {
                    tokens.append(.symbol(String(character)))
                    index += 1
                } else {
                    throw SuiteQLError(reason: "Unexpected character '\(character)'.")
                }
            }
        }
        return tokens
    }

    /// Whether a token can end an operand, so a following `-` is a minus sign, not a negative number.
    private static func isOperand(_ token: SuiteQLToken) -> Bool {
        switch token {
        case .word, .string, .number: true
        case .symbol(let symbol): symbol == ")"
        }
    }
}
