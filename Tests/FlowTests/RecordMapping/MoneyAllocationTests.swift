import Foundation
import RecordMapping
import Testing

@Suite struct MoneyAllocationTests {
    private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    @Test func splitsInProportionAndAddsUpExactly() {
        let parts = MoneyAllocation.largestRemainder(total: decimal("100.00"), weights: [decimal("30"), decimal("20"), decimal("50")])
        #expect(parts == [decimal("30"), decimal("20"), decimal("50")])
        let thirds = MoneyAllocation.largestRemainder(total: 10, weights: [1, 1, 1])
        #expect(thirds == [decimal("3.34"), decimal("3.33"), decimal("3.33")])
        #expect(thirds.reduce(0, +) == 10)
    }

    @Test func leftoverCentsGoToTheLargestRemainders() {
        // 1.00 over 1:2:3 = 0.1666, 0.3333, 0.5 -> floors 0.16, 0.33, 0.50 (sum 0.99); the
        // largest dropped fraction (0.0066) is the first part's.
        let parts = MoneyAllocation.largestRemainder(total: 1, weights: [1, 2, 3])
        #expect(parts == [decimal("0.17"), decimal("0.33"), decimal("0.50")])
    }

    @Test func tiesGoToTheLowerIndex() {
        let parts = MoneyAllocation.largestRemainder(total: decimal("0.05"), weights: [1, 1, 1, 1])
        #expect(parts == [decimal("0.02"), decimal("0.01"), decimal("0.01"), decimal("0.01")])
    }

    @Test func negativeTotalSplitsLikeAPositiveOne() {
        let parts = MoneyAllocation.largestRemainder(total: -10, weights: [1, 1, 1])
        #expect(parts == [decimal("-3.34"), decimal("-3.33"), decimal("-3.33")])
        #expect(parts.reduce(0, +) == -10)
    }

    @Test func allZeroWeightsSplitEqually() {
        let parts = MoneyAllocation.largestRemainder(total: decimal("0.10"), weights: [0, 0, 0])
        #expect(parts == [decimal("0.04"), decimal("0.03"), decimal("0.03")])
        // A negative weight counts as zero.
        #expect(MoneyAllocation.largestRemainder(total: 5, weights: [-1, 1]) == [0, 5])
    }

    @Test func onePartTakesTheWholeRoundedTotal() {
        #expect(MoneyAllocation.largestRemainder(total: decimal("12.345"), weights: [7]) == [decimal("12.34")])
        #expect(MoneyAllocation.largestRemainder(total: 12, weights: []) == [])
    }

    @Test func respectsTheScale() {
        let yen = MoneyAllocation.largestRemainder(total: 1000, weights: [1, 1, 1], scale: 0)
        #expect(yen == [334, 333, 333])
        let mills = MoneyAllocation.largestRemainder(total: 1, weights: [1, 1, 1], scale: 3)
        #expect(mills == [decimal("0.334"), decimal("0.333"), decimal("0.333")])
    }

    @Test func manyPartsStillAddUp() {
        let weights = (1...37).map { Decimal($0 * 7 % 11 + 1) }
        let total = decimal("1234.57")
        let parts = MoneyAllocation.largestRemainder(total: total, weights: weights)
        #expect(parts.count == 37)
        #expect(parts.reduce(0, +) == total)
        #expect(parts.allSatisfy { $0 >= 0 })
    }
}
