import Foundation
import GRDB
import Synchronization

/// The host's list of tenants: `<data-dir>/catalog.sqlite` is the truth, and an in-memory
/// index by shop domain answers webhook ingress's look-up without touching the disk.
/// Every change is made in the database and the index is rebuilt from it in the same
/// serialized write, so the two never disagree. Changes made by another process (the
/// `synchost tenant` commands while `serve` runs) are picked up within
/// ``refreshInterval``: look-ups check SQLite's `data_version` at most that often.
public final class TenantCatalog: Sendable {
    public let dataDirectory: URL
    private let connection: DatabaseQueue
    private let index: Mutex<Index>
    private let lastRefresh: Mutex<(checkedAt: ContinuousClock.Instant, dataVersion: Int)>
    /// How often look-ups check whether another process changed the catalog. Default 1 s.
    public let refreshInterval: Duration

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
    public init(dataDirectory: URL, refreshInterval: Duration = .seconds(1)) throws {
        self.dataDirectory = dataDirectory
        self.refreshInterval = refreshInterval
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
            let (loaded, version) = try connection.read { db in (try Self.loadIndex(db), try Self.dataVersion(db)) }
            index = Mutex(loaded)
            lastRefresh = Mutex((ContinuousClock.now, version))
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
        refreshIfChangedElsewhere()
        return index.withLock { index in index.byShopDomain[shopDomain.lowercased()].flatMap { index.byID[$0] } }
    }

    public func tenant(id: TenantID) -> TenantRecord? {
        refreshIfChangedElsewhere()
        return index.withLock { $0.byID[id] }
    }

    /// Every tenant, sorted by id.
    public func tenants() -> [TenantRecord] {
        refreshIfChangedElsewhere()
        return index.withLock { Array($0.byID.values) }.sorted { $0.id < $1.id }
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
                try rebuildIndex(db)
            }
        } catch let error as TenantStoreError {
            throw error
        } catch {
            throw TenantStoreError(.fileSystem, "cannot add tenant \(record.id): \(TenantDatabase.describe(error))")
        }
    }

    /// Enables or disables a tenant.
    public func setStatus(_ status: TenantRecord.Status, for id: TenantID) throws {
        try connection.write { db in
            try db.execute(sql: "UPDATE tenants SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue])
            guard db.changesCount == 1 else { throw TenantStoreError(.tenantNotFound, "no tenant \(id)") }
            try rebuildIndex(db)
        }
    }

    /// Removes a tenant from the catalog. Its folder is left for the caller to delete or keep.
    public func remove(_ id: TenantID) throws {
        try connection.write { db in
            try db.execute(sql: "DELETE FROM tenants WHERE id = ?", arguments: [id.rawValue])
            guard db.changesCount > 0 else { throw TenantStoreError(.tenantNotFound, "no tenant \(id)") }
            try rebuildIndex(db)
        }
    }

    // MARK: Index maintenance

    /// Rebuilds the index from the table. Called inside the write that changed it, so
    /// concurrent changes apply to the index in the order they committed.
    private func rebuildIndex(_ db: Database) throws {
        let loaded = try Self.loadIndex(db)
        index.withLock { $0 = loaded }
    }

    private func refreshIfChangedElsewhere() {
        let now = ContinuousClock.now
        let due = lastRefresh.withLock { now - $0.checkedAt >= refreshInterval }
        guard due else { return }
        // `data_version` changes when another connection (another process) commits.
        guard let (loaded, version) = try? connection.read({ db in (try Self.loadIfChanged(db, since: lastRefresh.withLock { $0.dataVersion })) }) else {
            return
        }
        if let loaded { index.withLock { $0 = loaded } }
        lastRefresh.withLock { $0 = (now, version) }
    }

    private static func loadIfChanged(_ db: Database, since version: Int) throws -> (Index?, Int) {
        let current = try dataVersion(db)
        return (current == version ? nil : try loadIndex(db), current)
    }

    private static func loadIndex(_ db: Database) throws -> Index {
        var loaded = Index()
        for record in try TenantRecord.fetchAll(db, sql: "SELECT * FROM tenants") { loaded.put(record) }
        return loaded
    }

    private static func dataVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
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
