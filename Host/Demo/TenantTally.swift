import Foundation
import PluginKit
import TenantStore

/// How one tenant's orders are doing, read from the tenant's own database: the numbers the
/// demo shows while the host drains the flash sale and in its summary.
public struct TenantTally: Sendable, Equatable {
    /// Orders the store placed (what should sync).
    public var placed = 0
    /// Orders the host received: a webhook (or poll) about them is in the tenant's archive.
    public var received = 0
    /// Orders the ledger shows synced to a NetSuite sales order.
    public var synced = 0
    /// Orders jobs that needed more than one attempt (or are waiting to retry).
    public var retried = 0
    /// Orders jobs that are dead: the data cannot sync as it is.
    public var dead = 0
    /// Jobs of the orders flow still to run (due, scheduled, retrying or running).
    public var pending = 0
    /// The reasons of dead jobs, for the summary.
    public var deadReasons: [String] = []

    public init() {}

    /// Reads the tally of `tenant` for the orders the store placed.
    public static func read(tenant: TenantID, placedOrderIDs: [Int64], pool: TenantPool) async throws -> TenantTally {
        try await pool.withDatabase(tenant) { database in
            var tally = TenantTally()
            tally.placed = placedOrderIDs.count
            let jobs = try await database.jobs.jobs(flow: "orders", limit: 1_000_000)
            tally.received = try await receivedOrders(placedOrderIDs, database: database)
            tally.retried = jobs.filter { $0.attempt > 1 || $0.state == .retryable }.count
            let dead = jobs.filter { $0.state == .dead }
            tally.dead = dead.count
            tally.deadReasons = dead.compactMap { job in job.lastError.map { "\(job.kind) job \(job.id): \($0.message)" } }
            tally.pending = jobs.filter { [.available, .scheduled, .running, .retryable].contains($0.state) }.count
            for id in placedOrderIDs {
                if let entry = try await database.ledger.entry(recordType: "order", shopifyID: String(id)),
                   entry.netsuiteInternalID != nil {
                    tally.synced += 1
                }
            }
            return tally
        }
    }

    /// The tally while the store is still selling, before the placed orders are known: orders
    /// received (an `orders/create` job exists) and sales orders the ledger links.
    public static func readLive(tenant: TenantID, pool: TenantPool) async throws -> (received: Int, synced: Int) {
        try await pool.withDatabase(tenant) { database in
            let received = try await database.jobs.jobs(flow: "orders", limit: 1_000_000).filter { $0.kind == "orders/create" }.count
            return (received, try await database.ledger.syncedCount(recordType: "order"))
        }
    }

    /// Orders among `placed` whose payload reached the tenant's archive.
    private static func receivedOrders(_ placed: [Int64], database: TenantDatabase) async throws -> Int {
        var received = 0
        for id in placed where try await !database.archive.payloads(about: [PayloadSubject(kind: .order, id: String(id))]).isEmpty {
            received += 1
        }
        return received
    }
}
