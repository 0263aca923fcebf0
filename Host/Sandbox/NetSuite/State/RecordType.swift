import Foundation

/// The record types the sandbox's REST record service knows, spelled as NetSuite spells them.
enum RecordType: String, CaseIterable, Sendable {
    case salesOrder, customer, creditMemo, cashRefund, itemFulfillment, journalEntry
    case inventoryItem, kitItem, discountItem, otherChargeItem, priceLevel
    case subsidiary, location, currency, account

    /// NetSuite's REST record service matches type names case-insensitively.
    init?(pathSegment: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == pathSegment.lowercased() }) else {
            return nil
        }
        self = match
    }

    /// Every item record type; they share one id space for lines, kits and prices.
    static let itemTypes: [RecordType] = [.inventoryItem, .kitItem, .discountItem, .otherChargeItem]

    /// Item types share one id space for lines, kits and prices.
    var isItem: Bool { Self.itemTypes.contains(self) }

    /// Items whose lines ship goods: they commit stock and are fulfilled. Discount and other-charge
    /// lines carry money only, so NetSuite never fulfills them.
    var isFulfillableItem: Bool { self == .inventoryItem || self == .kitItem }

    /// The `itemtype` value of the SuiteQL `item` table, as NetSuite writes it.
    var suiteQLItemType: String? {
        switch self {
        case .inventoryItem: "InvtPart"
        case .kitItem: "Kit"
        case .discountItem: "Discount"
        case .otherChargeItem: "OthCharge"
        default: nil
        }
    }

    /// Transactions carry `tranId`, `tranDate` and appear in SuiteQL's `transaction` table.
    var isTransaction: Bool {
        [.salesOrder, .creditMemo, .cashRefund, .itemFulfillment, .journalEntry].contains(self)
    }

    /// The `type` value of the SuiteQL `transaction` table.
    var suiteQLTransactionType: String? {
        switch self {
        case .salesOrder: "SalesOrd"
        case .creditMemo: "CustCred"
        case .cashRefund: "CashRfnd"
        case .itemFulfillment: "ItemShip"
        case .journalEntry: "Journal"
        default: nil
        }
    }

    /// Whether `DELETE` is allowed; reference data set up by an administrator is not deleted over REST here.
    var isDeletable: Bool {
        ![.subsidiary, .currency, .account].contains(self)
    }

    /// Reference records are created by the sandbox's seeding API; NetSuite itself requires
    /// `!transform` for item fulfillments.
    var acceptsDirectCreate: Bool {
        ![.itemFulfillment, .subsidiary, .currency, .account].contains(self)
    }
}

/// The stored records of one type, in creation order, with an index of external ids.
struct RecordTable: Sendable {
    private(set) var order: [String] = []
    private(set) var byID: [String: [String: SandboxJSON]] = [:]
    private(set) var idByExternalID: [String: String] = [:]

    var count: Int { order.count }
    var all: [[String: SandboxJSON]] { order.compactMap { byID[$0] } }

    subscript(id: String) -> [String: SandboxJSON]? { byID[id] }

    func id(forExternalID externalID: String) -> String? { idByExternalID[externalID] }

    /// Inserts or replaces the record with `id`, keeping the external id index in step.
    mutating func store(_ record: [String: SandboxJSON], id: String) {
        if let previous = byID[id]?["externalId"]?.stringValue { idByExternalID[previous] = nil }
        if byID[id] == nil { order.append(id) }
        byID[id] = record
        if let externalID = record["externalId"]?.stringValue { idByExternalID[externalID] = id }
    }

    mutating func remove(id: String) {
        guard let record = byID.removeValue(forKey: id) else { return }
        if let externalID = record["externalId"]?.stringValue { idByExternalID[externalID] = nil }
        order.removeAll { $0 == id }
    }
}
