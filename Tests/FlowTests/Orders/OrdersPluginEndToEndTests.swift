import Foundation
import NetSuite
import Orders
import PluginKit
import RecordMapping
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import TenantStore
import Testing

/// The orders plugin against the demo world over loopback: simulated store traffic, the
/// webhooks Shopify sends for it, a real tenant database, and NetSuite's own totals.
@Suite("Orders plugin end to end", .serialized)
struct OrdersPluginEndToEndTests {
    private func note(_ outcome: JobOutcome) -> String? {
        if case .done(let note) = outcome { return note }
        return nil
    }

    /// A JSON object from a body.
    private static func object(_ body: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    /// A Shopify money string as a decimal.
    private static func amount(_ value: Any?) throws -> Decimal {
        let text = try #require(value as? String)
        return try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
    }

    private func describe(_ outcome: JobOutcome) -> String {
        switch outcome {
        case .done(let note): "done: \(note ?? "")"
        case .retry(let error): "retry: \(error)"
        case .dead(let code, let reason): "dead \(code): \(reason)"
        }
    }

    @Test("webhooks of many simulated orders give sales orders whose NetSuite total is Shopify's less the gift card; replays change nothing")
    func webhooksSyncToTheCent() async throws {
        try await OrdersWorldFixture.with { fixture in
            let deliveries = try await fixture.play(orders: 40)
            var notes: [Int64: [String]] = [:]
            for (index, delivery) in deliveries.enumerated() {
                let outcome = try await fixture.run(delivery, jobID: Int64(index + 1))
                let orderID = try #require(OrdersWorldFixture.orderID(delivery))
                guard let text = note(outcome) else {
                    Issue.record("\(delivery.topic) of order \(orderID): \(describe(outcome))")
                    continue
                }
                notes[orderID, default: []].append(text)
            }

            let created = Set(deliveries.filter { $0.topic == "orders/create" }.compactMap(OrdersWorldFixture.orderID))
            #expect(created.count == 40)
            var giftCards = 0, taxInclusive = 0, closed = 0
            var internalIDs: [Int64: String] = [:]
            for orderID in created {
                let totals = await fixture.demo.simulator.expectedTotals(orderID: orderID)
                let expected = try #require(totals)
                let salesOrder = try await fixture.salesOrder(orderID: orderID)
                let total = try #require(salesOrder["total"]?.decimalValue)
                #expect(total == expected.totalPrice.shop - expected.giftCard.shop,
                        "order \(expected.name): NetSuite \(total), Shopify \(expected.totalPrice.shop) less gift card \(expected.giftCard.shop)")
                internalIDs[orderID] = salesOrder["id"]?.stringValue
                if expected.giftCard.shop > 0 { giftCards += 1 }
                if expected.taxesIncluded { taxInclusive += 1 }
                if salesOrder["status"]?["id"]?.stringValue == "H" {
                    closed += 1
                    let wasCancelled = deliveries.contains { $0.topic == "orders/cancelled" && OrdersWorldFixture.orderID($0) == orderID }
                    #expect(wasCancelled, "only cancelled orders are closed")
                }
            }
            #expect(giftCards > 0, "the traffic must include gift-card payments")
            #expect(taxInclusive > 0 && taxInclusive < created.count, "the traffic must mix tax-inclusive and tax-exclusive orders")
            let bundleSKUs = Set(fixture.demo.catalog.bundleComponents.keys)
            let bundleOrders = deliveries.filter { delivery in
                delivery.topic == "orders/create" && OrdersWorldFixture.lineSKUs(delivery).contains { bundleSKUs.contains($0) }
            }.count
            #expect(bundleOrders > 0, "the traffic must include bundles")
            #expect(fixture.demo.shopCurrency == "USD")
            let cancelled = Set(deliveries.filter { $0.topic == "orders/cancelled" }.compactMap(OrdersWorldFixture.orderID))
            for orderID in cancelled where !(notes[orderID] ?? []).contains(where: { $0.contains("not closed") }) {
                let status = try await fixture.salesOrder(orderID: orderID)["status"]?["id"]?.stringValue
                #expect(status == "H", "cancelled order \(orderID) must be closed: \(notes[orderID] ?? [])")
            }
            let countBefore = await fixture.salesOrders().count
            #expect(countBefore == created.count)

            // Replaying every job changes nothing: same records, same ids.
            for (index, delivery) in deliveries.enumerated() {
                let outcome = try await fixture.run(delivery, jobID: Int64(1000 + index))
                let text = note(outcome)
                #expect(text?.hasPrefix("skipped") == true, "replay of \(delivery.topic): \(describe(outcome))")
            }
            #expect(await fixture.salesOrders().count == countBefore)
            for (orderID, internalID) in internalIDs {
                #expect(try await fixture.salesOrder(orderID: orderID)["id"]?.stringValue == internalID)
            }

            // An older orders/updated (here: the create) after a newer one is skipped as stale.
            let updated = deliveries.last { $0.topic == "orders/updated" }
            if let updated, let orderID = OrdersWorldFixture.orderID(updated),
               let create = deliveries.first(where: { $0.topic == "orders/create" && OrdersWorldFixture.orderID($0) == orderID }) {
                let stale = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/updated", body: create.body))
                #expect(note(stale)?.contains("stale") == true || note(stale)?.contains("unchanged") == true, "\(describe(stale))")
            }
            print("orders e2e: \(created.count) orders, \(giftCards) gift cards, \(bundleOrders) with bundles, \(taxInclusive) tax inclusive, \(closed) closed, \(cancelled.count) cancelled")
        }
    }

    @Test("an unknown SKU kills the job naming the SKU; a malformed payload is dead too")
    func unknownSKUAndMalformedPayload() async throws {
        try await OrdersWorldFixture.with { fixture in
            let deliveries = try await fixture.play(orders: 1)
            let create = try #require(deliveries.first { $0.topic == "orders/create" })
            var order = try #require(try JSONSerialization.jsonObject(with: create.body) as? [String: Any])
            order["id"] = 990_000_000_001 as Int64
            order["payment_gateway_names"] = ["shopify_payments"]
            var lines = try #require(order["line_items"] as? [[String: Any]])
            lines[0]["sku"] = "NO-SUCH-SKU-7"
            order["line_items"] = lines
            let body = try JSONSerialization.data(withJSONObject: order)
            let outcome = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/create", body: body))
            guard case .dead(let code, let reason) = outcome else {
                Issue.record("expected dead, got \(describe(outcome))")
                return
            }
            #expect(code == "unknown_sku")
            #expect(reason.contains("NO-SUCH-SKU-7"))

            let malformed = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/create", body: Data(#"{"id": "x"}"#.utf8)))
            guard case .dead(let malformedCode, _) = malformed else {
                Issue.record("expected dead, got \(describe(malformed))")
                return
            }
            #expect(malformedCode == "malformed_payload")
        }
    }

    @Test("an edit applies while the sales order is open and unfulfilled; later edits of a fulfilled or partly refunded order are skipped with the reason")
    func editsAndTheirLimits() async throws {
        try await OrdersWorldFixture.with { fixture in
            let deliveries = try await fixture.play(orders: 8)
            let create = try #require(deliveries.first { delivery in
                delivery.topic == "orders/create"
                    && !(((try? Self.object(delivery.body))?["payment_gateway_names"] as? [String]) ?? []).contains("gift_card")
                    && deliveries.filter { OrdersWorldFixture.orderID($0) == OrdersWorldFixture.orderID(delivery) }.count == 1
            }, "an order without follow-ups or gift card")
            #expect(note(try await fixture.run(create))?.contains("created") == true)
            let orderID = try #require(OrdersWorldFixture.orderID(create))
            let original = try await fixture.salesOrder(orderID: orderID)

            // One more unit of the first line: Shopify's total grows by its unit price in both currencies.
            var order = try Self.object(create.body)
            var lines = try #require(order["line_items"] as? [[String: Any]])
            let unit = try Self.amount(lines[0]["price"])
            let unitPresentment = try Self.amount((lines[0]["price_set"] as? [String: [String: Any]])?["presentment_money"]?["amount"])
            lines[0]["quantity"] = (lines[0]["quantity"] as? Int ?? 1) + 1
            order["line_items"] = lines
            let total = try Self.amount(order["total_price"]) + unit
            var totalSet = try #require(order["total_price_set"] as? [String: [String: Any]])
            let totalPresentment = try Self.amount(totalSet["presentment_money"]?["amount"]) + unitPresentment
            order["total_price"] = "\(total)"
            totalSet["shop_money"]?["amount"] = "\(total)"
            totalSet["presentment_money"]?["amount"] = "\(totalPresentment)"
            order["total_price_set"] = totalSet
            order["updated_at"] = "2027-01-01T10:00:00Z"
            let edited = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/updated", body: try JSONSerialization.data(withJSONObject: order)))
            #expect(note(edited)?.contains("updated") == true, "\(describe(edited))")
            let afterEdit = try await fixture.salesOrder(orderID: orderID)
            #expect(afterEdit["id"] == original["id"])
            #expect(afterEdit["total"]?.decimalValue == total)

            order["fulfillment_status"] = "fulfilled"
            order["line_items"] = lines.map { line in
                var line = line
                line["quantity"] = 1
                return line
            }
            order["updated_at"] = "2027-01-01T11:00:00Z"
            let fulfilledEdit = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/updated", body: try JSONSerialization.data(withJSONObject: order)))
            #expect(note(fulfilledEdit)?.contains("edit not applied: the order is fulfilled") == true, "\(describe(fulfilledEdit))")
            #expect(try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue == total)

            order["fulfillment_status"] = NSNull()
            order["financial_status"] = "partially_refunded"
            order["cancelled_at"] = "2027-01-01T12:00:00Z"
            order["updated_at"] = "2027-01-01T12:00:00Z"
            let cancelled = try await fixture.run(OrderWebhookCapture.Delivery(topic: "orders/cancelled", body: try JSONSerialization.data(withJSONObject: order)))
            #expect(note(cancelled)?.contains("not closed: the order was partly refunded") == true, "\(describe(cancelled))")
            #expect(try await fixture.salesOrder(orderID: orderID)["status"]?["id"]?.stringValue != "H")
        }
    }

    @Test("reconcile finds orders whose webhooks were never processed and syncs them once")
    func reconcileCatchesDroppedWebhooks() async throws {
        // The simulated traffic is dated from the simulator's start date, months back: the first
        // poll must look back that far.
        try await OrdersWorldFixture.with(extraSettings: ["reconcile_lookback_hours": "\(24 * 366)"]) { fixture in
            let deliveries = try await fixture.play(orders: 6)
            let created = Set(deliveries.filter { $0.topic == "orders/create" }.compactMap(OrdersWorldFixture.orderID))
            // One more order in the shop whose SKU NetSuite lacks: it fails alone, the others sync.
            let template = try #require(deliveries.first { $0.topic == "orders/create" })
            var broken = try Self.object(template.body)
            broken["id"] = 990_000_000_002 as Int64
            broken["name"] = "#9002"
            broken["payment_gateway_names"] = ["shopify_payments"]
            var lines = try #require(broken["line_items"] as? [[String: Any]])
            lines[0]["sku"] = "NO-SUCH-SKU-9"
            broken["line_items"] = lines
            try await fixture.world.shopify.recordEvent(shop: fixture.demo.shop.domain, topic: "orders/create",
                                                        payload: try JSONSerialization.data(withJSONObject: broken))

            let outcome = await fixture.reconcile()
            let text = try #require(note(outcome), "\(describe(outcome))")
            #expect(text.hasPrefix("\(created.count) synced, 1 failed: #9002 unknown_sku"), "\(text)")
            #expect(text.contains("NO-SUCH-SKU-9"))
            for orderID in created {
                let totals = await fixture.demo.simulator.expectedTotals(orderID: orderID)
                let expected = try #require(totals)
                let total = try await fixture.salesOrder(orderID: orderID)["total"]?.decimalValue
                #expect(total == expected.totalPrice.shop - expected.giftCard.shop, "order \(expected.name)")
            }
            #expect(try await fixture.store.database.ledger.cursor(flow: "orders") != nil)
            let again = await fixture.reconcile()
            // The cursor moved past every order handled, the failed one included: nothing is left to do.
            #expect(note(again)?.hasPrefix("0 synced, 0 failed") == true, "\(describe(again))")
            #expect(await fixture.salesOrders().count == created.count)
        }
    }
}
