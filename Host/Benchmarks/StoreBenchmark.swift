import Foundation
import TenantStore

/// `synchost bench store`: how fast the tenant store takes jobs and payloads, for one tenant
/// and spread over many, one row per transaction and batched; and how well the archive
/// compresses realistic order webhooks.
public struct StoreBenchmark: Sendable {
    public let directory: URL
    public let operations: Int
    public let tenants: Int
    public let batchSize: Int

    public init(directory: URL, operations: Int, tenants: Int, batchSize: Int) {
        self.directory = directory
        self.operations = operations
        self.tenants = tenants
        self.batchSize = batchSize
    }

    /// One measured rate.
    public struct Measurement: Sendable {
        public let name: String
        public let tenants: Int
        public let mode: String
        public let perSecond: Double
    }

    public struct Report: Sendable {
        public let measurements: [Measurement]
        public let compressionRatioWithDictionary: Double
        public let compressionRatioPlain: Double
        public let averageOrderBytes: Int

        /// The figures as an aligned text table.
        public var table: String {
            var lines = ["operation              tenants  mode        per second"]
            for m in measurements {
                lines.append(m.name.padding(toLength: 23, withPad: " ", startingAt: 0)
                    + String(m.tenants).leftPadded(7) + "  " + m.mode.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(Int(m.perSecond.rounded())).leftPadded(12))
            }
            lines.append("")
            lines.append("archive compression of order webhooks (average \(averageOrderBytes) bytes):")
            lines.append(String(format: "  zlib level 6 alone         %.2fx", compressionRatioPlain))
            lines.append(String(format: "  zlib with shopify-v1 dict  %.2fx", compressionRatioWithDictionary))
            return lines.joined(separator: "\n")
        }
    }

    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        let pool = TenantPool(
            dataDirectory: directory, keyring: MasterKeyring(current: .generate()),
            configuration: .init(maximumOpenDatabases: max(tenants, 1) + 1))
        var orders = SampleShopifyOrders(seed: 2026)
        let bodies = (0..<operations).map { orders.next(orderNumber: 1001 + $0) }
        var results: [Measurement] = []
        for (tenantCount, label) in [(1, "one"), (tenants, "many")] {
            let ids = try (0..<tenantCount).map { try TenantID("bench-\(label)-\($0)") }
            // Open (create and migrate) every tenant first: opening is not what is measured.
            for id in ids { _ = try await pool.withDatabase(id) { try await $0.jobs.stats() } }
            for batched in [false, true] {
                let mode = batched ? "batch \(batchSize)" : "single"
                progress("measuring \(tenantCount) tenant(s), \(mode)...")
                let enqueue = try await measure(ids: ids, pool: pool) { database, share in
                    try await enqueueJobs(database, count: share, batched: batched)
                }
                results.append(Measurement(name: "enqueue", tenants: tenantCount, mode: mode, perSecond: enqueue))
                let claim = try await measure(ids: ids, pool: pool) { database, share in
                    try await claimAndComplete(database, count: share, batched: batched)
                }
                results.append(Measurement(name: "claim+complete", tenants: tenantCount, mode: mode, perSecond: claim))
                let archive = try await measure(ids: ids, pool: pool) { database, share in
                    try await archivePayloads(database, bodies: Array(bodies.prefix(share)), batched: batched,
                                              salt: "\(tenantCount)-\(batched)")
                }
                results.append(Measurement(name: "archive write", tenants: tenantCount, mode: mode, perSecond: archive))
            }
        }
        let compressed = try bodies.map { try PreparedPayload(NewPayload(body: $0, topic: "orders/create", source: "shopify")) }
        let plain = try bodies.map { try PreparedPayload(NewPayload(body: $0, topic: "orders/create", source: "plain")) }
        let raw = bodies.reduce(0) { $0 + $1.count }
        await pool.closeAll()
        return Report(
            measurements: results,
            compressionRatioWithDictionary: Double(raw) / Double(compressed.reduce(0) { $0 + $1.compressedSize }),
            compressionRatioPlain: Double(raw) / Double(plain.reduce(0) { $0 + $1.compressedSize }),
            averageOrderBytes: raw / max(bodies.count, 1))
    }

    /// Runs `work` on every tenant at once, each with its share of the operations, and
    /// returns operations per second over the whole run.
    private func measure(
        ids: [TenantID], pool: TenantPool, _ work: @escaping @Sendable (TenantDatabase, Int) async throws -> Void
    ) async throws -> Double {
        let share = max(1, operations / ids.count)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask { try await pool.withDatabase(id) { try await work($0, share) } }
            }
            try await group.waitForAll()
        }
        let elapsed = (ContinuousClock.now - start)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(share * ids.count) / max(seconds, 1e-9)
    }

    private func enqueueJobs(_ database: TenantDatabase, count: Int, batched: Bool) async throws {
        let jobs = (0..<count).map { NewJob(flow: "orders", kind: "orders/create", uniqueKey: "bench-\(batched)-\($0)") }
        if batched {
            for start in stride(from: 0, to: jobs.count, by: batchSize) {
                _ = try await database.jobs.enqueue(Array(jobs[start..<min(start + batchSize, jobs.count)]))
            }
        } else {
            for job in jobs { _ = try await database.jobs.enqueue(job) }
        }
    }

    private func claimAndComplete(_ database: TenantDatabase, count: Int, batched: Bool) async throws {
        var done = 0
        while done < count {
            let jobs = try await database.jobs.claim(limit: batched ? min(batchSize, count - done) : 1)
            guard !jobs.isEmpty else { break }
            try await database.jobs.complete(jobs)
            done += jobs.count
        }
    }

    private func archivePayloads(_ database: TenantDatabase, bodies: [Data], batched: Bool, salt: String) async throws {
        // Salted per run so each measurement stores new bodies instead of finding duplicates.
        let payloads = bodies.enumerated().map { index, body in
            NewPayload(body: body + Data(" \(salt)-\(index)".utf8), topic: "orders/create", source: "shopify")
        }
        if batched {
            for start in stride(from: 0, to: payloads.count, by: batchSize) {
                _ = try await database.archive.store(Array(payloads[start..<min(start + batchSize, payloads.count)]))
            }
        } else {
            for payload in payloads { _ = try await database.archive.store(payload) }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
