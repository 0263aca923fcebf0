import Foundation
import NetSuite
import Orders
import PluginKit
import RecordMapping
import SandboxWorld
import Shopify
import ShopifySandbox
import Testing

/// The reconciliation poll builds its snapshot from the Admin GraphQL order, the webhooks from
/// the REST payload: for the same version of the same order both must give the same sales order.
@Suite("Orders: poll and webhook map alike", .serialized)
struct OrderPollParityTests {
    /// The sales order mapped from `snapshot` with ids made up from the SKUs (the same for both paths).
    private static func map(_ snapshot: OrderSnapshot, settings: OrderMappingSettings, skus: [String]) throws -> MappedSalesOrder {
        let itemIDs = Dictionary(skus.map { ($0, "item-\($0)") }, uniquingKeysWith: { first, _ in first })
        // Distinct list prices, so a proportional bundle split depends on the components.
        let basePrices = Dictionary(skus.enumerated().map { ("item-\($1)", Decimal($0 + 3)) }, uniquingKeysWith: { first, _ in first })
        let input = SalesOrderMappingInput(externalID: try ShopifyExternalID.order(shopDomain: "parity.myshopify.com", orderID: snapshot.id),
                                           customerID: "42", subsidiaryID: "3", currencyID: "1", itemIDs: itemIDs, basePrices: basePrices)
        return try SalesOrderMapper(settings: settings).map(snapshot, input: input)
    }

    @Test("simulated orders, and one selling a gift card, map to the same sales order from the GraphQL order as from the webhook, memo included")
    func pollMatchesWebhook() async throws {
        try await OrdersWorldFixture.with { fixture in
            let deliveries = try await fixture.play(orders: 24)
            // Orders whose only event is their creation: Shopify's current version is the webhook's.
            var bodies: [Data] = deliveries.filter { delivery in
                delivery.topic == "orders/create"
                    && deliveries.filter { OrdersWorldFixture.orderID($0) == OrdersWorldFixture.orderID(delivery) }.count == 1
            }.map(\.body)
            #expect(bodies.count >= 5, "the traffic must leave orders without follow-ups")

            // One order that sells a gift card (the simulator sells none) and carries a code.
            let template = try #require(bodies.first)
            var sold = try #require(try JSONSerialization.jsonObject(with: template) as? [String: Any])
            sold["id"] = 990_000_000_101 as Int64
            sold["name"] = "#9101"
            var lines = try #require(sold["line_items"] as? [[String: Any]])
            lines[0]["gift_card"] = true
            sold["line_items"] = lines
            if ((sold["discount_codes"] as? [Any]) ?? []).isEmpty, let allocations = lines.first?["discount_allocations"] as? [Any], !allocations.isEmpty {
                sold["discount_codes"] = [["code": "PARITY5", "amount": "0.00", "type": "fixed_amount"]]
            }
            let soldBody = try JSONSerialization.data(withJSONObject: sold)
            try await fixture.world.shopify.recordEvent(shop: fixture.demo.shop.domain, topic: "orders/create", payload: soldBody)
            bodies.append(soldBody)

            let settings = try OrderMappingSettings(fixture.context.settings)
            var withCodes = 0, withGiftCardLines = 0, unfulfilled = 0
            for body in bodies {
                let payload = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: body)
                var fromWebhook = try OrderSnapshot(payload: payload, body: body)
                let detail = try #require(try await fixture.shopify.order(id: fromWebhook.id), "order \(fromWebhook.name) in Shopify")
                let fromPoll = try OrderSnapshot(detail: detail)
                // The webhook path learns the gift-card amount from the same transactions, as the synchronizer does.
                if fromWebhook.usedGiftCard, let payments = try await fixture.shopify.giftCardPayments(orderID: fromWebhook.id) {
                    fromWebhook.giftCardAmount = OrderAmount(shop: payments.shopAmount.amount, presentment: payments.presentmentAmount.amount)
                }
                #expect(fromPoll.discountCodes == fromWebhook.discountCodes, "order \(fromWebhook.name)")
                #expect(fromPoll.lines.map(\.isGiftCard) == fromWebhook.lines.map(\.isGiftCard), "order \(fromWebhook.name)")
                // The sandbox fulfills some orders without sending `orders/updated`: compare the status
                // only where nothing shipped since the webhook.
                if detail.displayFulfillmentStatus == "UNFULFILLED" {
                    unfulfilled += 1
                    #expect(fromPoll.fulfillmentStatus == fromWebhook.fulfillmentStatus, "order \(fromWebhook.name)")
                } else if detail.displayFulfillmentStatus == "FULFILLED" {
                    #expect(fromPoll.fulfillmentStatus == "fulfilled" && fromPoll.isFulfilledAtAll)
                }
                #expect(fromPoll.financialStatus == fromWebhook.financialStatus, "order \(fromWebhook.name)")

                let skus = SalesOrderMapper(settings: settings).requiredSKUs(of: fromWebhook)
                let webhookOrder = try Self.map(fromWebhook, settings: settings, skus: skus)
                let pollOrder = try Self.map(fromPoll, settings: settings, skus: skus)
                #expect(pollOrder.record == webhookOrder.record, "order \(fromWebhook.name)")
                #expect(pollOrder.expectedTotal == webhookOrder.expectedTotal, "order \(fromWebhook.name)")
                if !fromWebhook.discountCodes.isEmpty {
                    withCodes += 1
                    #expect(pollOrder.record.extraFields["memo"]?.stringValue?.contains(fromWebhook.discountCodes[0]) == true)
                }
                if fromWebhook.lines.contains(where: \.isGiftCard) {
                    withGiftCardLines += 1
                    #expect(pollOrder.record.lines.first?.itemID == settings.giftCardItemID, "a gift card sold is booked on the gift-card item")
                }
            }
            #expect(withCodes > 0, "some compared orders must carry discount codes")
            #expect(withGiftCardLines == 1)
            #expect(unfulfilled > 0)
        }
    }
}
