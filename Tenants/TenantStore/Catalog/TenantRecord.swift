import Foundation

/// A tenant as the catalog knows it: one Shopify store mapped to one NetSuite subsidiary.
public struct TenantRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Webhooks are accepted and jobs run.
        case active
        /// Kept, but not run: its webhooks are still authenticated and queued, and its jobs wait
        /// until it is enabled again.
        case disabled
    }

    public let id: TenantID
    public var displayName: String
    /// `name.myshopify.com`, lowercase; unique across the host.
    public var shopDomain: String
    /// Such as `1234567` or `1234567_SB1`.
    public var netsuiteAccountID: String
    public var subsidiaryID: String
    public var status: Status
    public let createdAt: Date

    public init(
        id: TenantID, displayName: String, shopDomain: String, netsuiteAccountID: String, subsidiaryID: String,
        status: Status = .active, createdAt: Date = Date()
    ) throws {
        self.id = id
        self.displayName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        self.shopDomain = shopDomain.lowercased()
        self.netsuiteAccountID = netsuiteAccountID.uppercased()
        self.subsidiaryID = subsidiaryID
        self.status = status
        self.createdAt = createdAt
        try validate()
    }

    /// Refuses a record that must not be written, with a message naming the field.
    func validate() throws {
        func refuse(_ message: String) -> TenantStoreError {
            TenantStoreError(.invalidTenantConfiguration, "tenant \(id): \(message)")
        }
        guard !displayName.isEmpty, displayName.count <= 200 else {
            throw refuse("display name must be 1 to 200 characters")
        }
        guard Self.isShopDomain(shopDomain) else {
            throw refuse("shop domain '\(shopDomain.prefix(100))' is not of the form name.myshopify.com")
        }
        guard Self.isNetSuiteAccountID(netsuiteAccountID) else {
            throw refuse("NetSuite account id '\(netsuiteAccountID.prefix(40))' is not like 1234567 or 1234567_SB1")
        }
        guard !subsidiaryID.isEmpty, subsidiaryID.count <= 18, subsidiaryID.allSatisfy(\.isASCIIDigit) else {
            throw refuse("subsidiary id '\(subsidiaryID.prefix(40))' must be a NetSuite internal id (digits)")
        }
    }

    static func isShopDomain(_ domain: String) -> Bool {
        let suffix = ".myshopify.com"
        guard domain.hasSuffix(suffix) else { return false }
        let name = domain.dropLast(suffix.count)
        return (1...60).contains(name.count) && name.first != "-" && name.last != "-"
            && name.allSatisfy { $0.isASCIIDigit || ("a"..."z").contains($0) || $0 == "-" }
    }

    static func isNetSuiteAccountID(_ account: String) -> Bool {
        (1...40).contains(account.count) && account.first!.isASCIIAlphanumeric
            && account.allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}
