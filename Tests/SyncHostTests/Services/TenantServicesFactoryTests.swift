import AsyncHTTPClient
import Foundation
import InMemoryLogging
import Logging
import NetSuite
import NetSuiteSandbox
import PluginKit
import Shopify
import Synchronization
import Testing
import TenantStore
@testable import SyncHost

@Suite(.serialized) struct TenantServicesFactoryTests {
    @Test func buildsWorkingClientsAndTheTenantsSettingsFromItsDatabase() async throws {
        let world = try await SandboxTenantsFixture(accountLimit: 5)
        do {
            let record = try await world.addTenant("acme")
            let factory = TenantServicesFactory(pool: world.host.pool, httpClient: world.httpClient)
            let services = await factory.services(for: record)
            #expect(services.enabledFlows == ["orders"])
            #expect(services.flowSettings["orders"]?["discount_item"] == "77")
            #expect(services.flowSettings["connection"] == nil, "connection settings are the host's, not a flow's")
            let shopify = try #require(services.registered(ShopifyAdminClient.self))
            #expect(try await shopify.shop().myshopifyDomain == "acme.myshopify.com")
            let netsuite = try #require(services.registered(NetSuiteClient.self))
            _ = try await netsuite.list("customer")
            #expect(await world.netsuite.stats(account: world.account.id).requestsByLabel["acme"] == 1)
            // Every build for the shop shares one cost bucket.
            await factory.invalidate(record.id)
            let rebuilt = try #require(await factory.services(for: record).registered(ShopifyAdminClient.self))
            #expect(rebuilt.bucket === shopify.bucket)
            let snapshot = try #require(await factory.governorSnapshots()["1234567_SB1"])
            #expect(snapshot.limit == 5)
            #expect(snapshot.highWaterMark == 1)
        } catch {
            Issue.record(error)
        }
        await world.stop()
    }

    @Test func tenantsOfOneAccountTogetherStayUnderItsLimit() async throws {
        let world = try await SandboxTenantsFixture(accountLimit: 3)
        do {
            await world.netsuite.setFaults(account: world.account.id, NetSuiteFaults(latency: .fixed(30)))
            let tenants = [try await world.addTenant("acme"), try await world.addTenant("bolt", weight: "2"), try await world.addTenant("cove")]
            let factory = TenantServicesFactory(pool: world.host.pool, httpClient: world.httpClient,
                                                configuration: .init(accountLimits: ["1234567_sb1": 3]))
            var clients: [NetSuiteClient] = []
            for tenant in tenants { clients.append(try #require(await factory.services(for: tenant).registered(NetSuiteClient.self))) }
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in clients {
                    for _ in 0..<12 {
                        group.addTask {
                            do { _ = try await client.list("customer"); return 0 } catch { return 1 }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(failures == 0)
            let stats = await world.netsuite.stats(account: world.account.id)
            #expect(stats.requests == 36)
            #expect(stats.tooManyRequests == 0)
            #expect(stats.concurrencyHighWaterMark <= 3)
            #expect(Set(stats.requestsByLabel.keys) == ["acme", "bolt", "cove"])
            let snapshot = try #require(await factory.governorSnapshots()["1234567_SB1"])
            #expect(snapshot.highWaterMark == 3, "the limit was used, never exceeded")
            #expect(snapshot.throttles == 0)
        } catch {
            Issue.record(error)
        }
        await world.stop()
    }

    @Test func a429HalvesTheAccountsLimitAndSnoozesTheJob() async throws {
        // The account allows 1 request at once (another integration uses the rest), but the
        // host was told 4: NetSuite answers 429 to the excess.
        let world = try await SandboxTenantsFixture(accountLimit: 1)
        do {
            let record = try await world.addTenant("acme")
            let factory = TenantServicesFactory(pool: world.host.pool, httpClient: world.httpClient,
                                                configuration: .init(defaultAccountLimit: 4))
            let services = await factory.services(for: record)
            let client = try #require(services.registered(NetSuiteClient.self))

            // Another integration holds the account's only slot.
            await world.netsuite.setFaults(account: world.account.id, NetSuiteFaults(latency: .fixed(3000)))
            let other = try await world.netsuite.issueTBAToken(account: world.account.id, label: "other-integration")
            let otherClient = NetSuiteClient(connection: NetSuiteConnection(
                accountID: world.account.id, restBaseURL: world.account.restBaseURL,
                credentials: .tokenBased(consumerKey: other.consumerKey, consumerSecret: Secret(other.consumerSecret),
                                         tokenID: other.tokenID, tokenSecret: Secret(other.tokenSecret))), httpClient: world.httpClient)
            let hog = Task { try? await otherClient.list("customer") }
            for _ in 0..<500 where await world.netsuite.stats(account: world.account.id).inFlight == 0 {
                try await Task.sleep(for: .milliseconds(5))
            }

            // A job of the tenant: its NetSuite call is refused with 429, and the job is snoozed.
            let registry = try PluginRegistry([CallsNetSuite()])
            let result = try await world.host.pool.withDatabase(record.id) { database -> (JobExecutor.Result, Job?) in
                _ = try await database.jobs.enqueue(NewJob(flow: "orders", kind: "orders/create"))
                let job = try #require(try await database.jobs.claim())
                let result = await JobExecutor(registry: registry, logger: Logger(label: "test")).run(
                    job, tenant: record, database: database, services: services)
                return (result, try await database.jobs.jobs().first)
            }
            guard case .failed(.snoozed) = result.0 else {
                Issue.record("expected a snoozed job, got \(result.0)")
                return
            }
            #expect(result.1?.lastError?.code == "netsuite_CONCURRENCY_LIMIT_EXCEEDED")
            #expect(result.1?.state != .dead)
            let snapshot = try #require(await factory.governorSnapshots()["1234567_SB1"])
            #expect(snapshot.throttles == 1)
            #expect(snapshot.effectiveLimit == 2, "AIMD: the effective limit was halved from 4")
            #expect(snapshot.inFlight.isEmpty, "the permit was returned")
            // The error the plugin saw is the rate-limited NetSuite error itself.
            do {
                _ = try await client.list("customer")
                Issue.record("expected a 429 while the slot is held")
            } catch let error as NetSuiteError {
                guard case .rateLimited = error.failureClass else { Issue.record("not rate limited: \(error)"); return }
            }
            _ = await hog.value
        } catch {
            Issue.record(error)
        }
        await world.stop()
    }

    @Test func missingCredentialsLeaveTheClientOutAndAreLoggedOnceWithoutSecrets() async throws {
        let world = try await SandboxTenantsFixture(accountLimit: 5)
        do {
            let record = try await world.addTenant("acme")
            let shopToken = try await world.host.pool.withDatabase(record.id) {
                try await $0.vault.secret(named: TenantSecretNames.shopifyAccessToken).exposedValue
            }
            let secretValues = try await world.host.pool.withDatabase(record.id) { database in
                var values: [String] = []
                for name in try await database.vault.names() { values.append(try await database.vault.secret(named: name).exposedValue) }
                return values
            }
            _ = try await world.host.pool.withDatabase(record.id) { try await $0.vault.remove(named: TenantSecretNames.netSuiteTokenSecret) }
            let logs = InMemoryLogHandler()
            let factory = TenantServicesFactory(pool: world.host.pool, httpClient: world.httpClient,
                                                configuration: .init(cacheLifetime: .zero), logger: Logger(label: "test") { _ in logs })
            for _ in 0..<3 {
                let services = await factory.services(for: record)
                #expect(services.registered(NetSuiteClient.self) == nil)
                #expect(services.registered(ShopifyAdminClient.self) != nil)
            }
            let warnings = logs.entries.filter { $0.level == .warning }
            #expect(warnings.count == 1, "logged once, not per build")
            let warningText = "\(warnings.first?.metadata ?? [:])"
            #expect(warningText.contains(TenantSecretNames.netSuiteTokenSecret))
            for entry in logs.entries {
                let text = "\(entry.message) \(entry.metadata)"
                for value in secretValues + [shopToken] { #expect(!text.contains(value)) }
            }
            // A job asking for the missing client fails with an authentication-class error and backs off.
            let services = await factory.services(for: record)
            let registry = try PluginRegistry([CallsNetSuite()])
            let (result, job) = try await world.host.pool.withDatabase(record.id) { database -> (JobExecutor.Result, Job?) in
                _ = try await database.jobs.enqueue(NewJob(flow: "orders", kind: "orders/create"))
                let job = try #require(try await database.jobs.claim())
                let result = await JobExecutor(registry: registry, logger: Logger(label: "test")).run(
                    job, tenant: record, database: database, services: services)
                return (result, try await database.jobs.jobs().first)
            }
            guard case .failed(.retryScheduled) = result else {
                Issue.record("expected a retry with backoff, got \(result)")
                return
            }
            #expect(job?.lastError?.code == "missing_service")
        } catch {
            Issue.record(error)
        }
        await world.stop()
    }

    @Test func changesMadeElsewhereTakeEffectWithinTheCacheLifetime() async throws {
        let world = try await SandboxTenantsFixture(accountLimit: 5)
        do {
            let record = try await world.addTenant("acme")
            let factory = TenantServicesFactory(pool: world.host.pool, httpClient: world.httpClient,
                                                configuration: .init(cacheLifetime: .milliseconds(300)))
            #expect(await factory.services(for: record).enabledFlows == ["orders"])
            try await world.host.pool.withDatabase(record.id) { try await $0.settings.setEnabledFlows(["orders", "inventory"]) }
            #expect(await factory.services(for: record).enabledFlows == ["orders"], "cached")
            try await Task.sleep(for: .milliseconds(400))
            #expect(await factory.services(for: record).enabledFlows == ["orders", "inventory"])
            try await world.host.pool.withDatabase(record.id) { try await $0.settings.set("99", key: "discount_item", scope: "orders") }
            await factory.invalidate(record.id)
            #expect(await factory.services(for: record).flowSettings["orders"]?["discount_item"] == "99")
        } catch {
            Issue.record(error)
        }
        await world.stop()
    }

    @Test func theHTTPClientPoolFitsTheLargestAccountLimit() async throws {
        let large = TenantServicesFactory.httpClientConfiguration(maximumAccountLimit: 20)
        let small = TenantServicesFactory.httpClientConfiguration(maximumAccountLimit: 3)
        #expect(large.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit == 20)
        #expect(small.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit == 8, "never below AsyncHTTPClient's default")
        try await TenantServicesFactory.makeHTTPClient(maximumAccountLimit: 20).shutdown()
        #expect(TenantServicesFactory.Configuration(accountLimits: ["1234567": 15], defaultAccountLimit: 5).maximumAccountLimit == 15)
    }
}

/// A plugin whose job makes one NetSuite call and reports its failure as is.
private struct CallsNetSuite: FlowPlugin {
    let descriptor = PluginDescriptor(id: "orders", summary: "test")
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        do {
            _ = try await context.service(NetSuiteClient.self).list("customer")
            return .done()
        } catch {
            return .failed(error)
        }
    }
}
