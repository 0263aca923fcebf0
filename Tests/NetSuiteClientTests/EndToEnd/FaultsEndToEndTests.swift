import Crypto
import Foundation
import InMemoryLogging
import Logging
@testable import NetSuite
import NetSuiteSandbox
import PluginKit
import Testing

@Suite("Governance, faults and logs against the sandbox")
struct FaultsEndToEndTests {
    @Test func callsBeyondTheAccountLimitAreRateLimited() async throws {
        try await SandboxFixture.with(concurrencyLimit: 2) { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection, configuration: .init(defaultRateLimitDelay: .milliseconds(1500)))
            // Each admitted request holds a slot for 300 ms, so 10 at once cannot all fit in 2.
            await fixture.sandbox.setFaults(account: fixture.account.id, NetSuiteFaults(latency: .fixed(300)))
            let outcomes = try await withThrowingTaskGroup(of: NetSuiteError?.self) { group in
                for _ in 0..<10 {
                    group.addTask { await netSuiteError { _ = try await client.list("customer") } }
                }
                return try await group.reduce(into: [NetSuiteError?]()) { $0.append($1) }
            }
            let refused = outcomes.compactMap { $0 }
            let served = outcomes.count - refused.count
            #expect(served >= 2)
            #expect(!refused.isEmpty)
            for error in refused {
                #expect(error.failureClass == .rateLimited(retryAfter: .milliseconds(1500)))
                #expect(error.code == "netsuite_CONCURRENCY_LIMIT_EXCEEDED")
                #expect(error.httpStatus == 429)
            }
            let stats = await fixture.sandbox.stats(account: fixture.account.id)
            #expect(stats.tooManyRequests == refused.count)
            #expect(stats.concurrencyHighWaterMark == 2)
        }
    }

    @Test func serverErrorsAreTransient() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            await fixture.sandbox.setFaults(account: fixture.account.id, NetSuiteFaults(serverErrorRate: 1, seed: 7))
            for _ in 0..<6 {
                let error = try #require(await netSuiteError { _ = try await client.list("customer") })
                #expect(error.failureClass == .transient(retryAfter: nil))
                #expect([500, 502, 503].contains(error.httpStatus ?? 0))
            }
            #expect(await fixture.sandbox.stats(account: fixture.account.id).serverErrors == 6)
        }
    }

    @Test func maintenanceIsTransientWithRetryAfter() async throws {
        try await SandboxFixture.with { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection)
            await fixture.sandbox.setFaults(account: fixture.account.id, NetSuiteFaults(maintenance: true, maintenanceRetryAfterSeconds: 120))
            let error = try #require(await netSuiteError { _ = try await client.list("customer") })
            #expect(error.failureClass == .transient(retryAfter: .seconds(120)))
            #expect(error.httpStatus == 503)
            #expect(error.code == "netsuite_SERVICE_UNAVAILABLE")
        }
    }

    @Test func aHungRequestTimesOutAsTransient() async throws {
        // The sandbox hangs for 10 s; the client must give up long before, even on a busy machine.
        try await SandboxFixture.with(maximumHangSeconds: 10) { fixture in
            let (connection, _) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection, configuration: .init(requestTimeout: .milliseconds(400)))
            await fixture.sandbox.setFaults(account: fixture.account.id, NetSuiteFaults(timeoutRate: 1))
            let started = ContinuousClock.now
            let error = try #require(await netSuiteError { _ = try await client.list("customer") })
            #expect(ContinuousClock.now - started < .seconds(8))
            #expect(error.code == "netsuite_timeout")
            #expect(error.failureClass == .transient(retryAfter: nil))
        }
    }

    @Test func anUnreachableAccountIsATransientConnectionFailure() async throws {
        // A port nothing listens on: bind the sandbox, note its port, stop it.
        let sandbox = NetSuiteSandbox()
        try await sandbox.start()
        let deadURL = sandbox.baseURL.appending(path: "1234567_SB1")
        await sandbox.stop()
        let connection = NetSuiteConnection(
            accountID: "1234567_SB1", restBaseURL: deadURL,
            credentials: .tokenBased(consumerKey: "ck", consumerSecret: Secret("cs"), tokenID: "tk", tokenSecret: Secret("ts"))
        )
        // AsyncHTTPClient retries refused connections until the request's deadline.
        let client = NetSuiteClient(connection: connection, configuration: .init(requestTimeout: .milliseconds(500)))
        let error = try #require(await netSuiteError { _ = try await client.list("customer") })
        #expect(error.code == "netsuite_connection_failed")
        #expect(error.failureClass == .transient(retryAfter: nil))
    }

    @Test func logsNeverContainSecretsSignaturesOrTokens() async throws {
        let (logger, handler) = capturingLogger()
        // Token-based calls at real time: the sandbox scales the TBA timestamp window too.
        let issued = try await SandboxFixture.with { fixture in
            let (connection, issued) = try await fixture.tokenBasedConnection()
            let client = NetSuiteClient(connection: connection, logger: logger)
            _ = try await client.list("customer")
            _ = await netSuiteError { _ = try await client.get("customer", id: "424242") }
            return issued
        }
        // Machine-to-machine with a one-second token, so a 401 and a re-mint are logged too.
        let (key, accessTokens) = try await SandboxFixture.with(timeScale: 3600) { fixture in
            let (connection, key) = try await fixture.machineToMachineConnection()
            let sender = NetSuiteHTTPSender(connection: connection, logger: logger)
            let client = NetSuiteClient(sender: sender)
            _ = try await client.list("customer")
            let first = try #require(await sender.cachedAccessToken())
            try await Task.sleep(for: .milliseconds(1300))
            _ = try await client.list("customer")
            let second = try #require(await sender.cachedAccessToken())
            #expect(first != second)
            return (key, [first.exposedValue, second.exposedValue])
        }

        let text = handler.entries.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(handler.entries.count >= 6)
        #expect(text.contains("1234567_SB1"))
        #expect(text.contains("netsuite_NONEXISTENT_ID"))
        #expect(text.contains("netsuite access token refused") || text.contains("minting a new one"))
        for secret in [issued.consumerSecret, issued.tokenSecret] + accessTokens {
            #expect(!text.contains(secret))
        }
        #expect(!text.contains("oauth_signature"))
        #expect(!text.contains("Bearer"))
        #expect(!text.contains("PRIVATE KEY"))
        #expect(!text.contains(key.rawRepresentation.base64EncodedString()))
        #expect(!text.contains("eyJ"))  // any JWT or base64url JSON object
    }
}
