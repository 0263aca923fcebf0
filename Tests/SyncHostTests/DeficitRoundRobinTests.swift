import Testing
@testable import SyncHost

@Suite struct DeficitRoundRobinTests {
    @Test func aQuietKeyIsServedWithinOneRoundOfANoisyOne() {
        var drr = DeficitRoundRobin<String>()
        drr.activate("noisy")
        for _ in 0..<1_000 { #expect(drr.next(eligible: { _ in true }) == "noisy") }
        drr.activate("quiet")
        let picks = (0..<2).compactMap { _ in drr.next(eligible: { _ in true }) }
        #expect(picks.contains("quiet"), "picks were \(picks)")
    }

    @Test func aNewcomerWaitsAtMostOneTurnOfEachBusyKey() {
        var drr = DeficitRoundRobin<Int>()
        for key in 0..<500 { drr.activate(key) }
        for _ in 0..<1_234 { _ = drr.next(eligible: { _ in true }) }
        drr.activate(-1)
        var picks = 0
        while drr.next(eligible: { _ in true }) != -1 {
            picks += 1
            #expect(picks <= 500)
            if picks > 500 { break }
        }
    }

    @Test func weightsSplitServiceProportionally() {
        var drr = DeficitRoundRobin<String>()
        drr.activate("heavy", weight: 2)
        drr.activate("light", weight: 1)
        var counts: [String: Int] = [:]
        for _ in 0..<3_000 { counts[drr.next(eligible: { _ in true })!, default: 0] += 1 }
        #expect(counts["heavy"] == 2_000)
        #expect(counts["light"] == 1_000)
    }

    @Test func ineligibleKeysArePassedOverAndDeactivatedKeysLeave() {
        var drr = DeficitRoundRobin<String>()
        drr.activate("a")
        drr.activate("b")
        for _ in 0..<10 { #expect(drr.next(eligible: { $0 != "a" }) == "b") }
        #expect(drr.next(eligible: { _ in false }) == nil)
        drr.deactivate("b")
        #expect(drr.activeKeys == ["a"])
        #expect(drr.next(eligible: { _ in true }) == "a")
        drr.deactivate("a")
        #expect(drr.next(eligible: { _ in true }) == nil)
    }

    @Test func costlyWorkWaitsForEnoughCredit() {
        var drr = DeficitRoundRobin<String>(quantum: 1)
        drr.activate("a")
        drr.activate("b")
        var counts: [String: Int] = [:]
        for _ in 0..<100 { counts[drr.next(cost: 3, eligible: { _ in true })!, default: 0] += 1 }
        #expect(counts["a"] == 50)
        #expect(counts["b"] == 50)
    }
}
