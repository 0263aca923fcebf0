import Foundation

/// Pieces shared by the REST documents: money sets, addresses, admin GraphQL ids.
enum DocumentFields {
    /// `{"shop_money":{"amount","currency_code"},"presentment_money":{...}}`.
    static func moneySet(_ amount: MoneyPair, shopCurrency: String, presentmentCurrency: String) -> JSONDocument {
        .object([
            ("shop_money", money(amount.shop, shopCurrency)),
            ("presentment_money", money(amount.presentment, presentmentCurrency)),
        ])
    }

    static func money(_ amount: Decimal, _ currency: String) -> JSONDocument {
        .object([("amount", .string(DecimalMoney.string(amount))), ("currency_code", .string(currency))])
    }

    static func amount(_ value: Decimal) -> JSONDocument { .string(DecimalMoney.string(value)) }

    /// `gid://shopify/Order/123`.
    static func gid(_ type: String, _ id: Int64) -> JSONDocument { .string("gid://shopify/\(type)/\(id)") }

    static func address(_ address: SimulatedAddress) -> JSONDocument {
        .object([
            ("first_name", .string(address.firstName)),
            ("address1", .string(address.address1)),
            ("phone", .string(address.phone)),
            ("city", .string(address.city)),
            ("zip", .string(address.zip)),
            ("province", .string(address.province)),
            ("country", .string(address.country)),
            ("last_name", .string(address.lastName)),
            ("address2", .null),
            ("company", .null),
            ("name", .string("\(address.firstName) \(address.lastName)")),
            ("country_code", .string(address.countryCode)),
            ("province_code", .string(address.provinceCode)),
        ])
    }
}
