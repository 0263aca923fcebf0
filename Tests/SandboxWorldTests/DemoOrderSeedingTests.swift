import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import Testing

/// What the demo world seeds for the orders flow: money items, guest customers, the bundle map
/// setting, and payments the sandbox serves as `Order.transactions`.
@Suite struct DemoOrderSeedingTests {
    /// Runs `body` on a started demo world and always stops it.
    private func withWorld(_ body: (DemoWorld) async throws -> Void) async throws {
        let world = try await DemoWorld.start()
        do {
            try await body(world)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test func orderItemsAndGuestCustomersAreSeededPerAccountAndSubsidiary() async throws {
        try await withWorld { world in
            let (acme, globex) = (world.tenants[0], world.tenants[1])
            // Items are per account: the two tenants of the shared account book on the same items.
            #expect(acme.orderItems == globex.orderItems)
            for tenant in world.tenants {
                let account = tenant.netsuiteAccount.id
                let sharing = world.tenants.filter { $0.netsuiteAccount.id == account }.map(\.subsidiaryID)
                let discounts = await world.netsuite.records(account: account, type: "discountItem")
                let charges = await world.netsuite.records(account: account, type: "otherChargeItem")
                #expect(discounts.count == 1, "\(account)")
                #expect(charges.count == 3, "\(account)")
                let byID = Dictionary(uniqueKeysWithValues: (discounts + charges).compactMap { record in
                    record["id"]?.stringValue.map { ($0, record) }
                })
                let expected = [
                    (tenant.orderItems.discountItemID, "Shopify Discount"), (tenant.orderItems.taxItemID, "Shopify Tax"),
                    (tenant.orderItems.giftCardItemID, "Shopify Gift Card"), (tenant.orderItems.shippingItemID, "Shopify Shipping"),
                ]
                for (id, name) in expected {
                    let item = try #require(byID[id], "\(tenant.tenantID): no item \(name)")
                    #expect(item["itemId"]?.stringValue == name)
                    let subsidiaries = item["subsidiary"]?["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                    #expect(Set(subsidiaries) == Set(sharing), "\(name) on \(account) is available to every subsidiary of the account")
                }

                let customers = await world.netsuite.records(account: account, type: "customer")
                let guest = try #require(customers.first { $0["id"]?.stringValue == tenant.guestCustomerID })
                #expect(guest["externalId"]?.stringValue == "web-customer-\(tenant.tenantID)")
                #expect(guest["subsidiary"]?["id"]?.stringValue == tenant.subsidiaryID)
                #expect(guest["isPerson"]?.boolValue == false)
            }
            let acmeGuest = await world.netsuite.records(account: acme.netsuiteAccount.id, type: "customer")
                .first { $0["id"]?.stringValue == acme.guestCustomerID }
            #expect(acmeGuest?["companyName"]?.stringValue == "Web Customer (Acme US)")
            #expect(acme.guestCustomerID != globex.guestCustomerID)
        }
    }

    @Test func bundleMapSettingListsEveryBundleSortedWithItsComponents() async throws {
        try await withWorld { world in
            for tenant in world.tenants {
                let setting = tenant.bundleMapSetting
                let bundles = tenant.catalog.bundleComponents
                #expect(!bundles.isEmpty, "\(tenant.tenantID) has bundles to map")
                let entries = setting.split(separator: ",").map(String.init)
                #expect(entries.count == bundles.count)
                let skus = entries.compactMap { $0.split(separator: "=").first.map(String.init) }
                #expect(skus == bundles.keys.sorted())
                for entry in entries {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    let components = try #require(bundles[parts[0]])
                    let rendered = parts[1].split(separator: "+").map { component -> String in
                        let pieces = component.split(separator: "*")
                        return "\(pieces.first ?? "")|\(pieces.last ?? "")"
                    }
                    #expect(rendered == components.map { "\($0.sku)|\($0.quantity)" }, "\(entry)")
                }
            }
        }
    }

    @Test func flashSalePaymentsAreServedAsOrderTransactions() async throws {
        try await withWorld { world in
            let tenant = world.tenants[0]
            let summary = try await tenant.simulator.flashSale(orders: 60, within: .milliseconds(500))
            #expect(summary.ordersCreated.count == 60)
            let answer = try await graphQL(world, tenant, """
                { orders(first: 100) { nodes { legacyResourceId
                    transactions(first: 10) { kind status gateway
                      amountSet { shopMoney { amount } presentmentMoney { amount currencyCode } } } } } }
                """)
            let nodes = try #require((answer["data"] as? [String: Any])?["orders"] as? [String: Any])["nodes"] as? [[String: Any]] ?? []
            let byOrder = Dictionary(uniqueKeysWithValues: nodes.compactMap { node in
                (node["legacyResourceId"] as? String).map { ($0, node["transactions"] as? [[String: Any]] ?? []) }
            })
            var partialGiftCardOrders = 0
            for orderID in summary.ordersCreated {
                let expected = try #require(summary.expectedTotals[orderID])
                let transactions = byOrder[String(orderID)] ?? []
                // Every paid order's payments add up to its total in the presentment currency.
                let paid = transactions.filter { ["SALE", "AUTHORIZATION"].contains($0["kind"] as? String) }
                    .compactMap { Self.amount($0, "presentmentMoney") }.reduce(Decimal(0), +)
                #expect(paid == expected.totalPrice.presentment, "order \(orderID)")
                // Refunds of the gift-card part come back as REFUND transactions; the redemption is the payment.
                let giftCard = transactions.filter { $0["gateway"] as? String == "gift_card" && $0["kind"] as? String != "REFUND" }
                guard expected.giftCard != .zero else {
                    #expect(giftCard.isEmpty, "order \(orderID)")
                    continue
                }
                #expect(giftCard.count == 1, "order \(orderID)")
                #expect(giftCard.first?["kind"] as? String == "SALE")
                #expect(giftCard.first?["status"] as? String == "SUCCESS")
                #expect(giftCard.first.flatMap { Self.amount($0, "presentmentMoney") } == expected.giftCard.presentment)
                // REST sends the presentment amount only; the sandbox converts it at the order's own rate,
                // as the simulator books the redemption in the shop currency.
                #expect(giftCard.first.flatMap { Self.amount($0, "shopMoney") } == expected.giftCard.shop, "order \(orderID)")
                if expected.card != .zero { partialGiftCardOrders += 1 }
            }
            #expect(partialGiftCardOrders > 0, "the sale has an order paid partly by gift card")
        }
    }

    private static func amount(_ transaction: [String: Any], _ money: String) -> Decimal? {
        guard let bag = transaction["amountSet"] as? [String: Any], let value = bag[money] as? [String: Any],
              let text = value["amount"] as? String else { return nil }
        return Decimal(string: text)
    }

    /// Runs a query on the tenant's shop over HTTP with its access token.
    private func graphQL(_ world: DemoWorld, _ tenant: DemoTenant, _ query: String) async throws -> [String: Any] {
        var request = URLRequest(url: world.shopify.graphQLURL(shop: tenant.shop.domain))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(tenant.shop.accessToken, forHTTPHeaderField: "X-Shopify-Access-Token")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["query": query])
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        #expect(json["errors"] == nil, "\(json["errors"] ?? "")")
        return json
    }
}
