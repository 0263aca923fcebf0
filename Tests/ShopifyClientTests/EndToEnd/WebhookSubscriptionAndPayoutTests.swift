import Foundation
import PluginKit
import Shopify
import ShopifySandbox
import Testing

@Suite("End to end: webhook subscriptions and payouts")
struct WebhookSubscriptionAndPayoutTests {
    @Test func createsListsAndDeletesSubscriptions() async throws {
        try await withSandboxShop { shop in
            let client = shop.client()
            let created = try await client.createWebhookSubscription(topic: "ORDERS_CREATE", uri: "https://hooks.example.com/shopify")
            #expect(created.topic == "ORDERS_CREATE")
            #expect(created.uri == "https://hooks.example.com/shopify")
            #expect(created.format == "JSON")
            #expect(try await client.webhookSubscriptions().map(\.id) == [created.id])

            #expect(try await client.deleteWebhookSubscription(id: created.id) == created.id)
            #expect(try await client.webhookSubscriptions().isEmpty)
        }
    }

    @Test func aTopicOutsideTheEnumIsPermanent() async throws {
        try await withSandboxShop { shop in
            // Compliance topics are configured in the app, not subscribed to.
            let error = try await #require(throws: ShopifyError.self) {
                try await shop.client().createWebhookSubscription(topic: "CUSTOMERS_REDACT", uri: "https://hooks.example.com/shopify")
            }
            #expect(error.failureClass == .permanent)
        }
    }

    @Test func readsAPayoutAndItsBalanceTransactions() async throws {
        try await withSandboxShop { shop in
            try await shop.sandbox.recordPayout(
                shop: shop.domain,
                payout: SandboxPayout(id: 623721858, status: "paid", date: "2026-01-10", currency: "USD", amount: "41.90",
                                      chargesGrossAmount: "50.00", chargesFeeAmount: "1.75", refundsGrossAmount: "-6.00",
                                      refundsFeeAmount: "-0.35", adjustmentsGrossAmount: "0.00", adjustmentsFeeAmount: "0.00"),
                transactions: [
                    SandboxBalanceTransaction(id: 1, type: "charge", payoutID: 623721858, currency: "USD", amount: "30.00",
                                              fee: "1.05", net: "28.95", sourceType: "charge", processedAt: "2026-01-09T10:00:00Z"),
                    SandboxBalanceTransaction(id: 2, type: "charge", payoutID: 623721858, currency: "USD", amount: "20.00",
                                              fee: "0.70", net: "19.30", sourceType: "charge", processedAt: "2026-01-09T11:00:00Z"),
                    SandboxBalanceTransaction(id: 3, type: "refund", payoutID: 623721858, currency: "USD", amount: "-6.00",
                                              fee: "-0.35", net: "-6.35", sourceType: "refund", processedAt: "2026-01-09T12:00:00Z"),
                ])
            let client = shop.client()
            let page = try #require(try await client.payouts())
            let payout = try #require(page.nodes.first)
            #expect(payout.legacyResourceId == "623721858")
            #expect(payout.status == "PAID")
            #expect(payout.net == (try Money("41.90", currency: "USD")))
            #expect(payout.summary.chargesFee == (try Money("1.75", currency: "USD")))

            let transactions = try await client.balanceTransactions(payoutLegacyID: payout.legacyResourceId)
            #expect(transactions.count == 3)
            let net = try transactions.map(\.net).reduce(Money.zero("USD")) { try $0 + $1 }
            #expect(net == payout.net)
        }
    }
}
