import Foundation
import GraphQL

/// The `extensions.cost` Shopify attaches to every answer.
struct CostStatus {
    let requested: Int
    let actual: Int?
    let maximum: Double
    let available: Double
    let restoreRate: Double

    var json: String {
        let actualText = actual.map(String.init) ?? "null"
        return #"{"cost":{"requestedQueryCost":\#(requested),"actualQueryCost":\#(actualText),"#
            + #""throttleStatus":{"maximumAvailable":\#(Self.decimal(maximum)),"currentlyAvailable":\#(Int(available.rounded(.down))),"#
            + #""restoreRate":\#(Self.decimal(restoreRate))}}}"#
    }

    private static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// JSON bodies of Admin API answers.
enum ResponseBody {
    static let rateLimitDocumentation = "https://shopify.dev/api/usage/rate-limits"

    static func result(_ result: GraphQLResult, cost: CostStatus) -> Data {
        let encoded = (try? GraphQLJSONEncoder().encode(result)) ?? Data("{}".utf8)
        return withExtensions(encoded, cost: cost)
    }

    static func errors(_ errors: [GraphQLError], cost: CostStatus) -> Data {
        result(GraphQLResult(errors: errors), cost: cost)
    }

    static func message(_ message: String, path: [String] = [], cost: CostStatus) -> Data {
        var error: [String: Any] = ["message": message]
        if !path.isEmpty { error["path"] = path }
        let encoded = (try? JSONSerialization.data(withJSONObject: ["errors": [error]])) ?? Data("{}".utf8)
        return withExtensions(encoded, cost: cost)
    }

    static func coded(_ message: String, code: String, cost: CostStatus) -> Data {
        let error: [String: Any] = ["message": message, "extensions": ["code": code, "documentation": rateLimitDocumentation]]
        let encoded = (try? JSONSerialization.data(withJSONObject: ["errors": [error]])) ?? Data("{}".utf8)
        return withExtensions(encoded, cost: cost)
    }

    static func throttled(cost: CostStatus) -> Data {
        let body = #"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"\#(rateLimitDocumentation)"}}]}"#
        return withExtensions(Data(body.utf8), cost: cost)
    }

    /// Appends `"extensions"` to an encoded JSON object.
    private static func withExtensions(_ object: Data, cost: CostStatus) -> Data {
        var text = String(decoding: object, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasSuffix("}") else { return Data(#"{"extensions":\#(cost.json)}"#.utf8) }
        text.removeLast()
        let separator = text.trimmingCharacters(in: .whitespaces) == "{" ? "" : ","
        return Data((text + separator + #""extensions":"# + cost.json + "}").utf8)
    }
}

/// Parsers of Shopify's custom scalars used as inputs, so a malformed value fails as in Shopify.
enum ScalarParsers {
    static func install(on schema: GraphQLSchema) {
        for name in ["Money", "Decimal"] {
            guard let scalar = schema.getType(name: name) as? GraphQLScalarType else { continue }
            scalar.parseValue = { value in try decimal(value, scalar: name) }
            scalar.parseLiteral = { literal in
                switch literal {
                case let string as StringValue: return try decimal(.string(string.value), scalar: name)
                case let int as IntValue: return try decimal(.string(int.value), scalar: name)
                case let float as FloatValue: return try decimal(.string(float.value), scalar: name)
                default: throw GraphQLError(message: "Invalid \(name) literal")
                }
            }
        }
        if let scalar = schema.getType(name: "DateTime") as? GraphQLScalarType {
            scalar.parseValue = { value in
                guard let text = value.string, ISOTime.parse(text) != nil else {
                    throw GraphQLError(message: "Invalid DateTime: \(value)")
                }
                return .string(text)
            }
        }
    }

    private static func decimal(_ value: Map, scalar: String) throws -> Map {
        let text: String?
        switch value {
        case .string(let string): text = string
        case .number(let number): text = number.description
        default: text = nil
        }
        guard let text, MoneyText.decimal(text) != nil else {
            throw GraphQLError(message: "Invalid \(scalar): \(value)")
        }
        return .string(text)
    }
}
