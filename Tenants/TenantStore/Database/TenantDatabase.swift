import Foundation
import GRDB
import Logging

/// One tenant's database: `<data-dir>/tenants/<id>/tenant.sqlite`, in WAL mode, holding the
/// tenant's job queue, payload archive, credential vault, rate budget, ledger and settings.
///
/// It is one connection (a `DatabaseQueue`): three file descriptors (database, -wal, -shm),
/// which is what lets thousands of tenants share a host. Parallelism comes from running
/// many tenants at once, not many connections per tenant.
public final class TenantDatabase: Sendable {
    public let tenantID: TenantID
    public let fileURL: URL
    public let jobs: JobQueue
    public let archive: PayloadArchive
    public let vault: CredentialVault
    public let ledger: Ledger
    public let rateBudget: RateBudgetStore
    /// The tenant's plugin settings, connection endpoints and enabled flows (never secrets).
    public let settings: TenantSettingsStore
    let connection: DatabaseQueue
    let clock: any WallClock

    /// Opens (creating if needed) the database in `directory`, migrating it to the current schema.
    /// Any failure is reported as `tenantDatabaseUnavailable` naming the tenant.
    public init(
        tenantID: TenantID, directory: URL, keyring: MasterKeyring,
        configuration: TenantDatabaseConfiguration = TenantDatabaseConfiguration(),
        logger: Logger = Logger(label: "synchost.tenant-store")
    ) throws {
        self.tenantID = tenantID
        fileURL = directory.appendingPathComponent("tenant.sqlite")
        clock = configuration.clock
        do {
            try PrivateFiles.makeDirectory(directory)
            try PrivateFiles.makeFile(fileURL)
            connection = try DatabaseQueue(path: fileURL.path, configuration: Self.grdbConfiguration(configuration))
            try connection.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(configuration.durability == .full ? "FULL" : "NORMAL")")
            }
            try TenantSchema.migrator.migrate(connection)
        } catch {
            throw TenantStoreError(.tenantDatabaseUnavailable, "tenant \(tenantID): database \(fileURL.path) is unusable: \(Self.describe(error))")
        }
        var tenantLogger = logger
        tenantLogger[metadataKey: "tenant"] = "\(tenantID)"
        jobs = JobQueue(writer: connection, clock: clock, leaseDuration: configuration.leaseDuration,
                        retryPolicy: configuration.retryPolicy)
        archive = PayloadArchive(writer: connection, clock: clock)
        vault = CredentialVault(writer: connection, tenantID: tenantID, keyring: keyring, clock: clock, logger: tenantLogger)
        ledger = Ledger(writer: connection, clock: clock)
        rateBudget = RateBudgetStore(writer: connection, clock: clock)
        settings = TenantSettingsStore(writer: connection, clock: clock)
    }

    /// Runs `body` in one IMMEDIATE write transaction, so that writes made through the
    /// ``TenantTransaction`` (archiving payloads and enqueueing their jobs) commit together
    /// or not at all. Compress payloads before, with ``PreparedPayload``.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (TenantTransaction) throws -> T) async throws -> T {
        let now = clock.now()
        return try await connection.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(TenantTransaction(db: db, now: now))
                return .commit
            }
            return result!
        }
    }

    /// Closes the connection and its files. Using the database afterwards throws.
    public func close() throws {
        try connection.close()
    }

    /// The journal mode and synchronous setting in force, as SQLite reports them.
    public func pragmas() async throws -> (journalMode: String, synchronous: Int) {
        try await connection.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode")!, try Int.fetchOne(db, sql: "PRAGMA synchronous")!)
        }
    }

    private static func grdbConfiguration(_ configuration: TenantDatabaseConfiguration) -> Configuration {
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(configuration.busyTimeout.timeInterval)
        config.label = "tenant"
        config.prepareDatabase { db in
            // Erased rows (redacted payloads, removed credentials) must not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? TenantStoreError { return error.message }
        return "\(error)"
    }
}

/// Writes grouped in one transaction of a tenant's database.
public struct TenantTransaction {
    let db: Database
    /// The time the transaction started, used for every timestamp it writes.
    public let now: Date

    /// Archives a prepared payload; see ``PayloadArchive/store(_:)-(NewPayload)``.
    public func store(_ payload: PreparedPayload) throws -> StoredPayload {
        try PayloadArchive.store(payload, in: db, now: now)
    }

    /// Enqueues a job; see ``JobQueue/enqueue(_:)-(NewJob)``.
    public func enqueue(_ job: NewJob) throws -> EnqueueResult {
        try JobQueue.enqueue(job, in: db, now: now)
    }
}
