import Foundation
import Logging
import PluginKit
import Testing
import TenantStore
@testable import SyncHost

/// A plugin whose behaviour each test scripts.
private struct ScriptedPlugin: FlowPlugin {
    let descriptor = PluginDescriptor(id: "orders", summary: "test", webhookTopics: ["orders/create"],
                                      settings: [PluginSetting(key: "greeting", kind: .string, defaultValue: "hello", summary: "")])
    let script: @Sendable (PluginJob, any FlowContext) async -> JobOutcome
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome { await script(job, context) }
}

private struct RateLimited: ClassifiedError {
    var failureClass: FailureClass { .rateLimited(retryAfter: .seconds(7)) }
    var code: String { "netsuite_CONCURRENCY_LIMIT_EXCEEDED" }
    var message: String { "429 from NetSuite" }
}

private struct FakeShopifyClient: Sendable { let name: String }

@Suite struct JobExecutorTests {
    private func setUp(leaseDuration: Duration = .seconds(30)) throws -> (TenantDatabase, TenantRecord, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synchost-exec-\(UUID().uuidString)")
        let record = try TenantRecord(id: TenantID("acme"), displayName: "Acme", shopDomain: "acme.myshopify.com",
                                      netsuiteAccountID: "1234567", subsidiaryID: "2")
        let database = try TenantDatabase(tenantID: record.id, directory: directory, keyring: MasterKeyring(current: .generate()),
                                          configuration: TenantDatabaseConfiguration(leaseDuration: leaseDuration))
        return (database, record, directory)
    }

    private func runOne(_ script: @escaping @Sendable (PluginJob, any FlowContext) async -> JobOutcome,
                        services: TenantServices = TenantServices(), leaseDuration: Duration = .seconds(30),
                        meanwhile: (@Sendable (TenantDatabase) async -> Void)? = nil) async throws -> (JobExecutor.Result, Job) {
        let (database, record, directory) = try setUp(leaseDuration: leaseDuration)
        defer { try? FileManager.default.removeItem(at: directory) }
        let payload = try await database.archive.store(NewPayload(body: Data(#"{"id":1}"#.utf8), topic: "orders/create", source: "shopify"))
        _ = try await database.jobs.enqueue(NewJob(flow: "orders", kind: "orders/create", payloadID: payload.id))
        let job = try #require(try await database.jobs.claim())
        let executor = JobExecutor(registry: try PluginRegistry([ScriptedPlugin(script: script)]), logger: Logger(label: "test"))
        let background = meanwhile.map { work in Task { await work(database) } }
        let result = await executor.run(job, tenant: record, database: database, services: services)
        background?.cancel()
        return (result, try #require(try await database.jobs.job(id: job.id)))
    }

    @Test func doneCompletesTheJobAndThePluginSeesItsContext() async throws {
        var services = TenantServices()
        services.register(FakeShopifyClient(name: "acme-shop"))
        let (result, job) = try await runOne({ job, context in
            guard context.tenant.id == "acme", (try? context.settings.string("greeting")) == "hello",
                  (try? context.service(FakeShopifyClient.self))?.name == "acme-shop",
                  (try? await context.payloads.payload(for: job)) == Data(#"{"id":1}"#.utf8) else {
                return .dead(code: "bad_context", reason: "context incomplete")
            }
            return .done(note: "ok")
        }, services: services)
        #expect(result == .completed)
        #expect(job.state == .done)
    }

    @Test func aRateLimitSnoozesAndAPermanentErrorKills() async throws {
        let (limited, snoozed) = try await runOne({ _, _ in .retry(RateLimited()) })
        guard case .failed(.snoozed) = limited else { Issue.record("expected a snooze, got \(limited)"); return }
        #expect(snoozed.state == .scheduled)
        #expect(snoozed.attempt == 0)

        let (dead, killed) = try await runOne({ _, _ in .dead(code: "unknown_sku", reason: "SKU X has no NetSuite item") })
        #expect(dead == .failed(.dead(reason: "SKU X has no NetSuite item")))
        #expect(killed.state == .dead)
        #expect(killed.lastError?.code == "unknown_sku")
    }

    @Test func aMissingServiceIsRetriedNotFatal() async throws {
        let (result, job) = try await runOne({ _, context in
            do {
                _ = try context.service(FakeShopifyClient.self)
                return .done()
            } catch {
                return .failed(error)
            }
        })
        guard case .failed(.retryScheduled) = result else { Issue.record("expected a retry, got \(result)"); return }
        #expect(job.lastError?.code == "missing_service")
    }

    @Test func aSlowJobKeepsItsLeaseThroughHeartbeats() async throws {
        // A rescuer sweeps expired leases all along, as the host's would: without heartbeats
        // the job would be taken back and its completion refused.
        // Timings leave the heartbeat (every lease/3) two thirds of the lease of slack, so a
        // loaded machine does not make the lease lapse between beats.
        let (result, job) = try await runOne({ _, _ in
            try? await Task.sleep(for: .milliseconds(2500))
            return .done()
        }, leaseDuration: .milliseconds(1200), meanwhile: { database in
            while !Task.isCancelled {
                _ = try? await database.jobs.rescueExpiredLeases()
                try? await Task.sleep(for: .milliseconds(20))
            }
        })
        #expect(result == .completed, "the lease must be renewed while the plugin works")
        #expect(job.state == .done)
    }
}
