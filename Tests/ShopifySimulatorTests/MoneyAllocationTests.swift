import Foundation
import Testing
@testable import ShopifySimulator

@Suite("Splitting money to the cent")
struct MoneyAllocationTests {
    private func cents(_ values: [Int]) -> [Decimal] { values.map { DecimalMoney.fixed($0, scale: 2) } }

    @Test("0.04 over three units is 0.01, 0.01, 0.02")
    func unevenCents() {
        #expect(MoneyAllocation.perUnit(DecimalMoney.fixed(4, scale: 2), units: 3) == cents([1, 1, 2]))
    }

    @Test("a split follows the weights and the largest remainders")
    func weightedSplit() {
        // 10.00 over 50.00 and 30.00 weights: 6.25 and 3.75 exactly.
        #expect(MoneyAllocation.allocate(10, weights: [50, 30]) == cents([625, 375]))
        // 1.00 over three equal weights: 0.33, 0.33, 0.34.
        #expect(MoneyAllocation.allocate(1, weights: [1, 1, 1]) == cents([33, 33, 34]))
        // A zero weight gets nothing.
        #expect(MoneyAllocation.allocate(DecimalMoney.fixed(5, scale: 2), weights: [0, 2, 1]) == cents([0, 3, 2]))
    }

    @Test("the parts always add up to the amount", arguments: Array(UInt64(1)...20))
    func partsAddUp(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<200 {
            let total = DecimalMoney.fixed(random.int(in: 0...50_000), scale: 2)
            let weights = (0..<random.int(in: 1...7)).map { _ in DecimalMoney.fixed(random.int(in: 0...20_000), scale: 2) }
            let parts = MoneyAllocation.allocate(total, weights: weights)
            #expect(DecimalMoney.sum(parts) == total)
            #expect(parts.allSatisfy { $0 >= 0 && DecimalMoney.rounded($0) == $0 })
        }
    }

    @Test("money is written with two decimals and rounded half away from zero")
    func formatting() {
        #expect(DecimalMoney.string(DecimalMoney.fixed(123, scale: 1)) == "12.30")
        #expect(DecimalMoney.string(DecimalMoney.fixed(-5, scale: 2)) == "-0.05")
        #expect(DecimalMoney.string(DecimalMoney.fixed(1005, scale: 3)) == "1.01")
        #expect(DecimalMoney.string(DecimalMoney.fixed(-1005, scale: 3)) == "-1.01")
        #expect(DecimalMoney.string(0) == "0.00")
        #expect(DecimalMoney.plain(DecimalMoney.fixed(725, scale: 4)) == "0.0725")
        #expect(DecimalMoney.parse("19.99") == DecimalMoney.fixed(1999, scale: 2))
        #expect(DecimalMoney.parse("1e3") == nil)
        #expect(DecimalMoney.parse("") == nil)
    }
}
