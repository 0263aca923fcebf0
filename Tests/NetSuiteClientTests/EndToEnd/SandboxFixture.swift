import AsyncHTTPClient
import Crypto
import Foundation
import InMemoryLogging
import Logging
import NetSuite
import NetSuiteSandbox
import PluginKit
import Synchronization

/// A running NetSuite sandbox with one account, and helpers to build clients for it.
struct SandboxFixture {
    let sandbox: NetSuiteSandbox
    let account: SandboxNetSuiteAccount

    /// Starts a sandbox on an ephemeral port, creates an account, runs `body`, and stops
    /// the sandbox whether `body` returns or throws.
    static func with<Result>(
        timeScale: Double = 1,
        concurrencyLimit: Int = 5,
        maximumHangSeconds: Double = 5,
        _ body: (SandboxFixture) async throws -> Result
    ) async throws -> Result {
        let sandbox = NetSuiteSandbox(configuration: .init(timeScale: timeScale, maximumHangSeconds: maximumHangSeconds))
        try await sandbox.start()
        do {
            let account = try await sandbox.createAccount(id: "1234567_SB1", concurrencyLimit: concurrencyLimit)
            let result = try await body(SandboxFixture(sandbox: sandbox, account: account))
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// Token-based credentials issued by the sandbox; `tokenSecret` overrides the real one.
    func tokenBasedConnection(label: String = "tenant-a", tokenSecret: String? = nil) async throws -> (NetSuiteConnection, SandboxTBACredentials) {
        let issued = try await sandbox.issueTBAToken(account: account.id, label: label)
        let credentials = NetSuiteCredentials.tokenBased(
            consumerKey: issued.consumerKey, consumerSecret: Secret(issued.consumerSecret),
            tokenID: issued.tokenID, tokenSecret: Secret(tokenSecret ?? issued.tokenSecret)
        )
        return (NetSuiteConnection(accountID: account.id, restBaseURL: account.restBaseURL, credentials: credentials), issued)
    }

    /// A machine-to-machine client registered with a freshly generated P-256 key.
    func machineToMachineConnection(label: String = "tenant-m2m") async throws -> (NetSuiteConnection, P256.Signing.PrivateKey) {
        let key = P256.Signing.PrivateKey()
        let certificateID = "cert-\(label)"
        let clientID = try await sandbox.registerM2MClient(
            account: account.id, label: label, certificateID: certificateID, publicKeyPEM: key.publicKey.pemRepresentation
        )
        let credentials = NetSuiteCredentials.machineToMachine(clientID: clientID, certificateID: certificateID, privateKey: key)
        return (NetSuiteConnection(accountID: account.id, restBaseURL: account.restBaseURL, credentials: credentials), key)
    }

    /// A subsidiary, a location in it and a customer-ready currency.
    func seedSubsidiary() async throws -> (subsidiary: String, location: String) {
        let subsidiary = try await sandbox.addSubsidiary(account: account.id, name: "US Store", currency: "USD")
        let location = try await sandbox.addLocation(account: account.id, name: "Main Warehouse", subsidiary: subsidiary)
        return (subsidiary, location)
    }
}

/// A monotonic clock running `scale` times faster than real time, to match a sandbox's timeScale.
func scaledMonotonicClock(_ scale: Double) -> @Sendable () -> Duration {
    let origin = ContinuousClock.now
    return { (ContinuousClock.now - origin) * scale }
}

/// A logger that records every entry, at trace level, for assertions on what was logged.
func capturingLogger() -> (Logger, InMemoryLogHandler) {
    let handler = InMemoryLogHandler()
    var logger = Logger(label: "test.netsuite", factory: { _ in handler })
    logger.logLevel = .trace
    return (logger, handler)
}

/// Runs `operation` and returns the `NetSuiteError` it throws, or nil when it succeeds or
/// throws something else (which the caller's `#require` then reports).
func netSuiteError(_ operation: () async throws -> Void) async -> NetSuiteError? {
    do {
        try await operation()
        return nil
    } catch {
        return error as? NetSuiteError
    }
}
