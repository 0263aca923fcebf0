import Foundation
import Logging
import PluginKit
import Shopify
import ShopifySandbox
import ShopifySimulator
import Testing

/// `ShopifyAdminClient.order(id:)` and `giftCardPayments(orderID:)` against orders the store
/// simulator placed in the Shopify sandbox, checked against the simulator's own totals.
@Suite struct ShopifyOrderDetailSandboxTests {
    @Test func readsSimulatedOrdersBackToTheCent() async throws {
        let sandbox = ShopifySandbox()
        try await sandbox.start()
        do {
            let credentials = try await sandbox.createShop(domain: "acme-outdoor.myshopify.com", plan: .plus, currency: "USD")
            var configuration = SimulatorConfiguration(seed: 7)
            configuration.presentmentCurrencyShare = 0.5
            configuration.giftCardShare = 0.5
            configuration.followUps = FollowUpProbabilities(update: 0, cancel: 0, partialRefund: 0, fulfillment: 0)
            let simulator = StoreSimulator(sandbox: sandbox, shop: credentials.domain, configuration: configuration,
                                           logger: Logger(label: "test.simulator", factory: { _ in SwiftLogNoOpLogHandler() }))
            _ = try await simulator.seedCatalog()
            let summary = try await simulator.run(orders: 12, ratePerSecond: 200)
            #expect(summary.ordersCreated.count == 12)

            let client = ShopifyAdminClient(
                connection: ShopifyConnection(shopDomain: credentials.domain, adminBaseURL: credentials.adminBaseURL,
                                              accessToken: Secret(credentials.accessToken)),
                configuration: .init(requestTimeout: .seconds(10)),
                logger: Logger(label: "test.shopify", factory: { _ in SwiftLogNoOpLogHandler() }))

            var sawGiftCard = false
            for orderID in summary.ordersCreated {
                let expected = try #require(await simulator.expectedTotals(orderID: orderID))
                let order = try #require(try await client.order(id: orderID))
                #expect(order.legacyResourceId == String(orderID))
                #expect(order.name == expected.name)
                #expect(order.currencyCode == expected.shopCurrency)
                #expect(order.presentmentCurrencyCode == expected.presentmentCurrency)
                #expect(order.taxesIncluded == expected.taxesIncluded)
                #expect(order.totalPriceSet.shopMoney.amount == expected.totalPrice.shop)
                #expect(order.totalPriceSet.presentmentMoney.amount == expected.totalPrice.presentment)
                #expect(order.subtotalPriceSet?.shopMoney.amount == expected.subtotalPrice.shop)
                #expect(!order.lineItems.isEmpty)

                // The lines after their discounts add up to the subtotal, in both currencies.
                let lines = order.lineItems.reduce(Decimal(0)) { sum, line in
                    sum + line.originalUnitPriceSet.shopMoney.amount * Decimal(line.quantity)
                        - line.discountAllocations.reduce(0) { $0 + $1.allocatedAmountSet.shopMoney.amount }
                }
                #expect(lines == expected.subtotalPrice.shop, "order \(orderID)")

                // Lines, shipping after its discounts and tax make the total (tax-exclusive orders).
                if !order.taxesIncluded {
                    let shipping = order.shippingLines.reduce(Decimal(0)) { sum, line in
                        sum + line.originalPriceSet.shopMoney.amount
                            - line.discountAllocations.reduce(0) { $0 + $1.allocatedAmountSet.shopMoney.amount }
                    }
                    let tax = (order.lineItems.flatMap(\.taxLines) + order.shippingLines.flatMap(\.taxLines))
                        .reduce(Decimal(0)) { $0 + $1.priceSet.shopMoney.amount }
                    #expect(lines + shipping + tax == expected.totalPrice.shop, "order \(orderID)")
                }

                // Gift-card redemptions, from the full order and from the small query.
                #expect(order.paymentGatewayNames.contains("gift_card") == (expected.giftCard.shop > 0))
                let giftCards = try #require(try await client.giftCardPayments(orderID: orderID))
                #expect(giftCards == order.giftCardPayments)
                #expect(giftCards.shopAmount == Money(amount: expected.giftCard.shop, currencyCode: expected.shopCurrency))
                #expect(giftCards.presentmentAmount == Money(amount: expected.giftCard.presentment, currencyCode: expected.presentmentCurrency))
                sawGiftCard = sawGiftCard || expected.giftCard.shop > 0
            }
            #expect(sawGiftCard, "the seed must produce at least one gift-card order")

            #expect(try await client.order(id: 999_999_999) == nil)
            #expect(try await client.giftCardPayments(orderID: 999_999_999) == nil)
            await sandbox.stop()
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// A REST order of `lines` line items at 1.00 and `shipping` shipping lines at 2.00, paid
    /// 5.00 by gift card and the rest by card.
    private static func longOrder(id: Int64, lines: Int, shipping: Int) -> Data {
        func bag(_ amount: String) -> String {
            #"{"shop_money": {"amount": "\#(amount)", "currency_code": "USD"}, "presentment_money": {"amount": "\#(amount)", "currency_code": "USD"}}"#
        }
        let lineItems = (0..<lines).map { index in
            #"{"id": \#(id * 1000 + Int64(index)), "sku": "SKU-\#(index)", "title": "Item \#(index)", "quantity": 1, "price": "1.00", "price_set": \#(bag("1.00")), "requires_shipping": true, "tax_lines": [], "discount_allocations": []}"#
        }.joined(separator: ",")
        let shippingLines = (0..<shipping).map { index in
            #"{"id": \#(id * 100 + Int64(index)), "title": "Rate \#(index)", "code": "R\#(index)", "price": "2.00", "price_set": \#(bag("2.00")), "discounted_price": "2.00", "discounted_price_set": \#(bag("2.00")), "tax_lines": [], "discount_allocations": []}"#
        }.joined(separator: ",")
        let total = "\(lines + 2 * shipping).00"
        return Data(#"""
            {"id": \#(id), "admin_graphql_api_id": "gid://shopify/Order/\#(id)", "name": "#9001", "order_number": 9001,
             "email": "long@example.com", "currency": "USD", "presentment_currency": "USD",
             "total_price": "\#(total)", "subtotal_price": "\#(lines).00", "total_tax": "0.00", "total_discounts": "0.00",
             "total_price_set": \#(bag(total)), "subtotal_price_set": \#(bag("\(lines).00")), "total_tax_set": \#(bag("0.00")),
             "total_discounts_set": \#(bag("0.00")), "taxes_included": false, "financial_status": "paid", "fulfillment_status": null,
             "line_items": [\#(lineItems)], "shipping_lines": [\#(shippingLines)], "tax_lines": [], "discount_codes": [],
             "payment_gateway_names": ["gift_card", "shopify_payments"],
             "created_at": "2026-01-05T10:00:00Z", "processed_at": "2026-01-05T10:00:00Z", "updated_at": "2026-01-05T10:00:00Z", "cancelled_at": null}
            """#.utf8)
    }

    private static func transaction(id: Int64, orderID: Int64, kind: String, status: String, gateway: String, amount: String) -> Data {
        Data(#"""
            {"id": \#(id), "order_id": \#(orderID), "kind": "\#(kind)", "status": "\#(status)", "gateway": "\#(gateway)",
             "amount": "\#(amount)", "currency": "USD", "test": false, "created_at": "2026-01-05T10:00:00Z", "processed_at": "2026-01-05T10:00:00Z"}
            """#.utf8)
    }

    @Test func readsEveryPageOfALongOrder() async throws {
        let sandbox = ShopifySandbox()
        try await sandbox.start()
        do {
            let credentials = try await sandbox.createShop(domain: "acme-outdoor.myshopify.com", plan: .plus, currency: "USD")
            let orderID: Int64 = 7_700_001
            try await sandbox.recordEvent(shop: credentials.domain, topic: "orders/create", payload: Self.longOrder(id: orderID, lines: 123, shipping: 7))
            let payments = [
                (kind: "sale", status: "success", gateway: "gift_card", amount: "5.00"),
                (kind: "sale", status: "failure", gateway: "gift_card", amount: "9.00"),
                (kind: "authorization", status: "success", gateway: "shopify_payments", amount: "132.00"),
                (kind: "capture", status: "success", gateway: "shopify_payments", amount: "132.00"),
            ]
            for (index, payment) in payments.enumerated() {
                try await sandbox.recordEvent(shop: credentials.domain, topic: "order_transactions/create", payload: Self.transaction(
                    id: 88_000 + Int64(index), orderID: orderID, kind: payment.kind, status: payment.status, gateway: payment.gateway, amount: payment.amount))
            }
            let client = ShopifyAdminClient(
                connection: ShopifyConnection(shopDomain: credentials.domain, adminBaseURL: credentials.adminBaseURL,
                                              accessToken: Secret(credentials.accessToken)),
                configuration: .init(requestTimeout: .seconds(10)),
                logger: Logger(label: "test.shopify", factory: { _ in SwiftLogNoOpLogHandler() }))

            let order = try #require(try await client.order(id: orderID))
            #expect(order.lineItems.count == 123)
            #expect(Set(order.lineItems.compactMap(\.sku)).count == 123)
            #expect(order.shippingLines.count == 7)
            #expect(order.shippingLines.map(\.title) == (0..<7).map { "Rate \($0)" })
            #expect(order.totalPriceSet.shopMoney.amount == 137)
            #expect(order.transactions.count == 4)
            #expect(order.giftCardPayments.shopAmount == Money(amount: 5, currencyCode: "USD"))
            #expect(order.giftCardPayments.transactionCount == 1)
            #expect(try await client.giftCardPayments(orderID: orderID) == order.giftCardPayments)

            // The reconciliation poll is inclusive: an order changed in the cursor's own second is found.
            let since = Date(timeIntervalSince1970: 1_767_607_200) // 2026-01-05T10:00:00Z, the order's updated_at
            #expect(try await client.ordersUpdated(since: since).nodes.map(\.legacyResourceId) == [String(orderID)])
            #expect(try await client.ordersUpdated(since: since.addingTimeInterval(1)).nodes.isEmpty)
            await sandbox.stop()
        } catch {
            await sandbox.stop()
            throw error
        }
    }
}
