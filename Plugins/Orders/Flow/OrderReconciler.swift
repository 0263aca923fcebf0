import Foundation
import Logging
import PluginKit
import Shopify

/// The `reconcile` job: finds orders Shopify changed since the flow's cursor whose latest
/// version the ledger lacks (a webhook dropped or still queued), and syncs them exactly
/// like a webhook would.
///
/// The cursor is the largest `updatedAt` handled, saved after every order, so a transient
/// failure retries the job from where it stopped. Each run lists from a while before the
/// cursor (`reconcile_overlap_minutes`), because an order can appear in Shopify's listing
/// after one with a later `updatedAt` was already seen (writes land and get indexed out of
/// order); orders listed again are skipped by the ledger without being fetched. One order's
/// permanent failure is logged and counted, never blocking the others. An order whose ledger
/// entry a lost race left unconfirmed is synced even though its time is current.
struct OrderReconciler: Sendable {
    let context: any FlowContext
    let shopify: ShopifyAdminClient
    let synchronizer: OrderSynchronizer
    /// Orders per page of the listing.
    var pageSize = 25
    /// Pages read per run; more orders than `pageSize * maximumPages` are left to the next run.
    var maximumPages = 40

    /// The cursor's name in the ledger.
    static let cursorName = "orders"
    /// Whether the last run stopped at its page limit ("1") and the next one continues it.
    static let continuationName = "orders.continuation"

    func run() async throws -> JobOutcome {
        let (saved, firstRun) = try await startingPoint()
        // A run that continues a truncated one starts right at the cursor: were it to look back
        // too, a window busier than one run's pages would be read again and again.
        let continuing = try await context.ledger.cursor(flow: Self.continuationName) == "1"
        let overlap = firstRun || continuing ? 0 : Double(max(try context.settings.integer("reconcile_overlap_minutes"), 0)) * 60
        let since = saved.addingTimeInterval(-overlap)
        let (orders, truncated) = try await shopify.allOrdersUpdated(since: since, pageSize: pageSize, maximumPages: maximumPages)
        // The cursor never moves back: the overlap is only where this run looks.
        var cursor = saved
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
        try await context.ledger.setCursor(truncated ? "1" : "0", flow: Self.continuationName)
        var note = "\(synced) synced, \(failures.count) failed"
        if !failures.isEmpty { note += ": " + failures.prefix(10).joined(separator: "; ") }
        note += "; \(upToDate) already up to date"
        if truncated { note += "; more orders remain, the next run continues from \(OrderSynchronizer.iso(cursor))" }
        return .done(note: note)
    }

    /// Syncs one listed order unless the ledger already has its version; true when it synced.
    private func handle(_ summary: ShopifyOrderSummary) async throws -> Bool {
        guard let id = Int64(summary.legacyResourceId) else { return false }
        // An entry marked unconfirmed (a lost race) is resent even though its time is current.
        if let entry = try await context.ledger.entry(recordType: OrdersPlugin.recordType, shopifyID: String(id)),
           let applied = entry.sourceUpdatedAt, applied >= summary.updatedAt, entry.bodyHash != OrderSynchronizer.unconfirmedBodyHash {
            return false
        }
        guard let detail = try await fetchDetail(id, name: summary.name) else { return false }
        return try await synchronizer.sync(try OrderSnapshot(detail: detail)).applied
    }

    /// The order's detail. An answer that cannot be read twice in a row is this order's
    /// problem (a shape the client does not expect), not a passing fault: it fails the order
    /// alone instead of retrying the whole poll at the same order forever.
    private func fetchDetail(_ id: Int64, name: String) async throws -> ShopifyOrderDetail? {
        do {
            return try await shopify.order(id: id)
        } catch let error as ShopifyError where error.code == "shopify_malformed_response" {
            do {
                return try await shopify.order(id: id)
            } catch let again as ShopifyError where again.code == "shopify_malformed_response" {
                throw OrderMappingError(code: "order_unreadable", message: "order \(name): \(again.message)")
            }
        }
    }

    /// The saved cursor, or `reconcile_lookback_hours` before now on the first run.
    private func startingPoint() async throws -> (Date, firstRun: Bool) {
        if let text = try await context.ledger.cursor(flow: Self.cursorName), let date = try? Date(text, strategy: .iso8601) {
            return (date, false)
        }
        let hours = try context.settings.integer("reconcile_lookback_hours")
        return (Date().addingTimeInterval(-Double(max(hours, 0)) * 3600), true)
    }

    private func save(_ cursor: Date) async throws {
        try await context.ledger.setCursor(cursor.formatted(.iso8601), flow: Self.cursorName)
    }
}
