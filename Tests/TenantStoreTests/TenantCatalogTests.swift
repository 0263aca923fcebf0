import Foundation
import Testing
@testable import TenantStore

@Suite struct TenantCatalogTests {
    func record(_ id: String, shop: String, account: String = "1234567_SB1", subsidiary: String = "2") throws -> TenantRecord {
        try TenantRecord(id: TenantID(id), displayName: "\(id) store", shopDomain: shop, netsuiteAccountID: account, subsidiaryID: subsidiary)
    }

    @Test(arguments: ["../x", "..", ".", "a/b", "/etc", "A", "Acme", "a", "-acme", "acme-", "acme_co", "acme co", "acmé",
                      String(repeating: "a", count: 64), "", "acme\u{0}", "%2e%2e"])
    func unsafeTenantIDsAreRefused(_ value: String) {
        let error = #expect(throws: TenantStoreError.self) { try TenantID(value) }
        #expect(error?.code == .invalidTenantID)
    }

    @Test(arguments: ["ab", "acme", "acme-outdoor-2", "9lives", String(repeating: "a", count: 63)])
    func slugTenantIDsAreAccepted(_ value: String) throws {
        #expect(try TenantID(value).rawValue == value)
    }

    @Test func aTenantIDFromJSONIsValidatedToo() {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(TenantID.self, from: Data(#""../etc""#.utf8)) }
    }

    @Test func shopDomainLookUpIsInMemoryAndCaseInsensitive() throws {
        let directory = try TemporaryDirectory()
        let catalog = try TenantCatalog(dataDirectory: directory.url)
        try catalog.add(record("acme", shop: "acme-outdoor.myshopify.com"))
        try catalog.add(record("globex", shop: "globex.myshopify.com", subsidiary: "3"))
        #expect(catalog.tenant(forShopDomain: "ACME-Outdoor.myshopify.com")?.id.rawValue == "acme")
        #expect(catalog.tenant(forShopDomain: "unknown.myshopify.com") == nil)

        // The database is the truth: a new catalog on the same folder knows the same tenants.
        let reopened = try TenantCatalog(dataDirectory: directory.url)
        #expect(reopened.tenants().map(\.id.rawValue) == ["acme", "globex"])
        #expect(reopened.tenant(forShopDomain: "globex.myshopify.com")?.subsidiaryID == "3")
        #expect(try FileManager.default.attributesOfItem(atPath: directory.url.appendingPathComponent("catalog.sqlite").path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func duplicatesAndBadRecordsAreRefusedBeforeAnythingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let catalog = try TenantCatalog(dataDirectory: directory.url)
        try catalog.add(record("acme", shop: "acme.myshopify.com"))
        #expect(throws: TenantStoreError(.tenantAlreadyExists, "tenant acme already exists")) {
            try catalog.add(record("acme", shop: "other.myshopify.com"))
        }
        #expect(throws: TenantStoreError(.shopDomainTaken, "shop acme.myshopify.com already belongs to tenant acme")) {
            try catalog.add(record("acme-two", shop: "ACME.myshopify.com"))
        }
        for bad in [("x1", "acme.com", "1", "2"), ("x2", "a.myshopify.com", "bad account!", "2"), ("x3", "b.myshopify.com", "123", "two")] {
            #expect(throws: TenantStoreError.self) { try record(bad.0, shop: bad.1, account: bad.2, subsidiary: bad.3) }
        }
        #expect(try TenantCatalog(dataDirectory: directory.url).tenants().count == 1)
    }

    @Test func statusAndRemovalUpdateTheIndex() throws {
        let directory = try TemporaryDirectory()
        let catalog = try TenantCatalog(dataDirectory: directory.url)
        try catalog.add(record("acme", shop: "acme.myshopify.com"))
        try catalog.setStatus(.disabled, for: TenantID("acme"))
        #expect(catalog.tenant(forShopDomain: "acme.myshopify.com")?.status == .disabled)
        #expect(try TenantCatalog(dataDirectory: directory.url).tenant(id: TenantID("acme"))?.status == .disabled)
        try catalog.remove(TenantID("acme"))
        #expect(catalog.tenant(forShopDomain: "acme.myshopify.com") == nil)
        #expect(throws: TenantStoreError.self) { try catalog.remove(TenantID("acme")) }
    }
}

@Suite struct TenantCatalogSharingTests {
    @Test func changesMadeByAnotherProcessArePickedUp() throws {
        let directory = try TemporaryDirectory()
        let serving = try TenantCatalog(dataDirectory: directory.url, refreshInterval: .zero)
        // A second catalog on the same file stands for `synchost tenant add` in another process.
        let operatorCommand = try TenantCatalog(dataDirectory: directory.url)
        #expect(serving.tenant(forShopDomain: "late.myshopify.com") == nil)
        try operatorCommand.add(TenantRecord(id: TenantID("late"), displayName: "Late", shopDomain: "late.myshopify.com",
                                             netsuiteAccountID: "1", subsidiaryID: "1"))
        #expect(serving.tenant(forShopDomain: "late.myshopify.com")?.id.rawValue == "late")
        try operatorCommand.setStatus(.disabled, for: TenantID("late"))
        #expect(serving.tenant(id: try TenantID("late"))?.status == .disabled)
        try operatorCommand.remove(TenantID("late"))
        #expect(serving.tenants().isEmpty)
        #expect(throws: TenantStoreError.self) { try serving.setStatus(.active, for: TenantID("late")) }
    }
}
