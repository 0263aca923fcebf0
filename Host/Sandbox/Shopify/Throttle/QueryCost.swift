import Foundation
import GraphQL
import OrderedCollections

/// Requested cost of a GraphQL operation, computed from the document before it runs.
///
/// Formula (Shopify's published rules, simplified):
/// - a scalar or enum field costs 0; an object or interface field costs 1 plus its selection;
/// - a connection (a field whose type is named `...Connection`) costs 1 plus `n` times the cost
///   of its `edges` / `nodes` selections, plus its other selections (`pageInfo`) once, where `n`
///   is its `first` or `last` argument (a variable left out of the request counts with its declared
///   default); a connection without either is refused, as Shopify does;
/// - a list of objects that is not a connection is costed as one object (its size is unknown);
/// - a mutation costs 10 per root field, whatever it selects.
/// Fragments count like the fields they contain. Actual cost is computed from the answer in the
/// same way, with the number of nodes actually returned (`ActualCost`).
struct QueryCost {
    static let mutationCost = 10
    static let maximumPageSize = 250

    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinition]
    let variables: [String: Map]

    /// Cost of the operation, or the GraphQL error that forbids running it.
    func requested(_ operation: OperationDefinition) throws -> Int {
        if operation.operation == .mutation {
            return fields(in: operation.selectionSet).count * Self.mutationCost
        }
        guard let root = schema.queryType else { return 0 }
        return try withDefaults(of: operation).cost(of: operation.selectionSet, on: root, path: [])
    }

    /// The same costing with every variable left out of the request replaced by its declared
    /// default (`query($n: Int = 10)`), as execution will see it; an explicit null stays null.
    private func withDefaults(of operation: OperationDefinition) -> QueryCost {
        var effective = variables
        for definition in operation.variableDefinitions {
            let name = definition.variable.name.value
            guard effective[name] == nil || effective[name] == .undefined, let literal = definition.defaultValue else { continue }
            if let value = Self.map(literal) { effective[name] = value }
        }
        return QueryCost(schema: schema, fragments: fragments, variables: effective)
    }

    /// A default value literal as a variable value; only the kinds costing reads (integers, null).
    private static func map(_ literal: any Value) -> Map? {
        switch literal {
        case let integer as IntValue: return Int(integer.value).map { .number(Number($0)) }
        case is NullValue: return .null
        default: return nil
        }
    }

    private func fields(in selectionSet: SelectionSet) -> [Field] {
        selectionSet.selections.flatMap { selection -> [Field] in
            switch selection {
            case let field as Field: return [field]
            case let inline as InlineFragment: return fields(in: inline.selectionSet)
            case let spread as FragmentSpread:
                return fragments[spread.name.value].map { fields(in: $0.selectionSet) } ?? []
            default: return []
            }
        }
    }

    private func cost(of selectionSet: SelectionSet, on parent: any GraphQLNamedType, path: [String]) throws -> Int {
        var total = 0
        for field in fields(in: selectionSet) {
            total += try cost(of: field, on: parent, path: path)
        }
        return total
    }

    private func fieldType(_ name: String, on parent: any GraphQLNamedType) -> (any GraphQLNamedType)? {
        let map: GraphQLFieldMap?
        switch parent {
        case let object as GraphQLObjectType: map = try? object.fields()
        case let interface as GraphQLInterfaceType: map = try? interface.fields()
        default: map = nil
        }
        guard let type = map?[name]?.type else { return nil }
        return getNamedType(type: type)
    }

    private func cost(of field: Field, on parent: any GraphQLNamedType, path: [String]) throws -> Int {
        let name = field.name.value
        guard let selectionSet = field.selectionSet, let type = fieldType(name, on: parent) else { return 0 }
        let fieldPath = path + [field.alias?.value ?? name]
        if type.name.hasSuffix("Connection") {
            let size = try pageSize(of: field, path: fieldPath)
            var perNode = 0
            var once = 0
            for child in fields(in: selectionSet) {
                let childCost = try cost(of: child, on: type, path: fieldPath)
                if child.name.value == "edges" || child.name.value == "nodes" { perNode += childCost } else { once += childCost }
            }
            return 1 + size * perNode + once
        }
        return 1 + (try cost(of: selectionSet, on: type, path: fieldPath))
    }

    private func pageSize(of field: Field, path: [String]) throws -> Int {
        var first: Int?
        var last: Int?
        for argument in field.arguments where argument.name.value == "first" || argument.name.value == "last" {
            // A variable of the wrong type costs nothing here: execution refuses it with the
            // variable's own error, as Shopify does.
            if let variable = argument.value as? Variable, let given = variables[variable.name.value],
                !given.isNull, given.int == nil
            {
                return 0
            }
            let value = intValue(argument.value)
            if argument.name.value == "first" { first = value } else { last = value }
        }
        guard let size = first ?? last else {
            throw QueryCostError(message: "you must provide one of first or last", path: path)
        }
        guard size >= 0, size <= Self.maximumPageSize else {
            throw QueryCostError(
                message: "The requested page size \(size) for '\(field.name.value)' must be between 0 and \(Self.maximumPageSize)",
                path: path)
        }
        return size
    }

    private func intValue(_ value: any Value) -> Int? {
        switch value {
        case let literal as IntValue: return Int(literal.value)
        case let variable as Variable: return variables[variable.name.value]?.int
        default: return nil
        }
    }
}

/// A GraphQL error found while costing a document.
struct QueryCostError: Error {
    let message: String
    let path: [String]
}

/// Actual cost: the same formula applied to the answer's data (objects returned, not requested).
enum ActualCost {
    static func of(_ data: Map?) -> Int {
        guard let data, case .dictionary(let root) = data else { return 0 }
        return root.values.reduce(0) { $0 + objects(in: $1) }
    }

    private static func objects(in value: Map) -> Int {
        switch value {
        case .dictionary(let object): return 1 + object.values.reduce(0) { $0 + objects(in: $1) }
        case .array(let items): return items.reduce(0) { $0 + objects(in: $1) }
        default: return 0
        }
    }
}
