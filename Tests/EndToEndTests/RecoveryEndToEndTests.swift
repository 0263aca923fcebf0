import Foundation
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import Synchronization
import SyncHost
import SyncHostDemo
import Testing
import TenantStore

@Suite(.serialized, .timeLimit(.minutes(5))) struct RecoveryEndToEndTests {
    /// A one-line order for a SKU NetSuite does not know, consistent to the cent.
    private func orderWithUnknownSKU(id: Int64, currency: String) -> Data {
        let now = ISO8601DateFormatter().string(from: Date())
        func money(_ amount: String) -> String {
            #"{"shop_money":{"amount":"\#(amount)","currency_code":"\#(currency)"},"presentment_money":{"amount":"\#(amount)","currency_code":"\#(currency)"}}"#
        }
        return Data("""
            {"id":\(id),"name":"#9901","order_number":9901,"email":null,"currency":"\(currency)","presentment_currency":"\(currency)",
             "total_price":"25.00","subtotal_price":"25.00","total_tax":"0.00","total_discounts":"0.00",
             "total_price_set":\(money("25.00")),"subtotal_price_set":\(money("25.00")),"total_tax_set":\(money("0.00")),
             "taxes_included":false,"financial_status":"paid","fulfillment_status":null,
             "line_items":[{"id":\(id * 10 + 1),"sku":"NOT-IN-NETSUITE","title":"Mystery box","quantity":1,"price":"25.00",
                            "price_set":\(money("25.00")),"tax_lines":[],"discount_allocations":[]}],
             "shipping_lines":[],"discount_codes":[],"tax_lines":[],"payment_gateway_names":["shopify_payments"],
             "created_at":"\(now)","updated_at":"\(now)","processed_at":"\(now)","cancelled_at":null}
            """.utf8)
    }

    @Test func aPermanentErrorIsDeadLetteredWithItsReasonAndReplayable() async throws {
        let harness = try await HostHarness(tenants: ["acme-outdoor"])
        let tenant = harness.tenant("acme-outdoor")
        let orderID: Int64 = 990_001
        try await harness.world.shopify.recordEvent(
            shop: tenant.shop.domain, topic: "orders/create", payload: orderWithUnknownSKU(id: orderID, currency: tenant.shopCurrency))

        var dead: Job?
        for _ in 0..<600 where dead == nil {
            dead = try await harness.withDatabase("acme-outdoor") { try await $0.jobs.jobs(state: .dead, flow: "orders") }.first
            if dead == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let job = try #require(dead, "the order's job went dead")
        #expect(job.lastError?.message.contains("NOT-IN-NETSUITE") == true, "the reason names the SKU: \(job.lastError?.message ?? "none")")
        #expect(job.attempt == 1, "a permanent error is not retried")

        // The operator adds the item in NetSuite and replays the job.
        _ = try await harness.world.netsuite.addInventoryItem(
            account: tenant.netsuiteAccount.id, sku: "NOT-IN-NETSUITE", displayName: "Mystery box",
            subsidiaries: [tenant.subsidiaryID], basePrice: "25.00")
        _ = try await harness.withDatabase("acme-outdoor") { try await $0.jobs.replay(jobID: job.id) }
        await harness.assembly.scheduler.markReady(try TenantID("acme-outdoor"))

        let externalID = "shopify-acme-outdoor-order-\(orderID)"
        var total: Decimal?
        for _ in 0..<600 where total == nil {
            total = await harness.world.netsuite.records(account: tenant.netsuiteAccount.id, type: "salesOrder")
                .first { $0["externalId"]?.stringValue == externalID }?["total"]?.decimalValue
            if total == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(total == 25)
        // The job completes just after its write lands in NetSuite.
        var replayed: Job?
        for _ in 0..<200 where replayed?.state != .done {
            replayed = try await harness.withDatabase("acme-outdoor") { try await $0.jobs.job(id: job.id) }
            if replayed?.state != .done { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(replayed?.state == .done)
        await harness.stop()
    }

    @Test func aGracefulRestartDuringAFlashSaleLosesNothing() async throws {
        // Sandbox time runs 60x: Shopify's retries of deliveries the stopped host missed come within seconds.
        var world = DemoWorld.Configuration()
        world.timeScale = 60
        let harness = try await HostHarness(world: world, tenants: ["acme-outdoor", "initech-supply"], shutdownDeadline: .milliseconds(300))
        let sales = ["acme-outdoor", "initech-supply"].map { id in
            (id, Task { try await harness.tenant(id).simulator.flashSale(orders: 20, within: .seconds(2)) })
        }
        try await Task.sleep(for: .seconds(1))
        try await harness.restartHost()
        for (id, sale) in sales {
            let orders = try await sale.value.ordersCreated
            let check = try await harness.waitUntilSynced(id, orders: orders, timeout: .seconds(120))
            #expect(check.passed, "\(id): \(check.problems)")
            let tally = try await harness.tally(id, orders: orders)
            #expect(tally.dead == 0, "\(tally.deadReasons)")
        }
        await harness.stop()
    }
}

@Suite(.timeLimit(.minutes(5))) struct DemoCommandTests {
    @Test func theDemoSyncsEveryOrderOfEveryTenantAndSaysSo() async throws {
        var configuration = DemoRun.Configuration()
        configuration.ordersPerTenant = 6
        configuration.saleDuration = .milliseconds(500)
        configuration.timeout = .seconds(120)
        configuration.handlesSignals = false
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-demo-test-\(UUID().uuidString.prefix(8))")
        configuration.dataDirectory = directory
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = LinesSeen()
        let outcome = try await DemoRun(configuration: configuration).run(say: { lines.add($0) }, logger: HostHarness.quietLogger)
        #expect(outcome.passed, "\(lines.all.joined(separator: "\n"))")
        #expect(outcome.summaries.map(\.tenantID).sorted() == ["acme-outdoor", "globex-gear", "initech-supply"])
        #expect(outcome.summaries.allSatisfy { $0.tally.synced == 6 && $0.check.checked == 6 })
        #expect(lines.all.contains { $0.contains("synced") })
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path))
        // Nothing the demo printed carries a credential (sandbox access tokens start with shpat_).
        #expect(!lines.all.joined().contains("shpat_"), "an access token was printed")
    }
}

final class LinesSeen: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
