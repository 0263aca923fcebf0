import Foundation
import GraphQL

/// A resolved GraphQL object: field name -> value. A value that needs the field's arguments
/// (connections, `inventoryLevel(locationId:)`) or is costly to build is a `FieldThunk`.
typealias GraphObject = [String: any Sendable]

/// A field computed when it is selected, from its arguments.
struct FieldThunk: Sendable {
    let resolve: @Sendable (Map) async throws -> (any Sendable)?

    init(_ resolve: @escaping @Sendable (Map) async throws -> (any Sendable)?) {
        self.resolve = resolve
    }
}

/// The one resolver installed on every field: reads the field from the parent `GraphObject`,
/// calling it first when it is a `FieldThunk`.
let graphObjectResolver: GraphQLFieldResolve = { source, arguments, _, info in
    guard let object = source as? GraphObject, let value = object[info.fieldName] else { return nil }
    if let thunk = value as? FieldThunk { return try await thunk.resolve(arguments) }
    return value
}

/// Builders of values shared by many types.
enum Values {
    /// `MoneyV2 { amount currencyCode }`.
    static func money(_ amount: Decimal, _ currency: String) -> GraphObject {
        ["amount": MoneyText.string(amount), "currencyCode": currency]
    }

    static func money(_ amount: String, _ currency: String) -> GraphObject {
        money(MoneyText.decimal(amount) ?? 0, currency)
    }

    /// `MoneyBag { shopMoney presentmentMoney }` from a REST `*_set` object, or from a plain amount.
    static func moneyBag(set: JSONValue?, amount: JSONValue?, shopCurrency: String, presentmentCurrency: String) -> GraphObject {
        if let set, let shop = set["shop_money"], let presentment = set["presentment_money"] {
            return [
                "shopMoney": money(MoneyText.normalized(shop["amount"]), shop["currency_code"]?.stringValue ?? shopCurrency),
                "presentmentMoney": money(
                    MoneyText.normalized(presentment["amount"]),
                    presentment["currency_code"]?.stringValue ?? presentmentCurrency),
            ]
        }
        let text = MoneyText.normalized(amount)
        return ["shopMoney": money(text, shopCurrency), "presentmentMoney": money(text, presentmentCurrency)]
    }

    static func moneyBag(_ amount: Decimal, _ currency: String) -> GraphObject {
        ["shopMoney": money(amount, currency), "presentmentMoney": money(amount, currency)]
    }

    static func iso(_ date: Date?) -> String? { date.map(ISOTime.string) }
}

/// A GraphQL error raised by a resolver, with Shopify's message.
struct ResolverError: Error, CustomStringConvertible {
    let description: String
}
