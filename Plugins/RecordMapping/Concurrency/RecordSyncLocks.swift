import Foundation

/// One sync at a time per record within this process.
///
/// The ledger's decide -> send -> record is not atomic, and one interleaving of two jobs for
/// the same record cannot be seen from the ledger at all: v2 sends, v1 sends, v1 records, v2
/// records. Both records succeed, the ledger says v2, NetSuite holds v1. Serializing the syncs
/// of one record here closes that window for jobs of one host; jobs of different processes
/// still rely on the ledger's refusal. Different records never wait for each other.
///
/// Keys name the tenant, the record type and the id (`acme/customer/42`). A flow that syncs
/// one record inside another (an order's customer) takes the outer lock first, always in
/// that order, so two locks never wait on each other.
public actor RecordSyncLocks {
    /// The locks every flow of this process shares: an order's customer and a customer
    /// webhook of the same customer must wait for each other although different flows run them.
    public static let shared = RecordSyncLocks()

    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// A lock table of its own (tests); flows use ``shared``.
    public init() {}

    /// The key of one record of one tenant.
    public static func key(tenant: String, recordType: String, id: String) -> String {
        "\(tenant)/\(recordType)/\(id)"
    }
    /// Runs `body` while holding the lock of `key`, waiting for the holder first if there is one.
    public nonisolated func serialized<Result: Sendable>(_ key: String, _ body: () async throws -> Result) async throws -> Result {
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
