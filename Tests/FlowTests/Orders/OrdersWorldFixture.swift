import Foundation
import Logging
import NetSuite
import NetSuiteSandbox
import Orders
import PluginKit
import RecordMapping
import SandboxWorld
import Shopify
import ShopifySandbox
import ShopifySimulator
import TenantStore

/// The demo world for orders end-to-end tests: the first demo tenant's shop and NetSuite
/// subsidiary, the items the orders flow books on, a capture of the shop's order webhooks,
/// a real tenant database, and the orders plugin's context.
final class OrdersWorldFixture: Sendable {
    let world: DemoWorld
    let demo: DemoTenant
    let capture: OrderWebhookCapture
    let store: TenantStoreFixture
    let shopify: ShopifyAdminClient
    let netsuite: NetSuiteClient
    let context: TestFlowContext
    let plugin = OrdersPlugin()

    private init(world: DemoWorld, demo: DemoTenant, capture: OrderWebhookCapture, store: TenantStoreFixture,
                 shopify: ShopifyAdminClient, netsuite: NetSuiteClient, context: TestFlowContext) {
        self.world = world
        self.demo = demo
        self.capture = capture
        self.store = store
        self.shopify = shopify
        self.netsuite = netsuite
        self.context = context
    }

    /// Starts everything, runs `body`, and always stops the servers.
    static func with<Result>(extraSettings: [String: String] = [:], _ body: (OrdersWorldFixture) async throws -> Result) async throws -> Result {
        let world = try await DemoWorld.start()
        let capture = OrderWebhookCapture()
        do {
            try await capture.start()
            let fixture = try await make(world: world, capture: capture, extraSettings: extraSettings)
            let result = try await body(fixture)
            await capture.stop()
            await world.stop()
            return result
        } catch {
            await capture.stop()
            await world.stop()
            throw error
        }
    }

    private static func make(world: DemoWorld, capture: OrderWebhookCapture, extraSettings: [String: String]) async throws -> OrdersWorldFixture {
        let demo = world.tenants[0]
        let account = demo.netsuiteAccount.id
        let quiet = Logger(label: "test.orders", factory: { _ in SwiftLogNoOpLogHandler() })
        let shopify = ShopifyAdminClient(
            connection: ShopifyConnection(shopDomain: demo.shop.domain, adminBaseURL: demo.shop.adminBaseURL, accessToken: Secret(demo.shop.accessToken)),
            configuration: .init(requestTimeout: .seconds(20)), logger: quiet)
        let netsuite = NetSuiteClient(connection: NetSuiteConnection(
            accountID: account, restBaseURL: demo.netsuiteAccount.restBaseURL,
            credentials: .tokenBased(consumerKey: demo.tba.consumerKey, consumerSecret: Secret(demo.tba.consumerSecret),
                                     tokenID: demo.tba.tokenID, tokenSecret: Secret(demo.tba.tokenSecret))))
        for topic in ["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED"] {
            _ = try await shopify.createWebhookSubscription(topic: topic, uri: capture.url.absoluteString)
        }

        // The items and guest customer the demo world seeded for the orders flow.
        var given = ["discount_item": demo.orderItems.discountItemID, "tax_item": demo.orderItems.taxItemID,
                     "gift_card_item": demo.orderItems.giftCardItemID, "guest_customer": demo.guestCustomerID,
                     "bundle_map": demo.bundleMapSetting]
        given.merge(extraSettings) { $1 }
        let store = try TenantStoreFixture(tenant: demo.tenantID)
        var context = TestFlowContext(
            tenant: TenantProfile(id: demo.tenantID, displayName: demo.displayName, shopDomain: demo.shop.domain,
                                  netsuiteAccountID: account, subsidiaryID: demo.subsidiaryID),
            settings: FlowSettings(given: given, declared: OrdersPlugin().descriptor.settings),
            ledger: store.database.ledger, payloads: store.database.archive, logger: quiet)
        context.register(shopify)
        context.register(netsuite)
        return OrdersWorldFixture(world: world, demo: demo, capture: capture, store: store, shopify: shopify, netsuite: netsuite, context: context)
    }

    /// Plays `orders` orders and waits until every one's webhooks arrived: its
    /// `orders/create` and as many deliveries in all as the simulator recorded events.
    func play(orders: Int) async throws -> [OrderWebhookCapture.Delivery] {
        let before = capture.deliveries.count
        let summary = try await demo.simulator.run(orders: orders, ratePerSecond: 200)
        let created = Set(summary.ordersCreated)
        let deliveries = await capture.wait { deliveries in
            let ids = Set(deliveries.dropFirst(before).filter { $0.topic == "orders/create" }.compactMap(Self.orderID))
            return created.isSubset(of: ids)
        }
        // Follow-ups (edits, cancellations) of the last orders may trail their creation a little.
        try await Task.sleep(for: .milliseconds(500))
        _ = deliveries
        return Array(capture.deliveries.dropFirst(before))
    }

    /// Archives a delivery and runs the plugin on it as the host would.
    func run(_ delivery: OrderWebhookCapture.Delivery, jobID: Int64 = 1) async throws -> JobOutcome {
        let payloadID = try await store.database.archive.store(NewPayload(body: delivery.body, topic: delivery.topic, source: "test")).id
        let job = PluginJob(id: jobID, kind: delivery.topic, attempt: 1, maxAttempts: 5, payloadID: payloadID, arguments: nil)
        return await plugin.handle(job, context: context)
    }

    /// Runs the reconciliation job.
    func reconcile() async -> JobOutcome {
        await plugin.handle(PluginJob(id: 99, kind: "reconcile", attempt: 1, maxAttempts: 5, payloadID: nil, arguments: nil), context: context)
    }

    /// The sales order synced for a Shopify order, read back by external id.
    func salesOrder(orderID: Int64) async throws -> JSONValue {
        try await netsuite.get("salesOrder", externalID: try ShopifyExternalID.order(shopDomain: demo.shop.domain, orderID: orderID),
                               expandSubResources: true)
    }

    /// Every sales order in the NetSuite account.
    func salesOrders() async -> [[String: SandboxJSON]] {
        await world.netsuite.records(account: demo.netsuiteAccount.id, type: "salesOrder")
    }

    /// The SKUs of a delivered order's lines.
    static func lineSKUs(_ delivery: OrderWebhookCapture.Delivery) -> [String] {
        let order = (try? JSONSerialization.jsonObject(with: delivery.body)) as? [String: Any]
        return ((order?["line_items"] as? [[String: Any]]) ?? []).compactMap { $0["sku"] as? String }
    }

    static func orderID(_ delivery: OrderWebhookCapture.Delivery) -> Int64? {
        (try? JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])?["id"] as? Int64
            ?? ((try? JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])?["id"] as? NSNumber)?.int64Value
    }
}
