import Crypto
import Foundation

/// An integration record's consumer (TBA).
struct TBAConsumer: Sendable {
    let secret: String
    let label: String
}

/// A TBA access token, bound to the consumer it was issued for.
struct TBAToken: Sendable {
    let secret: String
    let consumerKey: String
    let label: String
}

/// An OAuth 2.0 client credentials (M2M) client with its certificate's public key.
struct M2MClient: Sendable {
    let label: String
    let certificateID: String
    let publicKey: P256.Signing.PublicKey
}

/// A bearer token issued by the token endpoint; it dies 3600 sandbox seconds after `issuedAt`.
struct AccessToken: Sendable {
    let label: String
    let issuedAt: Double
}

/// Quantities of one item at one location.
struct InventoryBalance: Sendable {
    var onHand: Int
    var available: Int
    var lastModified: Date
    var committed: Int { max(0, onHand - available) }
}

/// Everything one NetSuite account of the sandbox holds.
struct AccountState: Sendable {
    let id: String
    let concurrencyLimit: Int
    var nextInternalID = 1
    var tables: [RecordType: RecordTable] = [:]
    /// Keyed by item id, then location id.
    var inventory: [String: [String: InventoryBalance]] = [:]
    var consumers: [String: TBAConsumer] = [:]
    var tokens: [String: TBAToken] = [:]
    /// Nonce (per token) -> sandbox time it was first seen; pruned once outside the window.
    var seenNonces: [String: Double] = [:]
    var noncesPrunedAt: Double = 0
    var m2mClients: [String: M2MClient] = [:]
    var accessTokens: [String: AccessToken] = [:]
    var faults = NetSuiteFaults.none
    var random = SeededRandom(seed: NetSuiteFaults.none.seed)
    var stats = NetSuiteSandboxStats()
    var transactionNumbers: [RecordType: Int] = [:]

    init(id: String, concurrencyLimit: Int) {
        self.id = id
        self.concurrencyLimit = max(1, concurrencyLimit)
    }

    mutating func allocateID() -> String {
        defer { nextInternalID += 1 }
        return String(nextInternalID)
    }

    /// The next document number of a transaction type, e.g. `SO1001`.
    mutating func allocateTransactionNumber(for type: RecordType) -> String {
        let next = (transactionNumbers[type] ?? 1000) + 1
        transactionNumbers[type] = next
        let prefix: String = switch type {
        case .salesOrder: "SO"
        case .creditMemo: "CM"
        case .cashRefund: "CR"
        case .itemFulfillment: "IF"
        default: "JE"
        }
        return "\(prefix)\(next)"
    }

    func record(_ type: RecordType, id: String) -> [String: SandboxJSON]? { tables[type]?[id] }

    /// The item record with `id`, whatever its item type.
    func item(id: String) -> (type: RecordType, record: [String: SandboxJSON])? {
        for type in RecordType.itemTypes {
            if let record = tables[type]?[id] { return (type, record) }
        }
        return nil
    }

    /// The id of the item whose `itemId` (SKU) is `sku`.
    func itemID(sku: String) -> String? {
        for type in RecordType.itemTypes {
            if let match = tables[type]?.all.first(where: { $0["itemId"]?.stringValue == sku }) {
                return match["id"]?.stringValue
            }
        }
        return nil
    }

    /// Stores a record, stamping its id and dates as NetSuite does.
    mutating func store(_ fields: [String: SandboxJSON], type: RecordType, id: String, now: Date = Date()) {
        var record = fields
        let stamp = SandboxJSON.string(ISO8601.format(now))
        record["id"] = .string(id)
        record["createdDate"] = tables[type]?[id]?["createdDate"] ?? stamp
        record["lastModifiedDate"] = stamp
        tables[type, default: RecordTable()].store(record, id: id)
    }
}

/// ISO-8601 with seconds and a `Z`, as NetSuite's REST service writes date-times.
enum ISO8601 {
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// `yyyy-MM-dd` in UTC.
    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash))
    }
}
