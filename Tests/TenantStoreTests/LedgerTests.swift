import Foundation
import PluginKit
import Testing
@testable import TenantStore

@Suite struct LedgerTests {
    @Test func staleAndUnchangedVersionsAreSkipped() async throws {
        let fixture = try TenantFixture()
        let ledger = fixture.database.ledger
        let t1 = Date(timeIntervalSince1970: 1_700_000_000)
        let t2 = t1.addingTimeInterval(60)
        let body1 = Ledger.hash(Data("v1".utf8))
        let body2 = Ledger.hash(Data("v2".utf8))
        #expect(try await ledger.decide(recordType: "order", shopifyID: "1", sourceUpdatedAt: t1, bodyHash: body1) == .apply)
        try await ledger.record(recordType: "order", shopifyID: "1", netsuiteInternalID: "501", netsuiteExternalID: "shopify-acme-order-1",
                                sourceUpdatedAt: t2, bodyHash: body2)
        #expect(try await ledger.decide(recordType: "order", shopifyID: "1", sourceUpdatedAt: t1, bodyHash: body1)
                == .skipStale(appliedSourceUpdatedAt: t2))
        #expect(try await ledger.decide(recordType: "order", shopifyID: "1", sourceUpdatedAt: t2, bodyHash: body2) == .skipUnchanged)
        #expect(try await ledger.decide(recordType: "order", shopifyID: "1", sourceUpdatedAt: t2.addingTimeInterval(1), bodyHash: body1) == .apply)

        // A late writer with an older version cannot overwrite the newer one.
        let applied = try await ledger.record(recordType: "order", shopifyID: "1", netsuiteInternalID: "999", netsuiteExternalID: nil,
                                              sourceUpdatedAt: t1, bodyHash: body1)
        #expect(!applied)
        let entry = try #require(try await ledger.entry(recordType: "order", shopifyID: "1"))
        #expect(entry.netsuiteInternalID == "501")
        #expect(entry.sourceUpdatedAt == t2)
        #expect(try await ledger.entry(recordType: "order", netsuiteInternalID: "501")?.shopifyID == "1")
        #expect(try await ledger.remove(recordType: "order", shopifyID: "1"))
        #expect(try await ledger.entry(recordType: "order", shopifyID: "1") == nil)
    }

    @Test func cursorsPersistPerFlow() async throws {
        let fixture = try TenantFixture()
        #expect(try await fixture.database.ledger.cursor(flow: "orders") == nil)
        try await fixture.database.ledger.setCursor("2026-11-01T00:00:00Z", flow: "orders")
        try await fixture.database.ledger.setCursor("2026-11-02T00:00:00Z", flow: "orders")
        try await fixture.database.ledger.setCursor("42", flow: "inventory")
        let reopened = try fixture.secondConnection()
        #expect(try await reopened.ledger.cursor(flow: "orders") == "2026-11-02T00:00:00Z")
        #expect(try await reopened.ledger.cursor(flow: "inventory") == "42")
    }

    @Test func rateBudgetSurvivesAReopen() async throws {
        let fixture = try TenantFixture()
        let budget = fixture.database.rateBudget
        let snapshot = ShopifyBucketSnapshot(maximumAvailable: 2000, currentlyAvailable: 1500, restoreRate: 100,
                                             observedAt: fixture.clock.now())
        try await budget.saveShopifyBucket(snapshot)
        try await budget.saveNetSuiteShare(NetSuiteShare(accountID: "1234567_SB1", weight: 2, allottedConcurrency: 3))
        try await budget.recordCalls(api: "netsuite", count: 5)
        try await budget.recordCalls(api: "netsuite")
        fixture.clock.advance(by: .seconds(86_400))
        try await budget.recordCalls(api: "netsuite")

        let reopened = try fixture.secondConnection().rateBudget
        #expect(try await reopened.shopifyBucket() == snapshot)
        #expect(try await reopened.netSuiteShare()?.allottedConcurrency == 3)
        #expect(try await reopened.dailyCalls(api: "netsuite") == 1)
        #expect(try await reopened.dailyCalls(api: "netsuite", on: fixture.clock.now().addingTimeInterval(-86_400)) == 6)
        #expect(RateBudgetStore.dayKey(Date(timeIntervalSince1970: 1_800_000_000)) == "2027-01-15")
    }
}
