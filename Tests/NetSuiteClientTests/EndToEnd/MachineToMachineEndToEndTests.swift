import Crypto
import Foundation
import NetSuite
import NetSuiteSandbox
import PluginKit
import Testing

@Suite("OAuth 2.0 machine-to-machine against the sandbox")
struct MachineToMachineEndToEndTests {
    @Test func oneTokenIsMintedForManyConcurrentCalls() async throws {
        try await SandboxFixture.with(concurrencyLimit: 20) { fixture in
            let (connection, _) = try await fixture.machineToMachineConnection()
            let sender = NetSuiteHTTPSender(connection: connection)
            let client = NetSuiteClient(sender: sender)
            let pages = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 { group.addTask { try await client.list("customer").items.count } }
                return try await group.reduce(into: 0) { count, _ in count += 1 }
            }
            #expect(pages == 12)
            #expect(await sender.accessTokensMinted() == 1)
            let stats = await fixture.sandbox.stats(account: fixture.account.id)
            #expect(stats.accessTokensIssued == 1)
            #expect(stats.requestsByLabel["tenant-m2m"] == 12)
            #expect(stats.unauthorized == 0)
        }
    }

    @Test func theTokenIsRenewedBeforeTheSandboxExpiresIt() async throws {
        // 3600 sandbox seconds per real second: a token lives one real second. The client's
        // token clock runs at the same pace, so it renews 900 sandbox seconds (250 ms) early,
        // a margin wide enough for a loaded machine.
        let scale = 3600.0
        try await SandboxFixture.with(timeScale: scale) { fixture in
            let (connection, _) = try await fixture.machineToMachineConnection()
            let configuration = NetSuiteClientConfiguration(tokenRenewalMargin: .seconds(900), monotonicNow: scaledMonotonicClock(scale))
            let sender = NetSuiteHTTPSender(connection: connection, configuration: configuration)
            let client = NetSuiteClient(sender: sender)
            let started = ContinuousClock.now
            var calls = 0
            // Calls keep starting until one starts 2.4 real seconds in (more than two token
            // lifetimes), however slow each call is on a busy machine; bounded in count and time.
            while calls < 400 {
                let startedAt = ContinuousClock.now - started
                _ = try await client.list("customer")
                calls += 1
                if startedAt >= .milliseconds(2400) || ContinuousClock.now - started > .seconds(20) { break }
                try await Task.sleep(for: .milliseconds(60))
            }
            let stats = await fixture.sandbox.stats(account: fixture.account.id)
            // Renewed before expiry, never refused: a call late enough always needed a new token.
            #expect(stats.unauthorized == 0)
            #expect(stats.accessTokensIssued >= 2)
            #expect(await sender.accessTokensMinted() == stats.accessTokensIssued)
        }
    }

    @Test func aTokenTheSandboxExpiredIsReMintedOnceAfter401() async throws {
        try await SandboxFixture.with(timeScale: 3600) { fixture in
            let (connection, _) = try await fixture.machineToMachineConnection()
            // The client believes the token lives an hour of real time.
            let sender = NetSuiteHTTPSender(connection: connection)
            let client = NetSuiteClient(sender: sender)
            _ = try await client.list("customer")
            try await Task.sleep(for: .milliseconds(1300))
            _ = try await client.list("customer")
            let stats = await fixture.sandbox.stats(account: fixture.account.id)
            #expect(stats.unauthorized == 1)
            #expect(stats.accessTokensIssued == 2)
            #expect(await sender.accessTokensMinted() == 2)
        }
    }

    @Test func anUnregisteredKeyIsAnAuthenticationFailure() async throws {
        try await SandboxFixture.with { fixture in
            let (registered, _) = try await fixture.machineToMachineConnection()
            guard case .machineToMachine(let clientID, let certificateID, _) = registered.credentials else {
                Issue.record("expected machine-to-machine credentials")
                return
            }
            let impostor = NetSuiteConnection(
                accountID: registered.accountID, restBaseURL: registered.restBaseURL,
                credentials: .machineToMachine(clientID: clientID, certificateID: certificateID, privateKey: P256.Signing.PrivateKey())
            )
            let error = try #require(await netSuiteError { _ = try await NetSuiteClient(connection: impostor).list("customer") })
            #expect(error.failureClass == .authentication)
            #expect(error.code == "netsuite_oauth_invalid_client")
        }
    }
}
