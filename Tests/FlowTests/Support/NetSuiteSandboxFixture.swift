import AsyncHTTPClient
import Foundation
import NetSuite
import NetSuiteSandbox
import PluginKit

/// A running NetSuite sandbox with one account and a subsidiary, and a token-based client
/// for it over loopback.
struct NetSuiteSandboxFixture {
    let sandbox: NetSuiteSandbox
    let account: SandboxNetSuiteAccount
    let subsidiaryID: String
    let client: NetSuiteClient

    /// Starts a sandbox on an ephemeral port, runs `body`, and stops the sandbox whether
    /// `body` returns or throws.
    static func with<Result>(_ body: (NetSuiteSandboxFixture) async throws -> Result) async throws -> Result {
        let sandbox = NetSuiteSandbox(configuration: .init())
        try await sandbox.start()
        do {
            let account = try await sandbox.createAccount(id: "1234567_SB1")
            let subsidiary = try await sandbox.addSubsidiary(account: account.id, name: "US Store", currency: "USD")
            let issued = try await sandbox.issueTBAToken(account: account.id, label: "flow-tests")
            let credentials = NetSuiteCredentials.tokenBased(
                consumerKey: issued.consumerKey, consumerSecret: Secret(issued.consumerSecret),
                tokenID: issued.tokenID, tokenSecret: Secret(issued.tokenSecret))
            let client = NetSuiteClient(connection: NetSuiteConnection(
                accountID: account.id, restBaseURL: account.restBaseURL, credentials: credentials))
            let result = try await body(NetSuiteSandboxFixture(sandbox: sandbox, account: account, subsidiaryID: subsidiary, client: client))
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// Requests the sandbox has answered so far on this account.
    func requestCount() async -> Int {
        await sandbox.stats(account: account.id).requests
    }

    /// The account's records of one type, as the sandbox stores them.
    func records(_ type: String) async -> [[String: SandboxJSON]] {
        await sandbox.records(account: account.id, type: type)
    }
}
