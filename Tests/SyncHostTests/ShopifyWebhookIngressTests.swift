import Foundation
import InMemoryLogging
import Logging
import Testing
import TenantStore
@testable import SyncHost

@Suite struct ShopifyWebhookIngressTests {
    let order = Data(##"{"id":450789469,"name":"#1001","customer":{"id":207119551,"email":"bob@example.com"},"total_price":"10.00"}"##.utf8)

    @Test func aSignedDeliveryIsArchivedWithOneJobPerSubscribingFlow() async throws {
        let fixture = try await IngressFixture()
        defer { fixture.remove() }
        let answer = await fixture.ingress.handle(headers: fixture.headers(for: order, eventID: "event-1"), body: order)
        #expect(answer.status == 200)
        let jobs = try await fixture.jobs()
        #expect(Set(jobs.map(\.flow)) == ["orders", "customers"])
        #expect(jobs.allSatisfy { $0.kind == "orders/create" && $0.uniqueKey == "shopify:orders/create:event-1" })
        let payloadID = try #require(jobs.first?.payloadID)
        #expect(try await fixture.pool.withDatabase(fixture.tenant) { try await $0.archive.body(id: payloadID) } == order)
        // The payload can be found by customer and order for a later redaction request.
        let about = try await fixture.pool.withDatabase(fixture.tenant) {
            try await $0.archive.payloads(about: [.customer("207119551")]).map(\.id)
        }
        #expect(about == [payloadID])
    }

    @Test func duplicatesAreAcknowledgedOnce() async throws {
        let fixture = try await IngressFixture()
        defer { fixture.remove() }
        let first = await fixture.ingress.handle(headers: fixture.headers(for: order, webhookID: "w1", eventID: "e1"), body: order)
        let retry = await fixture.ingress.handle(headers: fixture.headers(for: order, webhookID: "w2", eventID: "e1"), body: order)
        let again = await fixture.ingress.handle(headers: fixture.headers(for: order, webhookID: "w1", eventID: "e1"), body: order)
        #expect(first == IngressResponse(status: 200, message: "ok"))
        #expect(retry == IngressResponse(status: 200, message: "ok (already received)"))
        #expect(again == IngressResponse(status: 200, message: "ok (already received)"))
        #expect(try await fixture.jobs().count == 2, "one job per flow, not per delivery")
    }

    @Test func refusalsHaveTheRightStatusAndWriteNothing() async throws {
        let fixture = try await IngressFixture(maximumBodySize: 4096)
        defer { fixture.remove() }
        let ingress = fixture.ingress
        let unknownShop = await ingress.handle(headers: fixture.headers(for: order, shop: "nobody.myshopify.com"), body: order)
        #expect(unknownShop.status == 404)
        let badSignature = await ingress.handle(headers: fixture.headers(for: order, signingSecret: "another-secret"), body: order)
        #expect(badSignature.status == 401)
        var tampered = fixture.headers(for: order)
        tampered[1].1 = fixture.headers(for: Data("{}".utf8))[1].1
        #expect(await ingress.handle(headers: tampered, body: order).status == 401)
        let complianceForged = await ingress.handle(
            headers: fixture.headers(for: order, topic: "customers/redact", signingSecret: "forged"), body: order)
        #expect(complianceForged.status == 401, "compliance topics must get 401 for an invalid HMAC")
        let notJSON = Data("hello".utf8)
        #expect(await ingress.handle(headers: fixture.headers(for: notJSON), body: notJSON).status == 400)
        let array = Data("[1,2]".utf8)
        #expect(await ingress.handle(headers: fixture.headers(for: array), body: array).status == 400)
        let big = Data(("{\"x\":\"" + String(repeating: "a", count: 5000) + "\"}").utf8)
        #expect(await ingress.handle(headers: fixture.headers(for: big), body: big).status == 413)
        var noTopic = fixture.headers(for: order)
        noTopic.removeFirst()
        #expect(await ingress.handle(headers: noTopic, body: order).status == 400)
        #expect(await ingress.handle(headers: [], body: order).status == 400)
        #expect(try await fixture.jobs().isEmpty)
        #expect(try await fixture.pool.withDatabase(fixture.tenant) { try await $0.archive.stats().payloads } == 0)
    }

    @Test func aMissingSecretAsksShopifyToRetry() async throws {
        let fixture = try await IngressFixture(storeSecret: false)
        defer { fixture.remove() }
        #expect(await fixture.ingress.handle(headers: fixture.headers(for: order), body: order).status == 503)
        #expect(try await fixture.jobs().isEmpty)
    }

    @Test func aDisabledTenantStillAuthenticatesAndKeepsItsDeliveries() async throws {
        let fixture = try await IngressFixture()
        defer { fixture.remove() }
        try fixture.catalog.setStatus(.disabled, for: fixture.tenant)
        let forged = await fixture.ingress.handle(headers: fixture.headers(for: order, topic: "customers/redact", signingSecret: "x"), body: order)
        #expect(forged.status == 401)
        #expect(await fixture.ingress.handle(headers: fixture.headers(for: order), body: order).status == 200)
        #expect(try await fixture.jobs().count == 2, "the jobs wait in the disabled tenant's queue")
    }

    @Test func aTopicNoFlowConsumesIsArchivedWithoutJobs() async throws {
        let fixture = try await IngressFixture(routing: [:])
        defer { fixture.remove() }
        #expect(await fixture.ingress.handle(headers: fixture.headers(for: order), body: order).status == 200)
        #expect(try await fixture.jobs().isEmpty)
        #expect(try await fixture.pool.withDatabase(fixture.tenant) { try await $0.archive.stats().payloads } == 1)
    }

    @Test func logsNameTheTenantAndNeverTheSecret() async throws {
        let handler = InMemoryLogHandler()
        let fixture = try await IngressFixture()
        defer { fixture.remove() }
        let ingress = ShopifyWebhookIngress(
            catalog: fixture.catalog, pool: fixture.pool, routing: WebhookRouting(flowsByTopic: [:]),
            logger: Logger(label: "test") { _ in handler })
        _ = await ingress.handle(headers: fixture.headers(for: order, signingSecret: "nope"), body: order)
        _ = await ingress.handle(headers: fixture.headers(for: order, eventID: "x"), body: order)
        _ = await ingress.handle(headers: fixture.headers(for: order, eventID: "x"), body: order)
        #expect(!handler.entries.isEmpty)
        for entry in handler.entries {
            let text = "\(entry.message) \(entry.metadata)"
            #expect(!text.contains(fixture.secret))
            #expect(!text.contains("bob@example.com"), "no payload in logs")
            #expect(entry.metadata["tenant"] == "acme")
        }
    }

    @Test func onlyTheTenantsEnabledFlowsGetJobsAndTheSchedulerIsToldOnce() async throws {
        let ready = NetSuiteIngressFixture.HookCounter()
        let fixture = try await IngressFixture(enabledFlows: ["orders"], onJobsEnqueued: { ready.record($0) })
        defer { fixture.remove() }
        #expect(await fixture.ingress.handle(headers: fixture.headers(for: order, eventID: "e1"), body: order).status == 200)
        #expect(try await fixture.jobs().map(\.flow) == ["orders"])
        #expect(ready.count == 1)
        // A duplicate enqueues nothing and rings nothing.
        #expect(await fixture.ingress.handle(headers: fixture.headers(for: order, eventID: "e1"), body: order).status == 200)
        #expect(ready.count == 1)
    }

    @Test func aTenantWithNoFlowEnabledGetsItsDeliveriesArchivedWithoutJobs() async throws {
        let ready = NetSuiteIngressFixture.HookCounter()
        let fixture = try await IngressFixture(enabledFlows: [], onJobsEnqueued: { ready.record($0) })
        defer { fixture.remove() }
        #expect(await fixture.ingress.handle(headers: fixture.headers(for: order), body: order).status == 200)
        #expect(try await fixture.jobs().isEmpty)
        #expect(try await fixture.pool.withDatabase(fixture.tenant) { try await $0.archive.stats().payloads } == 1)
        #expect(ready.count == 0)
    }
}
