import Foundation
import Testing

/// Reads the simulator's JSON documents the way a consumer would: parsed from bytes,
/// money read from strings into `Decimal`, independent of the simulator's own types.
struct DocumentReader {
    let object: [String: Any]

    init(_ object: [String: Any]) {
        self.object = object
    }

    init(data: Data) throws {
        let parsed = try JSONSerialization.jsonObject(with: data)
        object = try #require(parsed as? [String: Any], "the document is not a JSON object")
    }

    subscript(key: String) -> Any? { object[key] }

    func string(_ key: String) throws -> String {
        try #require(object[key] as? String, "\(key) is not a string")
    }

    func int64(_ key: String) throws -> Int64 {
        let number = try #require(object[key] as? NSNumber, "\(key) is not a number")
        return number.int64Value
    }

    func bool(_ key: String) throws -> Bool {
        try #require(object[key] as? Bool, "\(key) is not a boolean")
    }

    func children(_ key: String) throws -> [DocumentReader] {
        let array = try #require(object[key] as? [[String: Any]], "\(key) is not an array of objects")
        return array.map(DocumentReader.init)
    }

    func child(_ key: String) throws -> DocumentReader {
        DocumentReader(try #require(object[key] as? [String: Any], "\(key) is not an object"))
    }

    /// A money string with exactly two decimals, as Decimal.
    func money(_ key: String) throws -> Decimal {
        try Self.parseMoney(try string(key), field: key)
    }

    /// A `_set`: (shop, presentment) amounts with their currencies.
    func moneySet(_ key: String) throws -> (shop: Decimal, presentment: Decimal, shopCurrency: String, presentmentCurrency: String) {
        let set = try child(key)
        let shop = try set.child("shop_money"), presentment = try set.child("presentment_money")
        return (try shop.money("amount"), try presentment.money("amount"), try shop.string("currency_code"), try presentment.string("currency_code"))
    }

    /// A rate number (e.g. 0.0725), read exactly from its JSON text via NSNumber's description.
    func rate(_ key: String) throws -> Decimal {
        let number = try #require(object[key] as? NSNumber, "\(key) is not a number")
        return try #require(Decimal(string: number.stringValue), "\(key) is not a decimal")
    }

    static func parseMoney(_ text: String, field: String) throws -> Decimal {
        let pattern = /^-?\d+\.\d\d$/
        #expect(text.wholeMatch(of: pattern) != nil, "\(field) = \(text) is not a two-decimal money string")
        return try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
    }

    static func rounded(_ value: Decimal) -> Decimal {
        var input = value, result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }
}
