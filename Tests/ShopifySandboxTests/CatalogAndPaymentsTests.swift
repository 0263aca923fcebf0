import Foundation
import ShopifySandbox
import Testing

@Suite("Catalog, payouts and emitted events")
struct CatalogAndPaymentsTests {
    @Test func skuLookupsAndProductSet() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Main")
            let product = try await harness.sandbox.addProduct(shop: domain, title: "Tee", variants: [
                SandboxVariantSeed(sku: "TEE-S", price: "12.00", inventory: [location.id: 4]),
                SandboxVariantSeed(sku: "TEE-M", price: "12.00", compareAtPrice: "15.00", inventory: [location.id: 6]),
            ])
            let variants = try await harness.graphQL(#"{ productVariants(first: 5, query: "sku:TEE-M") { nodes { id sku compareAtPrice product { title } } } }"#)
            #expect(value(variants, "data", "productVariants", "nodes", "0", "id") as? String == product.variants[1].gid)
            #expect(value(variants, "data", "productVariants", "nodes", "0", "compareAtPrice") as? String == "15.00")
            #expect((value(variants, "data", "productVariants", "nodes") as? [Any])?.count == 1)
            let either = try await harness.graphQL(#"{ inventoryItems(first: 5, query: "sku:TEE-S OR sku:\"TEE-M\" OR sku:NONE") { nodes { sku } } }"#)
            #expect(Set((value(either, "data", "inventoryItems", "nodes") as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }) == ["TEE-S", "TEE-M"])
            let negated = try await harness.graphQL(#"{ productVariants(first: 5, query: "-sku:TEE-S") { nodes { sku } } }"#)
            #expect(value(negated, "data", "productVariants", "nodes", "0", "sku") as? String == "TEE-M")

            let items = try await harness.graphQL("""
                { inventoryItems(first: 5, query: "sku:TEE-S") { nodes { id sku
                    inventoryLevel(locationId: "\(location.gid)") { quantities(names: ["available", "on_hand"]) { name quantity } } } } }
                """)
            #expect(value(items, "data", "inventoryItems", "nodes", "0", "id") as? String == product.variants[0].inventoryItemGID)
            #expect(value(items, "data", "inventoryItems", "nodes", "0", "inventoryLevel", "quantities", "0", "quantity") as? Int == 4)

            let created = try await harness.graphQL(
                """
                mutation($input: ProductSetInput!) {
                  productSet(input: $input) { product { id title variants(first: 5) { nodes { sku price } } } userErrors { field message } }
                }
                """,
                variables: ["input": ["title": "Cap", "status": "ACTIVE", "variants": [
                    ["sku": "CAP-1", "price": "8.00", "optionValues": [["optionName": "Title", "name": "Default Title"]],
                     "inventoryQuantities": [["locationId": location.gid, "name": "available", "quantity": 3]]],
                ]]])
            #expect(value(created, "data", "productSet", "product", "variants", "nodes", "0", "price") as? String == "8.00")
            #expect(try await harness.sandbox.products(shop: domain).map(\.title) == ["Tee", "Cap"])
        }
    }

    @Test func payoutsAndBalanceTransactions() async throws {
        try await withSandbox { harness in
            let domain = harness.shop.domain
            try await harness.sandbox.recordPayout(
                shop: domain,
                payout: SandboxPayout(id: 77, status: "paid", date: "2026-01-05", currency: "USD", amount: "95.80",
                    chargesGrossAmount: "100.00", chargesFeeAmount: "4.20"),
                transactions: [SandboxBalanceTransaction(id: 501, type: "charge", payoutID: 77, currency: "USD", amount: "100.00",
                    fee: "4.20", net: "95.80", sourceType: "charge", sourceOrderID: 12, processedAt: "2026-01-04T10:00:00Z")])
            let answer = try await harness.graphQL("""
                { shopifyPaymentsAccount {
                    payouts(first: 5) { nodes { id legacyResourceId status net { amount currencyCode } summary { chargesFee { amount } } } }
                    balanceTransactions(first: 5, query: "payments_transfer_id:77") { nodes { type amount { amount } fee { amount } net { amount }
                      associatedPayout { id status } associatedOrder { id } } } } }
                """)
            #expect(value(answer, "data", "shopifyPaymentsAccount", "payouts", "nodes", "0", "status") as? String == "PAID", "\(answer)")
            #expect(value(answer, "data", "shopifyPaymentsAccount", "payouts", "nodes", "0", "net", "amount") as? String == "95.80")
            #expect(value(answer, "data", "shopifyPaymentsAccount", "payouts", "nodes", "0", "summary", "chargesFee", "amount") as? String == "4.20")
            let transaction = value(answer, "data", "shopifyPaymentsAccount", "balanceTransactions", "nodes", "0")
            #expect(value(transaction, "type") as? String == "CHARGE")
            #expect(value(transaction, "net", "amount") as? String == "95.80")
            #expect(value(transaction, "associatedPayout", "id") as? String == "gid://shopify/ShopifyPaymentsPayout/77")
            #expect(value(transaction, "associatedOrder", "id") as? String == "gid://shopify/Order/12")
        }
    }

    @Test func droppedAndLateFaults() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox(configuration: .init(timeScale: 1000, webhookFaults: WebhookFaults(dropped: 1))) { harness in
            try await WebhookDeliveryTests.subscribe(harness, topic: "ORDERS_CREATE", to: receiver.url)
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 1, updatedAt: "2026-01-01T00:00:00Z"))
            try await Task.sleep(for: .milliseconds(200))
            #expect(receiver.deliveries.isEmpty)
            #expect(await harness.sandbox.deliveries(shop: harness.shop.domain).map(\.state) == [.dropped])
        }
        // 300 sandbox seconds late at 1000x: about 0.3 s.
        try await withSandbox(configuration: .init(timeScale: 1000, webhookFaults: WebhookFaults(late: 1, lateDelay: 300))) { harness in
            try await WebhookDeliveryTests.subscribe(harness, topic: "ORDERS_CREATE", to: receiver.url)
            let sent = ContinuousClock.now
            try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: 2, updatedAt: "2026-01-01T00:00:00Z"))
            #expect(await receiver.waitFor(1).count == 1)
            #expect(ContinuousClock.now - sent >= .milliseconds(250))
        }
        await receiver.stop()
    }

    @Test func outOfOrderFaultDeliversTheHeldEventAfterTheNextOne() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        // With seed 5 the generator holds back the first event and not the second.
        let faults = WebhookFaults(outOfOrder: 0.5, seed: 5)
        try await withSandbox(configuration: .init(webhookFaults: faults)) { harness in
            try await WebhookDeliveryTests.subscribe(harness, topic: "ORDERS_UPDATED", to: receiver.url)
            let first = try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/updated", payload: restOrder(id: 1, updatedAt: "2026-01-01T00:00:00Z"))
            let second = try await harness.sandbox.recordEvent(
                shop: harness.shop.domain, topic: "orders/updated", payload: restOrder(id: 1, updatedAt: "2026-01-02T00:00:00Z"))
            let delivered = await receiver.waitFor(2)
            #expect(delivered.compactMap { $0.headers["x-shopify-event-id"] } == [second.eventID, first.eventID])
        }
        await receiver.stop()
    }

    @Test func fulfillmentCreateIsEchoedAsAWebhook() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withSandbox { harness in
            let domain = harness.shop.domain
            let location = try await harness.sandbox.addLocation(shop: domain, name: "Main")
            let product = try await harness.sandbox.addProduct(
                shop: domain, title: "Lamp", variants: [SandboxVariantSeed(sku: "LAMP", price: "30.00", inventory: [location.id: 5])])
            try await WebhookDeliveryTests.subscribe(harness, topic: "FULFILLMENTS_CREATE", to: receiver.url)
            try await harness.sandbox.recordEvent(shop: domain, topic: "orders/create", payload: restOrder(
                id: 8, updatedAt: "2026-01-01T00:00:00Z", lines: [(id: 1, variantID: product.variants[0].id, sku: "LAMP", quantity: 1)]))
            let orders = try await harness.graphQL(#"{ fulfillmentOrders(first: 5) { nodes { id } } }"#)
            let fulfillmentOrderID = try #require(value(orders, "data", "fulfillmentOrders", "nodes", "0", "id") as? String)
            _ = try await harness.graphQL(
                "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }",
                variables: ["f": ["lineItemsByFulfillmentOrder": [["fulfillmentOrderId": fulfillmentOrderID]],
                    "trackingInfo": ["company": "DHL", "number": "JD01"]]])
            let delivery = try #require(await receiver.waitFor(1).first)
            #expect(delivery.headers["x-shopify-topic"] == "fulfillments/create")
            let document = try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any]
            #expect(document?["order_id"] as? Int == 8)
            #expect(document?["tracking_numbers"] as? [String] == ["JD01"])
        }
        await receiver.stop()
    }
}
