import Foundation
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import SyncHost
import SyncHostDemo
import Testing
import TenantStore

/// A Shopify order becomes a NetSuite sales order, through the whole host over loopback:
/// the Shopify sandbox delivers signed webhooks to the host's ingress, the scheduler runs the
/// orders flow, the governed clients call both sandboxes.
@Suite(.serialized, .timeLimit(.minutes(5))) struct OrdersEndToEndTests {
    @Test func webhooksBecomeSalesOrdersWithShopifysTotalsToTheCent() async throws {
        let harness = try await HostHarness(tenants: ["acme-outdoor"])
        let tenant = harness.tenant("acme-outdoor")
        let sale = try await tenant.simulator.flashSale(orders: 12, within: .seconds(1))
        let check = try await harness.waitUntilSynced("acme-outdoor", orders: sale.ordersCreated)
        #expect(check.passed, "\(check.problems)")
        #expect(check.checked == 12)
        let tally = try await harness.tally("acme-outdoor", orders: sale.ordersCreated)
        #expect(tally.synced == 12)
        #expect(tally.dead == 0, "\(tally.deadReasons)")
        // Customers came first: the orders' customers are NetSuite customers named after the shop.
        let customers = await harness.world.netsuite.records(account: tenant.netsuiteAccount.id, type: "customer")
        #expect(customers.contains { $0["externalId"]?.stringValue?.hasPrefix("shopify-acme-outdoor-customer-") == true })
        await harness.stop()
    }

    @Test func duplicatedOutOfOrderAndLateWebhooksSyncEachOrderOnce() async throws {
        var world = DemoWorld.Configuration()
        world.webhookFaults = WebhookFaults(duplicate: 0.4, outOfOrder: 0.3, late: 0.2, lateDelay: 2, seed: 11)
        let harness = try await HostHarness(world: world, tenants: ["globex-gear"])
        let tenant = harness.tenant("globex-gear")
        let sale = try await tenant.simulator.flashSale(orders: 15, within: .seconds(1))
        let check = try await harness.waitUntilSynced("globex-gear", orders: sale.ordersCreated)
        #expect(check.passed, "\(check.problems)")
        // SalesOrderCheck also proves one sales order per order: duplicates created nothing twice.
        let orders = await harness.world.netsuite.records(account: tenant.netsuiteAccount.id, type: "salesOrder")
            .filter { $0["externalId"]?.stringValue?.hasPrefix("shopify-globex-gear-order-") == true }
        #expect(orders.count == 15)
        // Ingress deduplicated the repeated deliveries: one orders/create job per order.
        let createJobs = try await harness.withDatabase("globex-gear") { try await $0.jobs.jobs(flow: "orders", limit: 10_000) }
            .filter { $0.kind == "orders/create" }
        #expect(createJobs.count == 15)
        await harness.stop()
    }

    @Test func aDroppedWebhookIsCaughtByTheReconciliationPoll() async throws {
        var world = DemoWorld.Configuration()
        world.webhookFaults = WebhookFaults(dropped: 1, seed: 3)
        // Housekeeping runs once at start (before onboarding) and then only when the test says.
        let harness = try await HostHarness(world: world, tenants: ["acme-outdoor"], maintenance: .init(interval: .seconds(3600)))
        let tenant = harness.tenant("acme-outdoor")
        let sale = try await tenant.simulator.flashSale(orders: 6, within: .milliseconds(200))
        try await Task.sleep(for: .seconds(1))
        #expect(try await harness.tally("acme-outdoor", orders: sale.ordersCreated).received == 0, "every webhook was dropped")

        // The next period of the orders poll comes: housekeeping enqueues it, the poll finds the orders.
        let report = await harness.assembly.maintenance.runPass(now: Date().addingTimeInterval(600))
        #expect(report.periodicJobsEnqueued == 1)
        let check = try await harness.waitUntilSynced("acme-outdoor", orders: sale.ordersCreated, timeout: .seconds(20))
        let jobs = try await harness.withDatabase("acme-outdoor") { try await $0.jobs.jobs(flow: "orders", limit: 100) }
        #expect(check.passed, "\(check.problems) \(jobs.map { "\($0.kind) \($0.state) \($0.lastError?.message ?? "")" })")
        await harness.stop()
    }

    @Test func aNetSuiteOutageDelaysOrdersWithoutLosingThem() async throws {
        let harness = try await HostHarness(tenants: ["initech-supply"])
        let tenant = harness.tenant("initech-supply")
        await harness.world.netsuite.setFaults(account: tenant.netsuiteAccount.id, NetSuiteFaults(maintenance: true, maintenanceRetryAfterSeconds: 1))
        let sale = try await tenant.simulator.flashSale(orders: 8, within: .milliseconds(500))
        // Jobs fail and back off while NetSuite is down.
        var retried = 0
        for _ in 0..<400 where retried == 0 {
            retried = try await harness.tally("initech-supply", orders: sale.ordersCreated).retried
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(retried > 0)
        #expect(try await harness.tally("initech-supply", orders: sale.ordersCreated).synced == 0)
        await harness.world.netsuite.setFaults(account: tenant.netsuiteAccount.id, NetSuiteFaults())
        let check = try await harness.waitUntilSynced("initech-supply", orders: sale.ordersCreated, timeout: .seconds(120))
        #expect(check.passed, "\(check.problems)")
        #expect(try await harness.tally("initech-supply", orders: sale.ordersCreated).dead == 0)
        await harness.stop()
    }

    @Test func sharedAccountConcurrencyNeverExceedsTheLimitAndAQuietTenantIsServed() async throws {
        let harness = try await HostHarness(tenants: ["acme-outdoor", "globex-gear"], workerLimit: 12)
        let noisy = harness.tenant("acme-outdoor")
        let quiet = harness.tenant("globex-gear")
        let noisySale = Task { try await noisy.simulator.flashSale(orders: 80, within: .seconds(1)) }
        // Let the noisy backlog build, then the quiet store's single order arrives.
        try await Task.sleep(for: .seconds(1.5))
        let quietSale = try await quiet.simulator.flashSale(orders: 1, within: .zero)
        let quietCheck = try await harness.waitUntilSynced("globex-gear", orders: quietSale.ordersCreated, timeout: .seconds(60))
        #expect(quietCheck.passed, "\(quietCheck.problems)")
        let noisyOrders = try await noisySale.value.ordersCreated
        let noisyDuringQuiet = try await harness.tally("acme-outdoor", orders: noisyOrders)
        // Generous: the quiet order did not wait for the noisy backlog to drain.
        #expect(noisyDuringQuiet.synced < noisyOrders.count, "the quiet order waited for all \(noisyOrders.count) noisy orders")

        let noisyCheck = try await harness.waitUntilSynced("acme-outdoor", orders: noisyOrders, timeout: .seconds(150))
        #expect(noisyCheck.passed, "\(noisyCheck.problems)")
        let stats = await harness.world.netsuite.stats(account: noisy.netsuiteAccount.id)
        #expect(stats.concurrencyHighWaterMark <= 5, "high-water mark \(stats.concurrencyHighWaterMark) above the account limit")
        #expect(stats.tooManyRequests == 0, "the host never went over the limit, so NetSuite never refused")
        await harness.stop()
    }
}
