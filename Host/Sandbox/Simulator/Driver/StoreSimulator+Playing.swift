import Foundation
import ShopifySandbox

extension StoreSimulator {
    /// Writes `count` order chains, then plays chain `index` no earlier than
    /// `offset(index)` after the start, at most `maximumConcurrency` at a time. A chain's
    /// events are played in order; chains run side by side.
    func play(count: Int, simulatedGap: ClosedRange<Int>, offset: (Int) -> Duration) async throws -> SimulationSummary {
        try await seedCatalog()
        let chains = writeChains(count: count, simulatedGap: simulatedGap)
        let clock = ContinuousClock()
        let start = clock.now
        let limit = max(configuration.maximumConcurrency, 1)
        let sandbox = sandbox
        let shop = shop
        var result = SimulationSummary()
        try await withThrowingTaskGroup(of: OrderChain.self) { group in
            var inFlight = 0
            for (index, chain) in chains.enumerated() {
                if inFlight >= limit, let done = try await group.next() {
                    finish(done, into: &result)
                    inFlight -= 1
                }
                try await clock.sleep(until: start + offset(index))
                group.addTask {
                    try await Self.record(chain, sandbox: sandbox, shop: shop)
                    return chain
                }
                inFlight += 1
            }
            for try await done in group {
                finish(done, into: &result)
            }
        }
        let ordered = Dictionary(uniqueKeysWithValues: chains.enumerated().map { ($1.orderID, $0) })
        result.ordersCreated.sort { (ordered[$0] ?? 0) < (ordered[$1] ?? 0) }
        result.expectedTotals = expectedTotals(for: chains.map(\.orderID))
        summary.merge(result)
        return result
    }

    private static func record(_ chain: OrderChain, sandbox: ShopifySandbox, shop: String) async throws {
        for event in chain.events {
            do {
                try await sandbox.recordEvent(shop: shop, topic: event.topic, payload: event.payload)
            } catch {
                throw StoreSimulatorError(.eventRejected, "the sandbox refused \(event.topic) of order \(chain.orderID): \(error)")
            }
        }
    }

    private func finish(_ chain: OrderChain, into result: inout SimulationSummary) {
        played.insert(chain.orderID)
        result.add(chain)
    }

    private func writeChains(count: Int, simulatedGap: ClosedRange<Int>) -> [OrderChain] {
        guard var script else { return [] }
        let chains = (0..<count).map { _ in script.nextOrder(secondsSincePrevious: simulatedGap) }
        self.script = script
        return chains
    }

    private func expectedTotals(for orderIDs: [Int64]) -> [Int64: ExpectedOrderTotals] {
        guard let script else { return [:] }
        let all = script.expectedTotals
        return orderIDs.reduce(into: [:]) { result, id in result[id] = all[id] }
    }
}
