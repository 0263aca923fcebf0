import Foundation
import Shopify
import Synchronization

/// A clock that only moves when told to, or when someone sleeps on it: the bucket's waiting
/// math can be checked exactly and without real waiting.
final class ManualClock: ShopifyThrottleClock {
    private let state: Mutex<(now: Date, sleeps: [Duration])>

    init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = Mutex((start, []))
    }

    var now: Date { state.withLock { $0.now } }

    /// Every sleep asked for, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by seconds: Double) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }

    func sleep(for duration: Duration) async throws {
        state.withLock { state in
            state.sleeps.append(duration)
            let parts = duration.components
            state.now = state.now.addingTimeInterval(Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
        }
    }
}
