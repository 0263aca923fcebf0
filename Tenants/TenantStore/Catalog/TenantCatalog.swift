import Foundation
import GRDB
import Synchronization

/// The host's list of tenants: `<data-dir>/catalog.sqlite` is the truth, and an in-memory
/// index by shop domain answers webhook ingress's look-up without touching the disk.
/// Every change writes the database first and updates the index only once it committed.
public final class TenantCatalog: Sendable {
    public let dataDirectory: URL
    private let connection: DatabaseQueue
    private let index: Mutex<Index>

    private struct Index {
        var byID: [TenantID: TenantRecord] = [:]
        var byShopDomain: [String: TenantID] = [:]

        mutating func put(_ record: TenantRecord) {
            if let old = byID[record.id] { byShopDomain[old.shopDomain] = nil }
            byID[record.id] = record
            byShopDomain[record.shopDomain] = record.id
        }

        mutating func remove(_ id: TenantID) {
            if let old = byID.removeValue(forKey: id) { byShopDomain[old.shopDomain] = nil }
        }
    }

    /// Opens (creating if needed) the catalog in `dataDirectory` and loads the index.
    public init(dataDirectory: URL) throws {
        self.dataDirectory = dataDirectory
        let file = dataDirectory.appendingPathComponent("catalog.sqlite")
        try PrivateFiles.makeDirectory(dataDirectory)
        try PrivateFiles.makeFile(file)
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(5)
        do {
            connection = try DatabaseQueue(path: file.path, configuration: config)
            try connection.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(connection)
            let records = try connection.read { db in try TenantRecord.fetchAll(db, sql: "SELECT * FROM tenants") }
            var loaded = Index()
            for record in records { loaded.put(record) }
            index = Mutex(loaded)
        } catch {
            throw TenantStoreError(.fileSystem, "the tenant catalog \(file.path) is unusable: \(TenantDatabase.describe(error))")
        }
    }

    /// The folder of a tenant's files: `<data-dir>/tenants/<id>`. Only a validated
    /// ``TenantID`` can name it.
    public func directory(for id: TenantID) -> URL {
        Self.directory(for: id, in: dataDirectory)
    }

    static func directory(for id: TenantID, in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("tenants", isDirectory: true).appendingPathComponent(id.rawValue, isDirectory: true)
    }

    // MARK: Look-ups (memory only)

    /// The tenant that owns `shopDomain` (any case), in O(1) without I/O.
    public func tenant(forShopDomain shopDomain: String) -> TenantRecord? {
        index.withLock { index in index.byShopDomain[shopDomain.lowercased()].flatMap { index.byID[$0] } }
    }

    public func tenant(id: TenantID) -> TenantRecord? {
        index.withLock { $0.byID[id] }
    }

    /// Every tenant, sorted by id.
    public func tenants() -> [TenantRecord] {
        index.withLock { Array($0.byID.values) }.sorted { $0.id < $1.id }
    }

    // MARK: Changes (database first)

    /// Adds a tenant. Refuses a duplicate id or shop domain, and an invalid record, before
    /// anything is written.
    public func add(_ record: TenantRecord) throws {
        try record.validate()
        do {
            try connection.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE id = ?", arguments: [record.id.rawValue]) == true {
                    throw TenantStoreError(.tenantAlreadyExists, "tenant \(record.id) already exists")
                }
                if let owner = try String.fetchOne(db, sql: "SELECT id FROM tenants WHERE shop_domain = ?", arguments: [record.shopDomain]) {
                    throw TenantStoreError(.shopDomainTaken, "shop \(record.shopDomain) already belongs to tenant \(owner)")
                }
                try record.insert(db)
            }
        } catch let error as TenantStoreError {
            throw error
        } catch {
            throw TenantStoreError(.fileSystem, "cannot add tenant \(record.id): \(TenantDatabase.describe(error))")
        }
        index.withLock { $0.put(record) }
    }

    /// Enables or disables a tenant.
    public func setStatus(_ status: TenantRecord.Status, for id: TenantID) throws {
        guard var record = tenant(id: id) else { throw TenantStoreError(.tenantNotFound, "no tenant \(id)") }
        record.status = status
        try connection.write { db in
            try db.execute(sql: "UPDATE tenants SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue])
        }
        index.withLock { $0.put(record) }
    }

    /// Removes a tenant from the catalog. Its folder is left for the caller to delete or keep.
    public func remove(_ id: TenantID) throws {
        let removed = try connection.write { db in
            try db.execute(sql: "DELETE FROM tenants WHERE id = ?", arguments: [id.rawValue])
            return db.changesCount > 0
        }
        guard removed else { throw TenantStoreError(.tenantNotFound, "no tenant \(id)") }
        index.withLock { $0.remove(id) }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 tenants") { db in
            try db.execute(sql: """
                CREATE TABLE tenants (
                    id TEXT PRIMARY KEY,
                    display_name TEXT NOT NULL,
                    shop_domain TEXT NOT NULL UNIQUE,
                    netsuite_account_id TEXT NOT NULL,
                    subsidiary_id TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX tenants_account ON tenants (netsuite_account_id);
                """)
        }
        return migrator
    }
}

extension TenantRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "tenants"

    public init(row: Row) throws {
        try self.init(
            id: TenantID(row["id"]), displayName: row["display_name"], shopDomain: row["shop_domain"],
            netsuiteAccountID: row["netsuite_account_id"], subsidiaryID: row["subsidiary_id"],
            status: Status(rawValue: row["status"]) ?? .disabled,
            createdAt: Date(millisecondsSince1970: row["created_at"]))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.rawValue
        container["display_name"] = displayName
        container["shop_domain"] = shopDomain
        container["netsuite_account_id"] = netsuiteAccountID
        container["subsidiary_id"] = subsidiaryID
        container["status"] = status.rawValue
        container["created_at"] = createdAt.millisecondsSince1970
    }
}
