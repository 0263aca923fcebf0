import Foundation

/// One sync at a time per order within this process.
///
/// The ledger's decide -> send -> record is not atomic, and one interleaving of two jobs for
/// the same order cannot be seen from the ledger at all: v2 sends, v1 sends, v1 records, v2
/// records. Both records succeed, the ledger says v2, NetSuite holds v1. Serializing the syncs
/// of one order here closes that window for jobs of one host; jobs of different processes
/// still rely on the ledger's refusal (``OrderSynchronizer`` refetches and resends then).
/// Different orders never wait for each other.
actor OrderSyncLocks {
    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` while holding the lock of `key`, waiting for the holder first if there is one.
    nonisolated func serialized<Result: Sendable>(_ key: String, _ body: () async throws -> Result) async throws -> Result {
        await acquire(key)
        do {
            let result = try await body()
            await release(key)
            return result
        } catch {
            await release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        if held.insert(key).inserted { return }
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    /// Hands the lock to the longest waiter, or frees it.
    private func release(_ key: String) {
        guard var queue = waiters[key], !queue.isEmpty else {
            held.remove(key)
            return
        }
        let next = queue.removeFirst()
        waiters[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
