import Foundation
import Testing
import TenantStore
@testable import SyncHost

@Suite struct IngestCommitterTests {
    private func request(_ index: Int, eventID: String? = nil, flow: String = "orders") throws -> IngestRequest {
        let body = Data(#"{"id":\#(index),"total_price":"10.00"}"#.utf8)
        return IngestRequest(
            identity: DeliveryIdentity(source: "shopify", topic: "orders/create", deliveryID: "webhook-\(index)",
                                       eventID: eventID ?? "event-\(index)"),
            payload: try PreparedPayload(NewPayload(body: body, topic: "orders/create", source: "shopify")),
            jobs: [NewJob(flow: flow, kind: "orders/create", uniqueKey: "orders/create:\(eventID ?? "event-\(index)")")])
    }

    private func makePool() throws -> (TenantPool, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-ingest-\(UUID().uuidString)")
        return (TenantPool(dataDirectory: directory, keyring: MasterKeyring(current: .generate())), directory)
    }

    @Test func concurrentDeliveriesCommitInGroupsAndAllBecomeDurable() async throws {
        let (pool, directory) = try makePool()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tenant = try TenantID("acme")
        let committer = IngestCommitter(tenant: tenant, pool: pool)
        let requests = try (0..<300).map { try request($0) }
        let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
            for item in requests { group.addTask { try await committer.submit(item) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 300)
        #expect(results.allSatisfy { if case .accepted(_, let jobs) = $0 { jobs.count == 1 } else { false } })
        let transactions = await committer.transactions
        #expect(transactions < 300, "grouping must save transactions (used \(transactions))")
        let stats = try await pool.withDatabase(tenant) { try await $0.jobs.stats() }
        #expect(stats.count(.available) == 300)
        #expect(try await pool.withDatabase(tenant) { try await $0.archive.stats().payloads } == 300)
    }

    @Test func aRedeliveredEventIsAcknowledgedButNotEnqueuedTwice() async throws {
        let (pool, directory) = try makePool()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tenant = try TenantID("acme")
        let committer = IngestCommitter(tenant: tenant, pool: pool)
        let first = try await committer.submit(try request(1, eventID: "event-A"))
        // Shopify's retry: a new webhook id, the same event id.
        let retry = try await committer.submit(try request(2, eventID: "event-A"))
        // The same webhook id again.
        let replay = try await committer.submit(try request(1, eventID: "event-A"))
        guard case .accepted = first else { Issue.record("first delivery not accepted: \(first)"); return }
        #expect(retry == .duplicate)
        #expect(replay == .duplicate)
        #expect(try await pool.withDatabase(tenant) { try await $0.jobs.stats().count(.available) } == 1)
    }

    @Test func oneBadRequestInAGroupFailsAlone() async throws {
        let (pool, directory) = try makePool()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tenant = try TenantID("acme")
        let committer = IngestCommitter(tenant: tenant, pool: pool)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                let item = try! request(index, flow: index == 17 ? "" : "orders")  // an empty flow is refused
                group.addTask { (try? await committer.submit(item)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 39)
        #expect(try await pool.withDatabase(tenant) { try await $0.jobs.stats().count(.available) } == 39)
    }
}
