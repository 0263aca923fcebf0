import Foundation
import TenantStore

/// A real tenant database (ledger, payload archive, jobs) in a temporary folder, removed
/// when the fixture is released.
final class TenantStoreFixture: Sendable {
    let directory: URL
    let database: TenantDatabase

    init(tenant: String = "acme") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-flowtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TenantDatabase(
            tenantID: try TenantID(tenant), directory: directory.appendingPathComponent(tenant),
            keyring: MasterKeyring(current: .generate()))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Archives a webhook body and returns its payload id, for a job's `payloadID`.
    func storePayload(_ json: String, topic: String) async throws -> Int64 {
        try await database.archive.store(NewPayload(body: Data(json.utf8), topic: topic, source: "test")).id
    }
}
