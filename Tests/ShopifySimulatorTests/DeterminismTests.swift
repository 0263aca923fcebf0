import Foundation
import Testing
@testable import ShopifySimulator

@Suite("Determinism")
struct DeterminismTests {
    private func transcript(seed: UInt64) -> [String] {
        var (script, chains) = TestTraffic.played(seed: seed, orders: 30, configure: TestTraffic.busy)
        var lines = chains.flatMap(\.events).map { "\($0.topic) \(String(decoding: $0.payload, as: UTF8.self))" }
        for payout in script.settlePayouts() {
            lines.append(PayoutDocument.transactionsJSON(payout, timestamps: script.timestamps).serialized())
        }
        return lines
    }

    @Test("the same seed writes byte-identical documents")
    func sameSeedSameDocuments() {
        #expect(transcript(seed: 77) == transcript(seed: 77))
    }

    @Test("another seed writes other documents")
    func otherSeedOtherDocuments() {
        #expect(transcript(seed: 77) != transcript(seed: 78))
    }

    @Test("documents are compact JSON with ordered keys")
    func compactJSON() throws {
        let (_, chains) = TestTraffic.played(seed: 1, orders: 3)
        for event in chains.flatMap(\.events) {
            let text = String(decoding: event.payload, as: UTF8.self)
            #expect(text.hasPrefix("{\"id\":"))
            #expect(!text.contains("\n") && !text.contains(": "))
            #expect(try JSONSerialization.jsonObject(with: event.payload) is [String: Any])
        }
    }
}
