import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("Governance and faults")
struct GovernanceTests {
    /// Sends `count` concurrent GETs, alternating between the signers.
    static func fire(_ count: Int, harness: SandboxHarness, signers: [TestTBASigner]) async throws -> [TestResponse] {
        try await withThrowingTaskGroup(of: TestResponse.self) { group in
            for index in 0..<count {
                let signer = signers[index % signers.count]
                group.addTask { try await harness.send(.GET, harness.recordURL("inventoryItem"), signer: signer) }
            }
            var collected: [TestResponse] = []
            for try await response in group { collected.append(response) }
            return collected
        }
    }

    @Test("more concurrent requests than the limit: 429s, and in flight never above the limit")
    func concurrencyLimit() async throws {
        try await withHarness(concurrencyLimit: 3) { harness in
            let id = SandboxHarness.accountID
            // Each admitted request is held 2 s so all ten surely overlap even on a loaded 2-core machine;
            // they run concurrently, so the test still takes about 2 s in all.
            await harness.sandbox.setFaults(account: id, NetSuiteFaults(latency: .fixed(2000)))
            // Two callers (tenants) share the account's one limit.
            let other = TestTBASigner(credentials: try await harness.sandbox.issueTBAToken(account: id, label: "store-b"),
                                      realm: SandboxHarness.accountID)
            let statuses = try await Self.fire(10, harness: harness, signers: [harness.signer, other])
            let refused = statuses.filter { $0.status == 429 }
            #expect(statuses.count(where: { $0.status == 200 }) >= 3)
            #expect(!refused.isEmpty)
            #expect(refused.allSatisfy { $0.errorCode == "CONCURRENCY_LIMIT_EXCEEDED" && $0.body?["title"] == "Too Many Requests" })
            let stats = await harness.sandbox.stats(account: id)
            #expect(stats.concurrencyHighWaterMark <= 3)
            #expect(stats.concurrencyHighWaterMark >= 2)
            #expect(stats.tooManyRequests == refused.count)
            #expect(stats.tooManyRequestsByLabel.values.reduce(0, +) == refused.count)
            #expect(stats.requests == 10)
            #expect(stats.inFlight == 0)
            #expect(stats.requestsByLabel["store-a", default: 0] + stats.requestsByLabel["store-b", default: 0] == 10)
        }
    }

    @Test("maintenance answers 503 with Retry-After until it ends")
    func maintenance() async throws {
        try await withHarness(configuration: .init(timeScale: 60)) { harness in
            let id = SandboxHarness.accountID
            await harness.sandbox.setFaults(account: id, NetSuiteFaults(maintenance: true, maintenanceRetryAfterSeconds: 120))
            let down = try await harness.send(.GET, harness.recordURL("inventoryItem"))
            #expect(down.status == 503)
            #expect(down.headers.first(name: "Retry-After") == "2")  // 120 sandbox seconds at 60x
            await harness.sandbox.setFaults(account: id, .none)
            #expect(try await harness.send(.GET, harness.recordURL("inventoryItem")).status == 200)
            #expect(await harness.sandbox.stats(account: id).serverErrors == 1)
        }
    }

    @Test("seeded server errors repeat exactly; a hung request times out on the client and frees its slot when the hang ends")
    func seededFaults() async throws {
        try await withHarness(configuration: .init(maximumHangSeconds: 2)) { harness in
            let id = SandboxHarness.accountID
            func run() async throws -> [Int] {
                await harness.sandbox.setFaults(account: id, NetSuiteFaults(serverErrorRate: 0.5, seed: 42))
                var statuses: [Int] = []
                for _ in 0..<12 { statuses.append(try await harness.send(.GET, harness.recordURL("inventoryItem")).status) }
                return statuses
            }
            let first = try await run()
            #expect(try await run() == first)
            #expect(first.contains(200))
            #expect(first.contains { [500, 502, 503].contains($0) })

            await harness.sandbox.setFaults(account: id, NetSuiteFaults(timeoutRate: 1))
            var request = HTTPClientRequest(url: harness.recordURL("inventoryItem").absoluteString)
            request.headers.add(name: "Authorization", value: harness.signer.authorization(method: "GET", url: harness.recordURL("inventoryItem")))
            let started = ContinuousClock.now
            await #expect(throws: (any Error).self) { try await SandboxHarness.execute(request, timeout: .milliseconds(300)) }
            #expect(ContinuousClock.now - started < .seconds(2))
            // Like NetSuite, the sandbox keeps the hung request in flight (it counts against the concurrency
            // limit) after the client gave up, and frees the slot once the hang ends.
            #expect(await harness.sandbox.stats(account: id).inFlight == 1)
            let deadline = ContinuousClock.now + .seconds(6)
            while await harness.sandbox.stats(account: id).inFlight > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(await harness.sandbox.stats(account: id).inFlight == 0)
            await harness.sandbox.setFaults(account: id, .none)
            #expect(try await harness.send(.GET, harness.recordURL("inventoryItem")).status == 200)
        }
    }
}
