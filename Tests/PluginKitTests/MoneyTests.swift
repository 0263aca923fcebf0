import Foundation
import PluginKit
import Testing

@Suite struct MoneyTests {
    @Test(arguments: ["19.99", "0.10", "-0.50", "1200", "0", "123456789012.3456"])
    func plainDecimalsParseExactly(_ text: String) throws {
        let money = try Money(text, currency: "usd")
        #expect(money.amount == Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(money.currencyCode == "USD")
    }

    @Test(arguments: ["", "abc", "1e3", "1,000.00", "1.", ".5", "--1", "1.2.3", " ", "NaN", "0x10", "١٢"])
    func anythingElseIsRefused(_ text: String) {
        #expect(throws: MoneyError.self) { try Money(text, currency: "USD") }
    }

    @Test func arithmeticIsExactToTheCent() throws {
        let sum = try Money("0.10", currency: "USD") + Money("0.20", currency: "USD")
        #expect(sum == (try Money("0.30", currency: "USD")))
        #expect(sum.formatted() == "0.30")
        #expect((try Money("19.99", currency: "USD") * 3).formatted() == "59.97")
        #expect((try Money("10.00", currency: "USD") - Money("0.01", currency: "USD")).formatted() == "9.99")
        #expect((-(try Money("5", currency: "EUR"))).description == "-5.00 EUR")
        #expect(Money(amount: Decimal(string: "2.675")!, currencyCode: "USD").formatted() == "2.68")
        #expect(Money(amount: Decimal(string: "2.665")!, currencyCode: "USD").formatted() == "2.66")
        #expect(Money(amount: Decimal(string: "12345678901234567.89")!, currencyCode: "USD").formatted() == "12345678901234567.89")
        #expect(Money(amount: Decimal(string: "1200")!, currencyCode: "JPY").formatted(scale: 0) == "1200")
        #expect(Money(amount: Decimal(string: "-0.001")!, currencyCode: "USD").formatted() == "0.00")
        #expect(Money(amount: Decimal(string: "-7.5")!, currencyCode: "USD").formatted() == "-7.50")
    }

    @Test func mixingCurrenciesThrowsInsteadOfCrashing() throws {
        let dollars = try Money("1.00", currency: "USD")
        let euros = try Money("1.00", currency: "EUR")
        #expect(throws: MoneyError.self) { try dollars + euros }
        #expect(throws: MoneyError.self) { try dollars - euros }
        #expect(throws: MoneyError.self) { try dollars.isLess(than: euros) }
        #expect(try Money("0.99", currency: "USD").isLess(than: dollars))
    }

    @Test func secretsNeverShowThemselves() {
        let secret = Secret("shpat_abc123")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "Secret(<redacted>)")
        #expect(secret.exposedValue == "shpat_abc123")
    }
}
