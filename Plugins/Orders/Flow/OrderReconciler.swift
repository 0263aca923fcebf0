import Foundation
import Logging
import PluginKit
import Shopify

/// The `reconcile` job: finds orders Shopify changed since the flow's cursor whose latest
/// version the ledger lacks (a webhook dropped or still queued), and syncs them exactly
/// like a webhook would.
///
/// The cursor is the largest `updatedAt` handled, saved after every order, so a transient
/// failure retries the job from where it stopped. Shopify's search is inclusive (`>=`), so
/// orders of the cursor's own second are read again and skipped by the ledger. One order's
/// permanent failure is logged and counted, never blocking the others.
struct OrderReconciler: Sendable {
    let context: any FlowContext
    let shopify: ShopifyAdminClient
    let synchronizer: OrderSynchronizer

    /// The cursor's name in the ledger.
    static let cursorName = "orders"

    func run() async throws -> JobOutcome {
        let since = try await startingPoint()
        let (orders, truncated) = try await shopify.allOrdersUpdated(since: since)
        var cursor = since
        var synced = 0, upToDate = 0
        var failures: [String] = []
        for summary in orders.sorted(by: { $0.updatedAt < $1.updatedAt }) {
            do {
                if try await handle(summary) { synced += 1 } else { upToDate += 1 }
            } catch let error as any ClassifiedError where error.failureClass == .permanent {
                context.logger.error("order failed to reconcile", metadata: ["order": "\(summary.legacyResourceId)", "code": "\(error.code)"])
                failures.append("\(summary.name) \(error.code): \(error.message)")
            } catch {
                // Transient: keep what is done, retry the job from here.
                try await save(cursor)
                return .failed(error)
            }
            if summary.updatedAt > cursor {
                cursor = summary.updatedAt
                try await save(cursor)
            }
        }
        try await save(cursor)
        var note = "\(synced) synced, \(failures.count) failed"
        if !failures.isEmpty { note += ": " + failures.prefix(10).joined(separator: "; ") }
        note += "; \(upToDate) already up to date"
        if truncated { note += "; more orders remain, the next run continues from \(OrderSynchronizer.iso(cursor))" }
        return .done(note: note)
    }

    /// Syncs one listed order unless the ledger already has its version; true when it synced.
    private func handle(_ summary: ShopifyOrderSummary) async throws -> Bool {
        guard let id = Int64(summary.legacyResourceId) else { return false }
        if let applied = try await context.ledger.entry(recordType: OrdersPlugin.recordType, shopifyID: String(id))?.sourceUpdatedAt,
           applied >= summary.updatedAt {
            return false
        }
        guard let detail = try await shopify.order(id: id) else { return false }
        return try await synchronizer.sync(try OrderSnapshot(detail: detail)).applied
    }

    /// The saved cursor, or `reconcile_lookback_hours` before now on the first run.
    private func startingPoint() async throws -> Date {
        if let text = try await context.ledger.cursor(flow: Self.cursorName), let date = try? Date(text, strategy: .iso8601) {
            return date
        }
        let hours = try context.settings.integer("reconcile_lookback_hours")
        return Date().addingTimeInterval(-Double(max(hours, 0)) * 3600)
    }

    private func save(_ cursor: Date) async throws {
        try await context.ledger.setCursor(cursor.formatted(.iso8601), flow: Self.cursorName)
    }
}
