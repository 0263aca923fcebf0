import Foundation
import Logging
import NetSuite
import PluginKit
import RecordMapping
import Shopify

/// What one order sync did, for the job's note.
struct OrderSyncResult: Sendable {
    /// True when a sales order was written.
    let applied: Bool
    /// Why it was skipped, or what was written.
    let note: String
}

/// Brings one NetSuite sales order up to one version of a Shopify order: the code path the
/// webhooks and the reconciliation poll share.
///
/// Creates, edits (only while the sales order is open and nothing has shipped) and cancels
/// (closing every line, unless goods shipped or part of the money was refunded); every write
/// is an upsert by the order's external id, then checked against NetSuite's own total.
///
/// Races (two jobs for one order): syncs of one order are serialized in this process
/// (``RecordSyncLocks``). When the ledger still refuses a record (a newer version landed from
/// elsewhere while this one was written), NetSuite may now hold the older version: the entry
/// is marked unconfirmed (``unconfirmedBodyHash``) and Shopify's current order is fetched and
/// sent again. The mark outlives a failure, so the job's retry or the next poll resends too.
struct OrderSynchronizer: Sendable {
    let context: any FlowContext
    let settings: OrderMappingSettings
    let shopify: ShopifyAdminClient
    let netsuite: NetSuiteClient
    let locks: RecordSyncLocks

    /// The body hash recorded when NetSuite may hold an older version than the ledger's
    /// `sourceUpdatedAt`: no real snapshot hashes to it, so the next version decides `apply`.
    static let unconfirmedBodyHash = "netsuite-content-unconfirmed"
    /// How many times one job refetches the current order after losing a race before it
    /// leaves the rest to its retry.
    static let raceRefetches = 3

    private var ledger: any LedgerAccess { context.ledger }
    private var recordType: String { OrdersPlugin.recordType }

    /// Brings the sales order up to `fetched`, one sync per order at a time.
    func sync(_ fetched: OrderSnapshot) async throws -> OrderSyncResult {
        try await locks.serialized(RecordSyncLocks.key(tenant: context.tenant.id, recordType: recordType, id: String(fetched.id))) {
            try await sync(fetched, refetchesLeft: Self.raceRefetches)
        }
    }

    private func sync(_ fetched: OrderSnapshot, refetchesLeft: Int) async throws -> OrderSyncResult {
        var order = fetched
        let shopifyID = String(order.id)
        let bodyHash = order.bodyHash
        switch try await ledger.decide(recordType: recordType, shopifyID: shopifyID, sourceUpdatedAt: order.updatedAt, bodyHash: bodyHash) {
        case .skipStale(let applied):
            if try await ledger.entry(recordType: recordType, shopifyID: shopifyID)?.bodyHash == Self.unconfirmedBodyHash {
                // An earlier race left NetSuite unconfirmed: this stale version cannot fix it, the current one can.
                return try await resendCurrent(order, refetchesLeft: refetchesLeft)
            }
            return OrderSyncResult(applied: false, note: "skipped: stale update of order \(order.name) (updated \(Self.iso(order.updatedAt)), a version of \(Self.iso(applied)) is already applied)")
        case .skipUnchanged:
            return OrderSyncResult(applied: false, note: "skipped: order \(order.name) unchanged")
        case .apply:
            break
        }
        let known = try await ledger.entry(recordType: recordType, shopifyID: shopifyID)
        let externalID = try ShopifyExternalID.order(shopDomain: context.tenant.shopDomain, orderID: order.id)

        // What NetSuite already has decides whether this version may be applied at all.
        var closeLines = false
        var remarks: [String] = []
        if let internalID = known?.netsuiteInternalID {
            let state = SalesOrderState(try await netsuite.get("salesOrder", id: internalID, expandSubResources: true))
            if let reason = skipReason(order, state: state) {
                let recorded = try await ledger.record(recordType: recordType, shopifyID: shopifyID, netsuiteInternalID: internalID,
                                                       netsuiteExternalID: externalID.rawValue, sourceUpdatedAt: order.updatedAt, bodyHash: bodyHash)
                // Refused: a newer version was recorded meanwhile. NetSuite was not touched here, so nothing to repair.
                let newer = recorded ? "" : " (a newer version was recorded meanwhile)"
                return OrderSyncResult(applied: false, note: "skipped: order \(order.name) \(reason)\(newer)")
            }
            closeLines = order.cancelledAt != nil
        } else if order.cancelledAt != nil {
            // Never synced and already cancelled: book it, closed unless refunds must handle it.
            if let reason = cancellationBlocker(order) {
                remarks.append("not closed: \(reason)")
            } else {
                closeLines = true
            }
        }

        if order.usedGiftCard, order.giftCardAmount == .zero {
            guard let payments = try await shopify.giftCardPayments(orderID: order.id), payments.transactionCount > 0 else {
                throw GiftCardPaymentPending(orderName: order.name)
            }
            order.giftCardAmount = OrderAmount(shop: payments.shopAmount.amount, presentment: payments.presentmentAmount.amount)
        }

        let customerID: String
        if let customer = order.customer {
            customerID = try await CustomerSynchronizer(netsuite: netsuite, ledger: ledger, tenant: context.tenant, logger: context.logger, locks: locks)
                .sync(customer).internalID
        } else {
            customerID = settings.guestCustomerID
        }
        let currencyCode = order.currencyCode(settings.bookingCurrency)
        let currencyID = try await NetSuiteCurrencyResolver(netsuite: netsuite, ledger: ledger).currencyID(isoCode: currencyCode)
        let mapper = SalesOrderMapper(settings: settings)
        let items = NetSuiteItemResolver(netsuite: netsuite, ledger: ledger)
        let itemIDs = try await items.itemIDs(forSKUs: mapper.requiredSKUs(of: order))
        let bundleItemIDs = order.lines.compactMap { $0.sku.flatMap { settings.bundles.components[$0] } }.flatMap { $0 }.compactMap { itemIDs[$0.sku] }
        let basePrices = settings.bundlePricing == .proportional && !bundleItemIDs.isEmpty
            ? try await items.basePrices(itemIDs: bundleItemIDs, currencyID: currencyID) : [:]
        let input = SalesOrderMappingInput(externalID: externalID, customerID: customerID, subsidiaryID: context.tenant.subsidiaryID,
                                           currencyID: currencyID, itemIDs: itemIDs, basePrices: basePrices)
        var mapped = try mapper.map(order, input: input)
        if closeLines {
            for index in mapped.record.lines.indices { mapped.record.lines[index].extraFields["isClosed"] = .bool(true) }
        }

        let internalID = try await netsuite.upsert("salesOrder", externalID: externalID, record: mapped.record.json)
        let written = SalesOrderState(try await netsuite.get("salesOrder", id: internalID))
        let scale = CurrencyScale.decimals(for: currencyCode)
        guard let total = written.total, total.rounded(toScale: scale) == mapped.expectedTotal.rounded(toScale: scale) else {
            throw NetSuiteTotalMismatch(orderName: order.name, internalID: internalID,
                                        expected: Money(amount: mapped.expectedTotal, currencyCode: currencyCode),
                                        netsuiteTotal: written.total.map { Money(amount: $0, currencyCode: currencyCode) })
        }
        let recorded = try await ledger.record(recordType: recordType, shopifyID: shopifyID, netsuiteInternalID: internalID,
                                               netsuiteExternalID: externalID.rawValue, sourceUpdatedAt: order.updatedAt, bodyHash: bodyHash)
        guard recorded else {
            // A newer version was recorded while this one was written: NetSuite may now hold this older one.
            try await markUnconfirmed(shopifyID: shopifyID, internalID: internalID, externalID: externalID)
            return try await resendCurrent(order, refetchesLeft: refetchesLeft)
        }

        let action = closeLines ? "closed" : (known?.netsuiteInternalID == nil ? "created" : "updated")
        let totalText = Money(amount: total, currencyCode: currencyCode)
        context.logger.info("sales order \(action)", metadata: ["order": "\(order.id)", "salesOrder": "\(internalID)"])
        let note = (["sales order \(internalID) \(action) for order \(order.name), total \(totalText)"] + remarks + mapped.notes).joined(separator: "; ")
        return OrderSyncResult(applied: true, note: note)
    }

    /// Why this version must not change the existing sales order, or nil to apply it.
    private func skipReason(_ order: OrderSnapshot, state: SalesOrderState) -> String? {
        if state.isClosed { return "not applied: the sales order is already closed" }
        if order.cancelledAt != nil {
            if let blocker = cancellationBlocker(order) { return "not closed: \(blocker)" }
            if state.hasFulfilledUnits || !state.isOpenAndUnfulfilled { return "not closed: the sales order is \(state.statusName) in NetSuite; refunds handle it" }
            return nil
        }
        if order.isFulfilledAtAll { return "edit not applied: the order is \(order.fulfillmentStatus ?? "fulfilled") in Shopify" }
        if !state.isOpenAndUnfulfilled { return "edit not applied: the sales order is \(state.statusName) in NetSuite" }
        return nil
    }

    /// Why a cancelled order is not closed (MAPPING "Cancellation"), or nil.
    private func cancellationBlocker(_ order: OrderSnapshot) -> String? {
        if order.isFulfilledAtAll { return "the order was already fulfilled; refunds handle it" }
        if order.isPartlyRefunded { return "the order was partly refunded; refunds handle it" }
        return nil
    }

    /// Marks the ledger entry as not confirmed in NetSuite, keeping its (newer) source time, so
    /// every later version, the job's retry and the poll resend instead of skipping.
    private func markUnconfirmed(shopifyID: String, internalID: String, externalID: ExternalID) async throws {
        // An even newer version may be recorded between reading the entry and marking it: read again.
        for _ in 0..<5 {
            let entry = try await ledger.entry(recordType: recordType, shopifyID: shopifyID)
            if entry?.bodyHash == Self.unconfirmedBodyHash { return }
            if try await ledger.record(recordType: recordType, shopifyID: shopifyID, netsuiteInternalID: internalID,
                                       netsuiteExternalID: externalID.rawValue, sourceUpdatedAt: entry?.sourceUpdatedAt,
                                       bodyHash: Self.unconfirmedBodyHash) {
                return
            }
        }
        throw LedgerRaceError(recordType: recordType, shopifyID: shopifyID)
    }

    /// Fetches Shopify's current version of the order and syncs it; after too many lost races
    /// the job fails as transient and its retry (or the poll) continues from the mark.
    private func resendCurrent(_ order: OrderSnapshot, refetchesLeft: Int) async throws -> OrderSyncResult {
        guard refetchesLeft > 0 else { throw LedgerRaceError(recordType: recordType, shopifyID: String(order.id)) }
        guard let detail = try await shopify.order(id: order.id) else {
            return OrderSyncResult(applied: false, note: "skipped: order \(order.name) lost a race with a newer version and no longer exists in Shopify")
        }
        let current = try await sync(try OrderSnapshot(detail: detail), refetchesLeft: refetchesLeft - 1)
        return OrderSyncResult(applied: current.applied,
                               note: "order \(order.name) version of \(Self.iso(order.updatedAt)) raced a newer one; resent Shopify's current version: \(current.note)")
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
