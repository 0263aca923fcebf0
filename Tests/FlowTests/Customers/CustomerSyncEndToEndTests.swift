import Foundation
import Logging
import NetSuite
import NetSuiteSandbox
import PluginKit
import RecordMapping
import TenantStore
import Testing

/// The customer synchronizer against a NetSuite sandbox over loopback and a real ledger.
@Suite struct CustomerSyncEndToEndTests {
    private static let january = Date(timeIntervalSince1970: 1_767_225_600)

    private func customer(updatedAt: Date = january, lastName: String = "Norman", email: String? = "bob@example.com") -> CustomerSnapshot {
        CustomerSnapshot(id: 207119551, email: email, firstName: "Bob", lastName: lastName, phone: "+15555550100",
                         companyName: nil, updatedAt: updatedAt)
    }

    private func synchronizer(_ netsuite: NetSuiteSandboxFixture, _ store: TenantStoreFixture) -> CustomerSynchronizer {
        CustomerSynchronizer(netsuite: netsuite.client, ledger: store.database.ledger,
                             tenant: testTenant(subsidiaryID: netsuite.subsidiaryID), logger: Logger(label: "test.customers"))
    }

    @Test func createsTheCustomerOnceAndAReplayChangesNothing() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let sync = synchronizer(netsuite, store)
            let first = try await sync.sync(customer())
            #expect(first.applied)

            let customers = await netsuite.records("customer")
            #expect(customers.count == 1)
            #expect(customers.first?["externalId"]?.stringValue == "shopify-acme-outdoor-customer-207119551")
            #expect(customers.first?["email"]?.stringValue == "bob@example.com")
            #expect(customers.first?["phone"]?.stringValue == "+15555550100")

            let requestsBefore = await netsuite.requestCount()
            let replay = try await sync.sync(customer())
            #expect(replay == CustomerSyncResult(internalID: first.internalID, applied: false))
            #expect(await netsuite.requestCount() == requestsBefore, "an unchanged replay must not call NetSuite")
            #expect(await netsuite.records("customer").count == 1)

            let entry = try await store.database.ledger.entry(recordType: "customer", shopifyID: "207119551")
            #expect(entry?.netsuiteInternalID == first.internalID)
            #expect(entry?.netsuiteExternalID == "shopify-acme-outdoor-customer-207119551")
        }
    }

    @Test func appliesANewerVersionAndSkipsAStaleOne() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let sync = synchronizer(netsuite, store)
            let created = try await sync.sync(customer())
            let renamed = try await sync.sync(customer(updatedAt: Self.january.addingTimeInterval(3600), lastName: "Newman"))
            #expect(renamed == CustomerSyncResult(internalID: created.internalID, applied: true))
            #expect(await netsuite.records("customer").first?["lastName"]?.stringValue == "Newman")

            let stale = try await sync.sync(customer(updatedAt: Self.january.addingTimeInterval(60), lastName: "Oldman"))
            #expect(stale == CustomerSyncResult(internalID: created.internalID, applied: false))
            let customers = await netsuite.records("customer")
            #expect(customers.count == 1)
            #expect(customers.first?["lastName"]?.stringValue == "Newman")
        }
    }

    @Test func linksAnExistingCustomerWithTheSameEmailTheFirstTime() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let existing = try await netsuite.client.create("customer", record: [
                "subsidiary": .reference(netsuite.subsidiaryID), "isPerson": true, "firstName": "Robert",
                "lastName": "Norman", "email": "Bob@Example.com",
            ])
            let sync = synchronizer(netsuite, store)
            let linked = try await sync.sync(customer())
            #expect(linked == CustomerSyncResult(internalID: existing, applied: true))
            #expect(await netsuite.records("customer").count == 1, "no duplicate customer")
            let entry = try await store.database.ledger.entry(recordType: "customer", shopifyID: "207119551")
            #expect(entry?.netsuiteInternalID == existing)
            #expect(entry?.netsuiteExternalID == nil)

            // A later version keeps the link and leaves NetSuite's record as it is.
            let later = try await sync.sync(customer(updatedAt: Self.january.addingTimeInterval(3600), lastName: "Newman"))
            #expect(later == CustomerSyncResult(internalID: existing, applied: true))
            let customers = await netsuite.records("customer")
            #expect(customers.count == 1)
            #expect(customers.first?["firstName"]?.stringValue == "Robert")
        }
    }

    @Test func ignoresSameEmailCustomersOfOtherSubsidiaries() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let other = try await netsuite.sandbox.addSubsidiary(account: netsuite.account.id, name: "EU Store", currency: "EUR")
            _ = try await netsuite.client.create("customer", record: [
                "subsidiary": .reference(other), "isPerson": true, "lastName": "Norman", "email": "bob@example.com",
            ])
            let created = try await synchronizer(netsuite, store).sync(customer())
            let customers = await netsuite.records("customer")
            #expect(customers.count == 2)
            #expect(customers.contains { $0["externalId"]?.stringValue == "shopify-acme-outdoor-customer-207119551"
                && $0["id"]?.stringValue == created.internalID })
        }
    }

    @Test func namesACustomerWithoutNameByEmail() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let nameless = CustomerSnapshot(id: 5, email: "anon@example.com", firstName: nil, lastName: nil, phone: nil,
                                            companyName: nil, updatedAt: Self.january)
            _ = try await synchronizer(netsuite, store).sync(nameless)
            #expect(await netsuite.records("customer").first?["lastName"]?.stringValue == "anon@example.com")
        }
    }

    @Test func aNewerVersionRecordedMeanwhileMakesTheJobRetry() async throws {
        let store = try TenantStoreFixture()
        try await NetSuiteSandboxFixture.with { netsuite in
            let racing = RacingLedger(ledger: store.database.ledger, newerSourceUpdatedAt: Self.january.addingTimeInterval(7200))
            let sync = CustomerSynchronizer(netsuite: netsuite.client, ledger: racing,
                                            tenant: testTenant(subsidiaryID: netsuite.subsidiaryID), logger: Logger(label: "test.customers"))
            let error = await #expect(throws: LedgerRaceError.self) { try await sync.sync(customer()) }
            #expect(error?.failureClass == .transient(retryAfter: nil))
            guard case .retry = JobOutcome.failed(error!) else {
                Issue.record("a race must retry the job")
                return
            }
            // The retry sees the newer version and skips this one as stale.
            let retried = try await synchronizer(netsuite, store).sync(customer())
            #expect(!retried.applied)
        }
    }
}

/// A ledger in which another worker records a newer version of the same record just before
/// this job records its own.
private struct RacingLedger: LedgerAccess {
    let ledger: Ledger
    let newerSourceUpdatedAt: Date

    func entry(recordType: String, shopifyID: String) async throws -> LedgerEntry? {
        try await ledger.entry(recordType: recordType, shopifyID: shopifyID)
    }

    func entry(recordType: String, netsuiteInternalID: String) async throws -> LedgerEntry? {
        try await ledger.entry(recordType: recordType, netsuiteInternalID: netsuiteInternalID)
    }

    func decide(recordType: String, shopifyID: String, sourceUpdatedAt: Date?, bodyHash: String) async throws -> LedgerDecision {
        try await ledger.decide(recordType: recordType, shopifyID: shopifyID, sourceUpdatedAt: sourceUpdatedAt, bodyHash: bodyHash)
    }

    func record(recordType: String, shopifyID: String, netsuiteInternalID: String?, netsuiteExternalID: String?,
                sourceUpdatedAt: Date?, bodyHash: String?) async throws -> Bool {
        try await ledger.record(recordType: recordType, shopifyID: shopifyID, netsuiteInternalID: netsuiteInternalID,
                                netsuiteExternalID: netsuiteExternalID, sourceUpdatedAt: newerSourceUpdatedAt, bodyHash: "newer")
        return try await ledger.record(recordType: recordType, shopifyID: shopifyID, netsuiteInternalID: netsuiteInternalID,
                                       netsuiteExternalID: netsuiteExternalID, sourceUpdatedAt: sourceUpdatedAt, bodyHash: bodyHash)
    }

    func cursor(flow: String) async throws -> String? { try await ledger.cursor(flow: flow) }

    func setCursor(_ value: String, flow: String) async throws { try await ledger.setCursor(value, flow: flow) }
}
