import Foundation
import Synchronization
@testable import TenantStore

/// A folder of its own for one test, removed when the test's scope ends.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A clock that moves only when a test moves it.
final class ManualClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.timeInterval) }
    }
}

/// A tenant database in a fresh folder, on a manual clock.
struct TenantFixture {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let keyring: MasterKeyring
    let database: TenantDatabase

    init(
        tenant: String = "acme", leaseDuration: Duration = .seconds(30),
        retryPolicy: RetryPolicy = RetryPolicy(jitter: 0)
    ) throws {
        directory = try TemporaryDirectory()
        clock = ManualClock()
        keyring = MasterKeyring(current: .generate())
        database = try TenantDatabase(
            tenantID: TenantID(tenant), directory: directory.url.appendingPathComponent(tenant), keyring: keyring,
            configuration: TenantDatabaseConfiguration(leaseDuration: leaseDuration, retryPolicy: retryPolicy, clock: clock))
    }

    func configuration(leaseDuration: Duration = .seconds(30), retryPolicy: RetryPolicy = RetryPolicy(jitter: 0)) -> TenantDatabaseConfiguration {
        TenantDatabaseConfiguration(leaseDuration: leaseDuration, retryPolicy: retryPolicy, clock: clock)
    }

    /// A second connection to the same database file, as another process would have.
    func secondConnection() throws -> TenantDatabase {
        try TenantDatabase(
            tenantID: database.tenantID, directory: database.fileURL.deletingLastPathComponent(), keyring: keyring,
            configuration: configuration())
    }
}

/// The number of file descriptors this process has open.
func openFileDescriptorCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
}
