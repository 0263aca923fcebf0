import Foundation

/// Runs a parsed ``SuiteQLSelect`` over the rows of one table. Every column named anywhere in
/// the query must exist in the table, or the query is refused.
struct SuiteQLEvaluator {
    let select: SuiteQLSelect
    let columns: [String]

    init(_ select: SuiteQLSelect) throws(SuiteQLError) {
        guard let columns = SuiteQLTables.columns[select.table] else {
            throw SuiteQLError(reason: "Record '\(select.table)' was not found.")
        }
        self.select = select
        self.columns = columns
        for expression in Self.expressions(in: select) { try check(expression) }
    }

    /// The result items: lowercase column names, every value a string, nulls left out.
    func run(_ rows: [SuiteQLTables.Row]) throws(SuiteQLError) -> [[String: SandboxJSON]] {
        var matching: [SuiteQLTables.Row] = []
        rowLoop: for row in rows {
            for condition in select.conditions where try !holds(condition, row) { continue rowLoop }
            matching.append(row)
        }
        if !select.orderBy.isEmpty {
            let keyed = try matching.map { row throws(SuiteQLError) in
                (row, try select.orderBy.map { order throws(SuiteQLError) in try value(order.expression, row) })
            }
            matching = keyed.sorted { left, right in
                for (index, order) in select.orderBy.enumerated() {
                    let comparison = Self.compare(left.1[index], right.1[index])
                    if comparison != .orderedSame { return (comparison == .orderedAscending) == order.ascending }
                }
                return false
            }.map(\.0)
        }
        return try matching.map { row throws(SuiteQLError) in try project(row) }
    }

    private func project(_ row: SuiteQLTables.Row) throws(SuiteQLError) -> [String: SandboxJSON] {
        var item: [String: SandboxJSON] = ["links": []]
        var unnamed = 0
        for column in select.columns {
            switch column {
            case .all:
                for name in columns {
                    if let value = row[name], let text = Self.rendered(value) { item[name] = SandboxJSON.string(text) }
                }
            case .expression(let expression, let alias):
                let name: String
                if let alias {
                    name = alias
                } else if case .column(let column) = expression {
                    name = stripQualifier(column)
                } else {
                    unnamed += 1
                    name = "expr\(unnamed)"
                }
                if let text = Self.rendered(try value(expression, row)) { item[name] = SandboxJSON.string(text) }
            }
        }
        return item
    }

    private static func expressions(in select: SuiteQLSelect) -> [SuiteQLExpression] {
        var all: [SuiteQLExpression] = select.orderBy.map(\.expression)
        for column in select.columns { if case .expression(let expression, _) = column { all.append(expression) } }
        for condition in select.conditions {
            switch condition {
            case .compare(let left, _, let right), .like(let left, let right, _): all += [left, right]
            case .inList(let left, let values, _): all += [left] + values
            case .isNull(let left, _): all.append(left)
            }
        }
        return all
    }

    /// `t.itemid` -> `itemid` when `t` is the table or its alias.
    func stripQualifier(_ column: String) -> String {
        let parts = column.split(separator: ".").map(String.init)
        guard parts.count == 2, parts[0] == select.table || parts[0] == select.alias else { return column }
        return String(parts[1])
    }

    private func check(_ expression: SuiteQLExpression) throws(SuiteQLError) {
        switch expression {
        case .column(let name):
            let column = stripQualifier(name)
            guard columns.contains(column) else {
                throw SuiteQLError(reason: "Field '\(column)' for record '\(select.table)' was not found.")
            }
        case .function(let name, let arguments):
            guard ["TO_DATE", "TO_TIMESTAMP", "TO_CHAR", "UPPER", "LOWER"].contains(name) else {
                throw SuiteQLError(reason: "Function \(name) is not supported by this sandbox.")
            }
            for argument in arguments { try check(argument) }
        case .string, .number, .null:
            break
        }
    }
}
