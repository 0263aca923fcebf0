import Foundation
import Testing
@testable import NetSuiteSandbox

@Suite("SuiteQL limits")
struct SuiteQLLimitsTests {
    @Test("LIKE with many consecutive % against a long value answers fast and correctly")
    func likeIsLinearInPractice() {
        let text = Array(String(repeating: "a", count: 5_000))
        let hostile = Array(String(repeating: "%", count: 20) + "x")
        let started = ContinuousClock.now
        // The recursive matcher needed time exponential in the number of % here and never finished.
        #expect(SuiteQLEvaluator.matches(text, hostile) == false)
        #expect(SuiteQLEvaluator.matches(text + ["x"], hostile))
        #expect(SuiteQLEvaluator.matches(text, Array("%a%a%a%a%a%a%a%a%a%a%b")) == false)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("LIKE semantics: % is any run, _ exactly one character, case-sensitive")
    func likeSemantics() {
        func like(_ text: String, _ pattern: String) -> Bool { SuiteQLEvaluator.matches(Array(text), Array(pattern)) }
        #expect(like("SHIRT-M", "SH%"))
        #expect(like("SHIRT-M", "%-_"))
        #expect(!like("SHIRT-M", "%-__"))
        #expect(like("", "%%"))
        #expect(!like("", "_"))
        #expect(like("abcabd", "%ab_"))
        #expect(like("abcabd", "a%%c%d"))
        #expect(!like("abc", "ABC"))
        #expect(like("mississippi", "m%iss%pi"))
        #expect(!like("mississippi", "m%iss%pix"))
    }

    @Test("nesting deeper than 32 levels is refused with 400 INVALID_PARAMETER; 32 levels still run")
    func nestingLimit() async throws {
        try await withHarness { harness in
            func nested(_ depth: Int) -> String {
                String(repeating: "UPPER(", count: depth) + "itemid" + String(repeating: ")", count: depth)
            }
            let allowed = try await SuiteQLTests.query(harness, "SELECT \(nested(32)) AS sku FROM item WHERE itemid = 'MUG'")
            #expect(allowed.status == 200)
            #expect(allowed.body?["items"]?.arrayValue?.first?["sku"] == "MUG")
            let deep = try await SuiteQLTests.query(harness, "SELECT \(nested(33)) FROM item")
            #expect(deep.status == 400)
            #expect(deep.errorCode == "INVALID_PARAMETER")
            let hostile = try await SuiteQLTests.query(harness, "SELECT \(nested(20_000)) FROM item")
            #expect(hostile.status == 400)
            #expect(hostile.errorCode == "INVALID_PARAMETER")
        }
    }

    @Test("a query text over 100,000 characters is refused with 400 INVALID_PARAMETER")
    func queryLengthLimit() async throws {
        #expect(throws: SuiteQLError.self) {
            try SuiteQLParser.parse("SELECT id FROM item WHERE itemid IN (" + String(repeating: "'a', ", count: 20_000) + "'a')")
        }
        try await withHarness { harness in
            let long = "SELECT id FROM item WHERE itemid = '" + String(repeating: "x", count: 100_001) + "'"
            let response = try await SuiteQLTests.query(harness, long)
            #expect(response.status == 400)
            #expect(response.errorCode == "INVALID_PARAMETER")
        }
    }
}
