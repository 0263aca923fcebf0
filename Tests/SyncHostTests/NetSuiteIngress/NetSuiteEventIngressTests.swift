import Foundation
import InMemoryLogging
import Logging
import NetSuiteSandbox
import PluginKit
import Testing
import TenantStore
@testable import SyncHost

@Suite struct NetSuiteEventIngressTests {
    @Test func aSignedEventIsArchivedAndEnqueuedOncePerEnabledFlow() async throws {
        let fixture = try await NetSuiteIngressFixture()
        defer { fixture.remove() }
        let body = NetSuiteIngressFixture.event(id: "evt-1")
        let answer = await fixture.ingress.handle(tenant: "acme", headers: fixture.headers(for: body), body: body)
        #expect(answer == IngressResponse(status: 200, message: "ok"))
        let jobs = try await fixture.jobs()
        #expect(Set(jobs.map(\.flow)) == ["inventory", "fulfillments"])
        #expect(jobs.allSatisfy { $0.kind == "inventory.changed" && $0.uniqueKey == "netsuite:inventory.changed:evt-1" })
        let payloadID = try #require(jobs.first?.payloadID)
        #expect(try await fixture.host.pool.withDatabase(fixture.tenant) { try await $0.archive.body(id: payloadID) } == body)
        #expect(fixture.hookCalls.count == 1)

        // The same event again (NetSuite's script retries): acknowledged, not enqueued again.
        let again = await fixture.ingress.handle(tenant: "acme", headers: fixture.headers(for: body), body: body)
        #expect(again == IngressResponse(status: 200, message: "ok (already received)"))
        #expect(try await fixture.jobs().count == 2)
        #expect(try await fixture.payloadCount() == 1)
        #expect(fixture.hookCalls.count == 1, "nothing enqueued, no signal")
    }

    @Test func onlyEnabledFlowsGetJobs() async throws {
        let fixture = try await NetSuiteIngressFixture(flows: ["inventory"])
        defer { fixture.remove() }
        let body = NetSuiteIngressFixture.event(id: "evt-2")
        #expect(await fixture.ingress.handle(tenant: "acme", headers: fixture.headers(for: body), body: body).status == 200)
        #expect(try await fixture.jobs().map(\.flow) == ["inventory"])
        // An event only a disabled flow consumes is archived (acknowledged) without jobs and without a signal.
        let fulfillment = NetSuiteIngressFixture.event(id: "evt-3", type: "itemFulfillment.created")
        #expect(await fixture.ingress.handle(tenant: "acme", headers: fixture.headers(for: fulfillment), body: fulfillment).status == 200)
        #expect(try await fixture.jobs().count == 1)
        #expect(try await fixture.payloadCount() == 2)
        #expect(fixture.hookCalls.count == 1)
    }

    @Test func refusalsHaveTheRightStatusAndWriteNothing() async throws {
        let fixture = try await NetSuiteIngressFixture(maximumBodySize: 2048)
        defer { fixture.remove() }
        let ingress = fixture.ingress
        let body = NetSuiteIngressFixture.event()
        #expect(await ingress.handle(tenant: "nobody", headers: fixture.headers(for: body), body: body).status == 404)
        #expect(await ingress.handle(tenant: "../etc", headers: fixture.headers(for: body), body: body).status == 404)
        #expect(await ingress.handle(tenant: "acme", headers: fixture.headers(for: body, secret: "wrong"), body: body).status == 401)
        var tampered = fixture.headers(for: body)
        tampered[1].1 = String(Int(Date().timeIntervalSince1970) - 1)
        #expect(await ingress.handle(tenant: "acme", headers: tampered, body: body).status == 401, "the timestamp is signed")
        let stale = fixture.headers(for: body, timestamp: Date().addingTimeInterval(-301))
        #expect(await ingress.handle(tenant: "acme", headers: stale, body: body).status == 401)
        let future = fixture.headers(for: body, timestamp: Date().addingTimeInterval(400))
        #expect(await ingress.handle(tenant: "acme", headers: future, body: body).status == 401)
        #expect(await ingress.handle(tenant: "acme", headers: [], body: body).status == 401)
        var unprefixed = fixture.headers(for: body)
        unprefixed[2].1 = String(unprefixed[2].1.dropFirst("sha256=".count))
        #expect(await ingress.handle(tenant: "acme", headers: unprefixed, body: body).status == 401)
        let big = Data(("{\"eventId\":\"x\",\"type\":\"inventory.changed\",\"pad\":\"" + String(repeating: "a", count: 3000) + "\"}").utf8)
        #expect(await ingress.handle(tenant: "acme", headers: fixture.headers(for: big), body: big).status == 413)
        for bad in ["hello", "[1,2]", #"{"type":"inventory.changed"}"#, #"{"eventId":"e1"}"#, #"{"eventId":"","type":"inventory.changed"}"#,
                    #"{"eventId":"e 1","type":"inventory.changed"}"#] {
            let data = Data(bad.utf8)
            #expect(await ingress.handle(tenant: "acme", headers: fixture.headers(for: data), body: data).status == 400, "\(bad)")
        }
        let otherAccount = NetSuiteIngressFixture.event(account: "999999")
        #expect(await ingress.handle(tenant: "acme", headers: fixture.headers(for: otherAccount), body: otherAccount).status == 400)
        #expect(try await fixture.jobs().isEmpty)
        #expect(try await fixture.payloadCount() == 0)
        #expect(fixture.hookCalls.count == 0)
    }

    @Test func aTenantWithoutAnEventsSecretAsksToRetry() async throws {
        let fixture = try await NetSuiteIngressFixture(storeSecret: false)
        defer { fixture.remove() }
        let body = NetSuiteIngressFixture.event()
        #expect(await fixture.ingress.handle(tenant: "acme", headers: fixture.headers(for: body), body: body).status == 503)
        #expect(try await fixture.payloadCount() == 0)
    }

    @Test func logsNeverCarryTheSecretOrTheBody() async throws {
        let logs = InMemoryLogHandler()
        let fixture = try await NetSuiteIngressFixture(logger: Logger(label: "test") { _ in logs })
        defer { fixture.remove() }
        var logger = Logger(label: "test") { _ in logs }
        logger.logLevel = .trace
        let ingress = NetSuiteEventIngress(catalog: fixture.host.catalog, pool: fixture.host.pool,
                                           routing: fixture.host.registry.pushedEventRouting, logger: logger)
        let body = NetSuiteIngressFixture.event(id: "evt-log")
        _ = await ingress.handle(tenant: "acme", headers: fixture.headers(for: body, secret: "nope"), body: body)
        _ = await ingress.handle(tenant: "acme", headers: fixture.headers(for: body), body: body)
        _ = await ingress.handle(tenant: "acme", headers: fixture.headers(for: body), body: body)
        _ = await ingress.handle(tenant: "acme", headers: fixture.headers(for: body, timestamp: .distantPast), body: body)
        #expect(logs.entries.count >= 4)
        for entry in logs.entries {
            let text = "\(entry.message) \(entry.metadata)"
            #expect(!text.contains(fixture.secret))
            #expect(!text.contains("TSHIRT-M"), "no payload in logs")
            #expect(!text.contains("sha256="), "no signature in logs")
            #expect(entry.metadata["tenant"] == "acme")
        }
    }

    /// The NetSuite sandbox signs and posts a real event over HTTP to the host's server.
    @Test func anEventPushedByTheSandboxBecomesJobs() async throws {
        let sandbox = NetSuiteSandbox()
        try await sandbox.start()
        let host = try HostDirectoryFixture()
        var onboarding = try HostDirectoryFixture.onboarding(flows: ["inventory", "orders"])
        onboarding.setNetSuiteEventsSecret(Secret("sandbox-events-secret"))
        let tenant = try await host.provisioner.provision(onboarding).id
        let ready = NetSuiteIngressFixture.HookCounter()
        let ingresses = HostHTTPServer.ingresses(catalog: host.catalog, pool: host.pool, registry: host.registry,
                                                 onJobsEnqueued: { ready.record($0) })
        let server = HostHTTPServer(ingresses: ingresses)
        try await server.start()
        do {
            let account = try await sandbox.createAccount(id: "1234567_SB1")
            let url = server.baseURL.appendingPathComponent("netsuite/events/acme")
            let event = NetSuitePushedEvent.inventoryChanged(items: [
                .init(itemID: "12", sku: "TSHIRT-M", locationID: "3", quantityOnHand: 10, quantityAvailable: 8),
            ], eventID: "sandbox-event-1")
            #expect(try await sandbox.pushEvent(account: account.id, to: url, secret: "sandbox-events-secret", event: event) == 200)
            #expect(try await sandbox.pushEvent(account: account.id, to: url, secret: "sandbox-events-secret", event: event) == 200)
            #expect(try await sandbox.pushEvent(account: account.id, to: url, secret: "forged", event: event) == 401)
            let unknown = server.baseURL.appendingPathComponent("netsuite/events/nobody")
            #expect(try await sandbox.pushEvent(account: account.id, to: unknown, secret: "sandbox-events-secret", event: event) == 404)
            let jobs = try await host.pool.withDatabase(tenant) { try await $0.jobs.jobs() }
            #expect(jobs.map(\.flow) == ["inventory"])
            #expect(jobs.first?.uniqueKey == "netsuite:inventory.changed:sandbox-event-1")
            #expect(ready.count == 1)
        } catch {
            Issue.record(error)
        }
        await server.stop()
        await sandbox.stop()
        host.remove()
    }
}
