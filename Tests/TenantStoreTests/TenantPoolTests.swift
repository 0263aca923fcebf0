import Foundation
import Testing
@testable import TenantStore

@Suite struct TenantPoolTests {
    @Test func tenantFilesAreReadableByTheHostUserOnly() async throws {
        let directory = try TemporaryDirectory()
        let pool = TenantPool(dataDirectory: directory.url, keyring: MasterKeyring(current: .generate()))
        let id = try TenantID("acme")
        let (journalMode, synchronous) = try await pool.withDatabase(id) { database in
            _ = try await database.jobs.enqueue(NewJob(flow: "orders", kind: "k"))
            return try await database.pragmas()
        }
        #expect(journalMode == "wal")
        #expect(synchronous == 2, "synchronous=FULL")
        let tenantFolder = directory.url.appendingPathComponent("tenants/acme")
        #expect(try FileManager.default.attributesOfItem(atPath: tenantFolder.path)[.posixPermissions] as? Int == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: tenantFolder.path)
        #expect(files.contains("tenant.sqlite") && files.contains("tenant.sqlite-wal"))
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: tenantFolder.appendingPathComponent(file).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) has mode \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func twoThousandTenantsOpenWithoutExhaustingDescriptors() async throws {
        let directory = try TemporaryDirectory()
        let cap = 64
        let pool = TenantPool(
            dataDirectory: directory.url, keyring: MasterKeyring(current: .generate()),
            configuration: .init(maximumOpenDatabases: cap, database: .init(durability: .normal)))
        let before = openFileDescriptorCount()
        var peak = before
        for index in 0..<2_000 {
            let id = try TenantID("tenant-\(index)")
            _ = try await pool.withDatabase(id) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: "k")) }
            if index % 50 == 0 { peak = max(peak, openFileDescriptorCount()) }
        }
        #expect(await pool.openCount == cap)
        // Three descriptors per open WAL database, plus slack for the test runner's own.
        #expect(peak - before <= cap * 3 + 32, "descriptors grew by \(peak - before)")
        // The first tenants were closed along the way and reopen with their data.
        let jobs = try await pool.withDatabase(try TenantID("tenant-0")) { try await $0.jobs.jobs().count }
        #expect(jobs == 1)
        await pool.closeAll()
        #expect(await pool.openCount == 0)
        #expect(openFileDescriptorCount() <= before + 8)
    }

    @Test func aCorruptTenantDatabaseFailsAloneWithAClearError() async throws {
        let directory = try TemporaryDirectory()
        let pool = TenantPool(dataDirectory: directory.url, keyring: MasterKeyring(current: .generate()))
        let healthy = try TenantID("healthy")
        let broken = try TenantID("broken")
        _ = try await pool.withDatabase(healthy) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: "k")) }
        let brokenFolder = directory.url.appendingPathComponent("tenants/broken")
        try FileManager.default.createDirectory(at: brokenFolder, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8192).write(to: brokenFolder.appendingPathComponent("tenant.sqlite"))

        let error = await #expect(throws: TenantStoreError.self) {
            try await pool.withDatabase(broken) { try await $0.jobs.stats() }
        }
        #expect(error?.code == .tenantDatabaseUnavailable)
        #expect(error?.message.contains("tenant broken") == true)
        #expect(await !pool.isOpen(broken))
        let stats = try await pool.withDatabase(healthy) { try await $0.jobs.stats() }
        #expect(stats.count(.available) == 1)
        _ = try await pool.withDatabase(try TenantID("newcomer")) { try await $0.jobs.enqueue(NewJob(flow: "orders", kind: "k")) }
    }

    @Test func closeIdleClosesOnlyDatabasesNotInUse() async throws {
        let directory = try TemporaryDirectory()
        let pool = TenantPool(dataDirectory: directory.url, keyring: MasterKeyring(current: .generate()))
        let busy = try TenantID("busy")
        let idle = try TenantID("idle")
        _ = try await pool.withDatabase(idle) { try await $0.jobs.stats() }
        try await pool.withDatabase(busy) { _ in
            #expect(await pool.closeIdle(idleFor: .zero) == 1)
            #expect(await pool.isOpen(busy))
        }
        #expect(await !pool.isOpen(idle))
    }
}
