import Foundation
import NetSuite
import NetSuiteSandbox
@testable import Orders
import PluginKit
import RecordMapping
import SandboxWorld
import Shopify
import ShopifySandbox
import ShopifySimulator
import TenantStore
import Testing

/// Two jobs of one order racing, and the reconciliation cursor across truncated and failing
/// runs, against the demo world over loopback.
@Suite("Orders: races and the reconcile cursor", .serialized, .timeLimit(.minutes(5)))
struct OrderRaceAndReconcileTests {
    private func describe(_ outcome: JobOutcome) -> String {
        switch outcome {
        case .done(let note): "done: \(note ?? "")"
        case .retry(let error): "retry: \(error)"
        case .dead(let code, let reason): "dead \(code): \(reason)"
        }
    }

    private static func object(_ body: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    private static func amount(_ value: Any?) throws -> Decimal {
        let text = try #require(value as? String)
        return try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
    }

    /// Orders created without follow-ups and without gift card that nothing has shipped of yet
    /// (the simulator fulfills some orders without an `orders/updated`), in delivery order: edits apply to them.
    private static func plainCreates(_ deliveries: [OrderWebhookCapture.Delivery], fixture: OrdersWorldFixture) async throws -> [OrderWebhookCapture.Delivery] {
        var plain: [OrderWebhookCapture.Delivery] = []
        for delivery in deliveries where delivery.topic == "orders/create" {
            guard let orderID = OrdersWorldFixture.orderID(delivery),
                  deliveries.filter({ OrdersWorldFixture.orderID($0) == orderID }).count == 1,
                  !((try object(delivery.body)["payment_gateway_names"] as? [String]) ?? []).contains("gift_card"),
                  try await fixture.shopify.order(id: orderID)?.displayFulfillmentStatus == "UNFULFILLED"
            else { continue }
            plain.append(delivery)
        }
        return plain
    }

    /// A newer version of `body` (two minutes later) with one more unit of its first line; its
    /// shop-currency total.
    private static func edited(_ body: Data) throws -> (body: Data, total: Decimal) {
        var order = try object(body)
        var lines = try #require(order["line_items"] as? [[String: Any]])
        let unit = try amount(lines[0]["price"])
        let unitPresentment = try amount((lines[0]["price_set"] as? [String: [String: Any]])?["presentment_money"]?["amount"])
        lines[0]["quantity"] = (lines[0]["quantity"] as? Int ?? 1) + 1
        order["line_items"] = lines
        let total = try amount(order["total_price"]) + unit
        var totalSet = try #require(order["total_price_set"] as? [String: [String: Any]])
        let totalPresentment = try amount(totalSet["presentment_money"]?["amount"]) + unitPresentment
        totalSet["shop_money"]?["amount"] = "\(total)"
        totalSet["presentment_money"]?["amount"] = "\(totalPresentment)"
        order["total_price"] = "\(total)"
        order["total_price_set"] = totalSet
        let updated = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: body).updatedAt
        order["updated_at"] = updated.addingTimeInterval(120).formatted(.iso8601)
        return (try JSONSerialization.data(withJSONObject: order), total)
    }

    @Test("an older version written after a newer one was recorded (another process) is repaired: NetSuite ends with the newest")
    func lostRaceResendsTheCurrentVersion() async throws {
        try await OrdersWorldFixture.with { fixture in
            let deliveries = try await fixture.play(orders: 12)
            let create = try #require(try await Self.plainCreates(deliveries, fixture: fixture).first)
            let orderID = try #require(OrdersWorldFixture.orderID(create))
            let (newer, newerTotal) = try Self.edited(create.body)
            // Shopify's current version is the newer one.
            try await fixture.world.shopify.recordEvent(shop: fixture.demo.shop.domain, topic: "orders/updated", payload: newer)

            // The newer version's job runs completely between the older job's decision and its write.
            let older = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: create.body)
            let ledger = InterleavingLedger(base: fixture.store.database.ledger, shopifyID: String(orderID),
                                            sourceUpdatedAt: older.updatedAt) {
                let outcome = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/updated", body: newer), jobID: 2)
                guard case .done = outcome else { throw InterludeFailed(outcome: "\(outcome)") }
            }
            var context = TestFlowContext(tenant: fixture.context.tenant, settings: fixture.context.settings, ledger: ledger,
                                          payloads: fixture.store.database.archive, logger: fixture.context.logger)
            context.register(fixture.shopify)
            context.register(fixture.netsuite)
            // Another plugin instance: the older job runs in "another process", beyond this one's lock.
            let otherProcess = OrdersPlugin(locks: RecordSyncLocks())
            let payloadID = try await fixture.store.database.archive.store(NewPayload(body: create.body, topic: "orders/create", source: "test")).id
            var outcome = await otherProcess.handle(
                PluginJob(id: 1, kind: "orders/create", attempt: 1, maxAttempts: 5, payloadID: payloadID, arguments: nil), context: context)
            #expect(ledger.didInterleave)
            if case .retry = outcome {
                // The host retries a transient failure; the retry must finish the repair.
                outcome = await otherProcess.handle(
                    PluginJob(id: 1, kind: "orders/create", attempt: 2, maxAttempts: 5, payloadID: payloadID, arguments: nil), context: context)
            }
            guard case .done(let note) = outcome else {
                Issue.record("expected done, got \(describe(outcome))")
                return
            }
            #expect(note?.contains("raced") == true, "\(note ?? "")")
            let salesOrder = try await fixture.salesOrder(orderID: orderID)
            #expect(salesOrder["total"]?.decimalValue == newerTotal, "NetSuite must hold the newest version")
            let entry = try await fixture.store.database.ledger.entry(recordType: "order", shopifyID: String(orderID))
            #expect(entry?.bodyHash != OrderSynchronizer.unconfirmedBodyHash)
            #expect(entry?.sourceUpdatedAt == older.updatedAt.addingTimeInterval(120))
        }
    }

    @Test("a mark left by a lost race makes the stale job's retry, and the poll, resend the current version")
    func unconfirmedMarkIsRepairedByRetryAndPoll() async throws {
        try await OrdersWorldFixture.with(extraSettings: ["reconcile_lookback_hours": "\(24 * 366)"]) { fixture in
            let deliveries = try await fixture.play(orders: 12)
            let create = try #require(try await Self.plainCreates(deliveries, fixture: fixture).first)
            let orderID = try #require(OrdersWorldFixture.orderID(create))
            let (newer, newerTotal) = try Self.edited(create.body)
            try await fixture.world.shopify.recordEvent(shop: fixture.demo.shop.domain, topic: "orders/updated", payload: newer)
            #expect(describe(try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/updated", body: newer), jobID: 1)).hasPrefix("done"))
            #expect(describe(try await fixture.run(create, jobID: 2)).contains("stale"))
            let ledger = fixture.store.database.ledger
            let externalID = try ShopifyExternalID.order(shopDomain: fixture.demo.shop.domain, orderID: orderID)
            let olderBody = try await Self.mappedBody(create.body, fixture: fixture)

            /// What a job that lost the race and then failed leaves: the older body in NetSuite, the ledger marked.
            func spoil() async throws {
                let entry = try #require(try await ledger.entry(recordType: "order", shopifyID: String(orderID)))
                #expect(try await ledger.record(
                    recordType: "order", shopifyID: String(orderID), netsuiteInternalID: entry.netsuiteInternalID,
                    netsuiteExternalID: entry.netsuiteExternalID, sourceUpdatedAt: entry.sourceUpdatedAt,
                    bodyHash: OrderSynchronizer.unconfirmedBodyHash))
                _ = try await fixture.netsuite.upsert("salesOrder", externalID: externalID, record: olderBody)
                #expect(try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue != newerTotal)
            }

            // The stale job's retry sees the mark and sends Shopify's current version.
            try await spoil()
            let retried = try await fixture.run(create, jobID: 3)
            #expect(describe(retried).contains("raced"), "\(describe(retried))")
            #expect(try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue == newerTotal)
            #expect(try await ledger.entry(recordType: "order", shopifyID: String(orderID))?.bodyHash != OrderSynchronizer.unconfirmedBodyHash)

            // So does the poll, although the ledger's time is Shopify's latest.
            try await spoil()
            let polled = await fixture.reconcile()
            #expect(describe(polled).hasPrefix("done"), "\(describe(polled))")
            #expect(try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue == newerTotal)
            #expect(try await ledger.entry(recordType: "order", shopifyID: String(orderID))?.bodyHash != OrderSynchronizer.unconfirmedBodyHash)
        }
    }

    /// The sales order body the flow maps from a webhook body, with the ids the fixture's NetSuite has.
    private static func mappedBody(_ body: Data, fixture: OrdersWorldFixture) async throws -> JSONValue {
        let payload = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: body)
        let snapshot = try OrderSnapshot(payload: payload, body: body)
        let settings = try OrderMappingSettings(fixture.context.settings)
        let mapper = SalesOrderMapper(settings: settings)
        let ledger = fixture.store.database.ledger
        let itemIDs = try await NetSuiteItemResolver(netsuite: fixture.netsuite, ledger: ledger).itemIDs(forSKUs: mapper.requiredSKUs(of: snapshot))
        let currencyID = try await NetSuiteCurrencyResolver(netsuite: fixture.netsuite, ledger: ledger).currencyID(isoCode: snapshot.shopCurrency)
        let existing = try await fixture.salesOrder(orderID: snapshot.id)
        let input = SalesOrderMappingInput(
            externalID: try ShopifyExternalID.order(shopDomain: fixture.demo.shop.domain, orderID: snapshot.id),
            customerID: try #require(existing["entity"]?["id"]?.stringValue), subsidiaryID: fixture.demo.subsidiaryID,
            currencyID: currencyID, itemIDs: itemIDs)
        return try mapper.map(snapshot, input: input).record.json
    }

    @Test("two jobs of one order running at once on one host end with the newest version")
    func concurrentJobsOfOneOrder() async throws {
        try await OrdersWorldFixture.with { fixture in
            let deliveries = try await fixture.play(orders: 12)
            let creates = try await Self.plainCreates(deliveries, fixture: fixture)
            #expect(creates.count >= 2)
            for (index, create) in creates.prefix(3).enumerated() {
                let orderID = try #require(OrdersWorldFixture.orderID(create))
                let (newer, newerTotal) = try Self.edited(create.body)
                try await fixture.world.shopify.recordEvent(shop: fixture.demo.shop.domain, topic: "orders/updated", payload: newer)
                async let first = fixture.run(create, jobID: Int64(100 + index * 2))
                async let second = fixture.run(OrderWebhookCapture.Delivery(topic: "orders/updated", body: newer), jobID: Int64(101 + index * 2))
                let outcomes = try await [first, second]
                for outcome in outcomes {
                    guard case .done = outcome else {
                        Issue.record("order \(orderID): \(describe(outcome))")
                        continue
                    }
                }
                #expect(try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue == newerTotal, "order \(orderID)")
            }
        }
    }

    @Test("reconcile: a truncated run saves its cursor and the next continues; a NetSuite outage keeps the cursor and the retry finishes")
    func reconcileCursorAcrossTruncationAndFailure() async throws {
        try await OrdersWorldFixture.with(extraSettings: ["reconcile_lookback_hours": "\(24 * 366)"]) { fixture in
            let deliveries = try await fixture.play(orders: 6)
            let created = Set(deliveries.filter { $0.topic == "orders/create" }.compactMap(OrdersWorldFixture.orderID))
            let listed = try await fixture.shopify.allOrdersUpdated(since: Date().addingTimeInterval(-366 * 24 * 3600)).orders
                .sorted { $0.updatedAt < $1.updatedAt }
            #expect(listed.count == created.count)
            let settings = try OrderMappingSettings(fixture.context.settings)
            func reconciler(pageSize: Int, maximumPages: Int) -> OrderReconciler {
                let synchronizer = OrderSynchronizer(context: fixture.context, settings: settings, shopify: fixture.shopify,
                                                     netsuite: fixture.netsuite, locks: RecordSyncLocks())
                var reconciler = OrderReconciler(context: fixture.context, shopify: fixture.shopify, synchronizer: synchronizer)
                reconciler.pageSize = pageSize
                reconciler.maximumPages = maximumPages
                return reconciler
            }
            let ledger = fixture.store.database.ledger

            // One page of two: truncated, the cursor at the second order.
            let truncated = try await reconciler(pageSize: 2, maximumPages: 1).run()
            #expect(describe(truncated).hasPrefix("done: 2 synced, 0 failed"), "\(describe(truncated))")
            #expect(describe(truncated).contains("more orders remain"))
            let afterTruncation = try await ledger.cursor(flow: OrderReconciler.cursorName)
            #expect(afterTruncation == listed[1].updatedAt.formatted(.iso8601))
            #expect(await fixture.salesOrders().count == 2)

            // NetSuite in maintenance: the next order fails as transient, the job asks for a retry
            // and the cursor stays at the last order handled.
            await fixture.world.netsuite.setFaults(account: fixture.demo.netsuiteAccount.id, NetSuiteFaults(maintenance: true))
            let failed = try await reconciler(pageSize: 25, maximumPages: 40).run()
            guard case .retry = failed else {
                Issue.record("expected a retry, got \(describe(failed))")
                return
            }
            #expect(try await ledger.cursor(flow: OrderReconciler.cursorName) == afterTruncation)

            // NetSuite back: the retry syncs the rest once, the first two are already up to date.
            await fixture.world.netsuite.setFaults(account: fixture.demo.netsuiteAccount.id, .none)
            let retried = try await reconciler(pageSize: 25, maximumPages: 40).run()
            #expect(describe(retried).hasPrefix("done: \(created.count - 2) synced, 0 failed"), "\(describe(retried))")
            #expect(!describe(retried).contains("more orders remain"))
            #expect(try await ledger.cursor(flow: OrderReconciler.cursorName) == listed.last?.updatedAt.formatted(.iso8601))
            #expect(await fixture.salesOrders().count == created.count)
            for orderID in created {
                let expected = try #require(await fixture.demo.simulator.expectedTotals(orderID: orderID))
                let total = try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue
                #expect(total == expected.totalPrice.shop - expected.giftCard.shop, "order \(expected.name)")
            }
        }
    }
}

extension OrderRaceAndReconcileTests {
    @Test("reconcile looks back before its cursor: an order Shopify lists late, with an earlier updatedAt, is still synced")
    func reconcileOverlapFindsOrdersListedLate() async throws {
        for overlapMinutes in ["10", "0"] {
            try await OrdersWorldFixture.with(extraSettings: ["reconcile_lookback_hours": "\(24 * 366)",
                                                              "reconcile_overlap_minutes": overlapMinutes]) { fixture in
                let deliveries = try await fixture.play(orders: 3)
                let settings = try OrderMappingSettings(fixture.context.settings)
                let synchronizer = OrderSynchronizer(context: fixture.context, settings: settings, shopify: fixture.shopify,
                                                     netsuite: fixture.netsuite, locks: RecordSyncLocks())
                let reconciler = OrderReconciler(context: fixture.context, shopify: fixture.shopify, synchronizer: synchronizer)
                _ = try await reconciler.run()
                let cursorText = try #require(try await fixture.store.database.ledger.cursor(flow: OrderReconciler.cursorName))
                let cursor = try Date(cursorText, strategy: .iso8601)

                // A copy of a card-paid order under a new id, dated two minutes before the cursor,
                // shows up in Shopify only now.
                let template = try #require(deliveries.first { delivery in
                    delivery.topic == "orders/create"
                        && !(((try? JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])?["payment_gateway_names"] as? [String]) ?? [])
                            .contains("gift_card")
                })
                var order = try #require(try JSONSerialization.jsonObject(with: template.body) as? [String: Any])
                let lateID: Int64 = 7_700_001
                order["id"] = lateID
                order["name"] = "#7701"
                order["order_number"] = 7701
                let earlier = cursor.addingTimeInterval(-120).formatted(.iso8601)
                order["updated_at"] = earlier
                order["created_at"] = earlier
                order["processed_at"] = earlier
                let body = try JSONSerialization.data(withJSONObject: order)
                try await fixture.world.shopify.recordEvent(shop: fixture.demo.shop.domain, topic: "orders/create", payload: body)

                let outcome = try await reconciler.run()
                let found = await fixture.salesOrders().contains {
                    $0["externalId"]?.stringValue == "shopify-\(fixture.demo.tenantID)-order-\(lateID)"
                }
                if overlapMinutes == "0" {
                    #expect(!found, "without the overlap the late order is missed (the case the overlap exists for)")
                } else {
                    #expect(found, "\(describe(outcome))")
                    // The cursor never moved back.
                    #expect(try await fixture.store.database.ledger.cursor(flow: OrderReconciler.cursorName) == cursorText)
                }
            }
        }
    }
}

/// The interleaved job did not finish as it should.
private struct InterludeFailed: Error {
    let outcome: String
}
