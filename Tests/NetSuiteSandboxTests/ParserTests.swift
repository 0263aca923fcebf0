import Foundation
import Testing
@testable import NetSuiteSandbox

@Suite("JSON and SuiteQL parsing")
struct ParserTests {
    @Test("JSON numbers keep every decimal digit; escapes and surrogates decode")
    func jsonDecimals() throws {
        let value = try SandboxJSON.parse(Array(#"{"a":0.1,"b":0.2,"c":"\u00e9\ud83d\ude00\n","d":[true,null,-12.50]}"#.utf8))
        let sum = try #require(value["a"]?.decimalValue) + (try #require(value["b"]?.decimalValue))
        #expect(sum == Decimal(string: "0.3"))
        #expect(value["c"]?.stringValue == "é😀\n")
        #expect(value["d"]?.arrayValue?.last?.decimalValue == Decimal(string: "-12.5"))
        #expect(try SandboxJSON.parse(Array(value.serialized.utf8)) == value)
    }

    @Test("malformed JSON is refused, never guessed", arguments: [
        "", "{", "{\"a\":}", "[1,]", "01", "{\"a\":1} x", "\"\\ud800\"", "tru", "{'a':1}", String(repeating: "[", count: 100),
    ])
    func jsonRefusals(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try SandboxJSON.parse(Array(text.utf8)) }
    }

    @Test("the SuiteQL subset parses what it supports and refuses the rest")
    func suiteQLParsing() throws {
        let select = try SuiteQLParser.parse(
            "select t.id, UPPER(t.itemid) as sku from Item t where t.itemid in ('A', 'O''Brien') and t.id >= 3 order by t.id desc")
        #expect(select.table == "item")
        #expect(select.alias == "t")
        #expect(select.conditions.count == 2)
        #expect(select.orderBy.first?.ascending == false)
        if case .inList(_, let values, _) = select.conditions[0] {
            #expect(values.last == .string("O'Brien"))
        } else {
            Issue.record("expected an IN condition")
        }
        for query in ["SELECT FROM item", "SELECT id item WHERE", "SELECT id FROM item WHERE id = 1 OR id = 2", "SELECT id FROM item; DROP",
                      "SELECT id FROM item GROUP BY id", "UPDATE item SET id = 1"] {
            #expect(throws: SuiteQLError.self) { try SuiteQLParser.parse(query) }
        }
    }

    @Test("SuiteQL dates follow their format exactly, in UTC")
    func suiteQLDates() throws {
        let date = try #require(SuiteQLDates.parse("2026-01-05 13:04:09", format: "YYYY-MM-DD HH24:MI:SS"))
        #expect(SuiteQLDates.format(date, format: "YYYY-MM-DD\"T\"HH24:MI:SS") == "2026-01-05T13:04:09")
        #expect(SuiteQLDates.defaultText(date) == "1/5/2026")
        #expect(SuiteQLDates.parse("2026-13-05", format: "YYYY-MM-DD") == nil)
        #expect(SuiteQLDates.parse("2026-01-05 extra", format: "YYYY-MM-DD") == nil)
    }

    @Test("percent-decoding refuses broken escapes and keeps repeated parameters")
    func percentDecoding() {
        #expect(PercentEncoding.decode("eid:%zz", plusAsSpace: false) == nil)
        #expect(PercentEncoding.decode("a%20b+c", plusAsSpace: true) == "a b c")
        #expect(PercentEncoding.decodePairs("a=1&a=2&b")?.map(\.value) == ["1", "2", ""])
        #expect(PercentEncoding.encode("a b&c~é") == "a%20b%26c~%C3%A9")
    }

    @Test("LIKE matches % and _ like Oracle")
    func likePatterns() {
        #expect(SuiteQLEvaluator.matches(Array("SHIRT-M"), Array("SH%")))
        #expect(SuiteQLEvaluator.matches(Array("SHIRT-M"), Array("SHIRT-_")))
        #expect(!SuiteQLEvaluator.matches(Array("SHIRT-M"), Array("shirt%")))
        #expect(SuiteQLEvaluator.matches(Array(""), Array("%")))
    }
}
