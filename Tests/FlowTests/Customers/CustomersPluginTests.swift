import Customers
import Foundation
import NetSuite
import NetSuiteSandbox
import PluginKit
import RecordMapping
import TenantStore
import Testing

/// The customers flow as the host runs it: a webhook payload in the archive, a job naming it.
@Suite struct CustomersPluginTests {
    private static func payload(updatedAt: String, lastName: String = "Norman") -> String {
        """
        {"id": 820982911946154508, "email": "jon@example.com", "first_name": "Jon", "last_name": "\(lastName)",
         "phone": null, "created_at": "2026-01-02T10:00:00Z", "updated_at": "\(updatedAt)"}
        """
    }

    private func job(_ id: Int64, payloadID: Int64?) -> PluginJob {
        PluginJob(id: id, kind: "webhook:customers/update", attempt: 1, maxAttempts: 5, payloadID: payloadID, arguments: nil)
    }

    @Test func declaresItsTopics() {
        let descriptor = CustomersPlugin().descriptor
        #expect(descriptor.id == "customers")
        #expect(descriptor.webhookTopics == ["customers/create", "customers/update"])
        #expect(descriptor.settings.isEmpty)
    }

    @Test func syncsWebhookCustomersAndSkipsReplaysAndStaleVersions() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let context = TestFlowContext(
                tenant: testTenant(subsidiaryID: netsuite.subsidiaryID), ledger: store.database.ledger, payloads: store.database.archive
            ).registering(netsuite.client)
            let plugin = CustomersPlugin()

            let created = try await store.storePayload(Self.payload(updatedAt: "2026-01-03T10:00:00Z"), topic: "customers/create")
            guard case .done(let note) = await plugin.handle(job(1, payloadID: created), context: context) else {
                Issue.record("the first version must sync")
                return
            }
            #expect(note?.contains("synced") == true)
            #expect(await netsuite.records("customer").count == 1)

            guard case .done(let replayNote) = await plugin.handle(job(2, payloadID: created), context: context) else {
                Issue.record("a replay must succeed")
                return
            }
            #expect(replayNote?.hasPrefix("skipped") == true)

            let stale = try await store.storePayload(Self.payload(updatedAt: "2026-01-02T11:00:00Z", lastName: "Old"), topic: "customers/update")
            guard case .done(let staleNote) = await plugin.handle(job(3, payloadID: stale), context: context) else {
                Issue.record("a stale version must be skipped, not failed")
                return
            }
            #expect(staleNote?.hasPrefix("skipped") == true)
            #expect(await netsuite.records("customer").first?["lastName"]?.stringValue == "Norman")
        }
    }

    @Test func aMalformedPayloadIsDead() async throws {
        let store = try TenantStoreFixture()
        let context = TestFlowContext(tenant: testTenant(), ledger: store.database.ledger, payloads: store.database.archive)
        let malformed = try await store.storePayload(#"{"email": "jon@example.com"}"#, topic: "customers/create")
        guard case .dead(let code, let reason) = await CustomersPlugin().handle(job(4, payloadID: malformed), context: context) else {
            Issue.record("a payload without an id must be dead")
            return
        }
        #expect(code == "malformed_payload")
        #expect(reason.contains("'id' is missing"))
        #expect(!reason.contains("jon@example.com"))
    }

    @Test func withoutNetSuiteTheJobWaitsForConfiguration() async throws {
        let store = try TenantStoreFixture()
        let context = TestFlowContext(tenant: testTenant(), ledger: store.database.ledger, payloads: store.database.archive)
        let body = try await store.storePayload(Self.payload(updatedAt: "2026-01-03T10:00:00Z"), topic: "customers/create")
        guard case .retry(let error) = await CustomersPlugin().handle(job(5, payloadID: body), context: context) else {
            Issue.record("a missing NetSuite client must be retried (authentication class)")
            return
        }
        #expect(error.code == "missing_service")
        guard case .dead(let code, _) = await CustomersPlugin().handle(job(6, payloadID: nil), context: context) else {
            Issue.record("a job without payload must be dead")
            return
        }
        #expect(code == "missing_payload")
    }
}
