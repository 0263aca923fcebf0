import Foundation
import Logging

/// The open tenant databases of a host, at most ``Configuration/maximumOpenDatabases`` at
/// a time. Opening past the cap closes the least recently used database nobody is using.
/// Each open tenant costs three file descriptors, so the cap, not the number of tenants,
/// bounds the host's descriptors.
///
/// A tenant whose database cannot be opened (corrupt, unreadable) fails alone with a
/// `tenantDatabaseUnavailable` error; the pool and every other tenant carry on.
public actor TenantPool {
    public struct Configuration: Sendable {
        /// Databases kept open at once. Default 128: 384 descriptors, well inside the common
        /// 1,024 soft limit together with the host's sockets, however many tenants there are.
        public var maximumOpenDatabases: Int
        /// How each tenant database is opened.
        public var database: TenantDatabaseConfiguration

        public init(maximumOpenDatabases: Int = 128, database: TenantDatabaseConfiguration = TenantDatabaseConfiguration()) {
            self.maximumOpenDatabases = max(1, maximumOpenDatabases)
            self.database = database
        }
    }

    private struct Entry {
        let database: TenantDatabase
        var users = 0
        var lastUsed: ContinuousClock.Instant
    }

    public let dataDirectory: URL
    public let configuration: Configuration
    private(set) var keyring: MasterKeyring
    private let logger: Logger
    private var open: [TenantID: Entry] = [:]

    public init(dataDirectory: URL, keyring: MasterKeyring, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "synchost.tenant-pool")) {
        self.dataDirectory = dataDirectory
        self.keyring = keyring
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs `body` with the tenant's database, opening it if needed. The database stays open
    /// at least until `body` returns.
    public func withDatabase<T: Sendable>(_ id: TenantID, _ body: @Sendable (TenantDatabase) async throws -> T) async throws -> T {
        let database = try checkOut(id)
        defer { checkIn(id) }
        return try await body(database)
    }

    /// How many tenant databases are open now.
    public var openCount: Int { open.count }

    /// Whether any open database is being used right now.
    var hasDatabasesInUse: Bool { open.values.contains { $0.users > 0 } }

    /// Whether this tenant's database is open now.
    public func isOpen(_ id: TenantID) -> Bool { open[id] != nil }

    /// Closes every open database that nobody is using and that was last used more than
    /// `idleTime` ago; returns how many were closed.
    @discardableResult
    public func closeIdle(idleFor idleTime: Duration) -> Int {
        let cutoff = ContinuousClock.now - idleTime
        let idle = open.filter { $0.value.users == 0 && $0.value.lastUsed < cutoff }.map(\.key)
        idle.forEach(close)
        return idle.count
    }

    /// Closes every database nobody is using (all of them when the host is stopping).
    public func closeAll() {
        open.filter { $0.value.users == 0 }.map(\.key).forEach(close)
    }

    private func checkOut(_ id: TenantID) throws -> TenantDatabase {
        if var entry = open[id] {
            entry.users += 1
            entry.lastUsed = .now
            open[id] = entry
            return entry.database
        }
        makeRoom()
        let database = try TenantDatabase(
            tenantID: id, directory: TenantCatalog.directory(for: id, in: dataDirectory), keyring: keyring,
            configuration: configuration.database, logger: logger)
        open[id] = Entry(database: database, users: 1, lastUsed: .now)
        return database
    }

    private func checkIn(_ id: TenantID) {
        guard var entry = open[id] else { return }
        entry.users -= 1
        entry.lastUsed = .now
        open[id] = entry
        if open.count > configuration.maximumOpenDatabases { makeRoom() }
    }

    /// Closes least recently used idle databases until one more fits under the cap. When
    /// every open database is in use the pool goes over the cap rather than wait: the
    /// excess closes as soon as its users are done.
    private func makeRoom() {
        while open.count >= configuration.maximumOpenDatabases {
            guard let victim = open.filter({ $0.value.users == 0 }).min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key else {
                return
            }
            close(victim)
        }
    }

    private func close(_ id: TenantID) {
        guard let entry = open.removeValue(forKey: id) else { return }
        do {
            try entry.database.close()
        } catch {
            logger.warning("closing tenant database failed", metadata: ["tenant": "\(id)", "error": "\(error)"])
        }
    }

    /// Replaces the keyring used for databases opened from now on, closing idle ones so
    /// they reopen with it.
    func useKeyring(_ keyring: MasterKeyring) {
        self.keyring = keyring
        closeAll()
    }
}
