import Crypto
import Foundation

/// All accounts of one sandbox; every read and write of their state goes through this actor.
actor SandboxStore {
    let clock: SandboxClock
    private(set) var accounts: [String: AccountState] = [:]

    init(clock: SandboxClock) {
        self.clock = clock
    }

    func hasAccount(_ id: String) -> Bool { accounts[id] != nil }

    func createAccount(id: String, concurrencyLimit: Int) throws(NetSuiteSandboxError) {
        guard id.wholeMatch(of: /[A-Za-z0-9_]+/) != nil else {
            throw NetSuiteSandboxError(.invalidArgument, "account id must be letters, digits and '_': \(id)")
        }
        guard accounts[id] == nil else { throw NetSuiteSandboxError(.accountExists, "account \(id) exists") }
        var account = AccountState(id: id, concurrencyLimit: concurrencyLimit)
        // Every NetSuite account has the "Base Price" level; item base prices live on it.
        let basePrice = account.allocateID()
        account.store(["name": "Base Price", "isInactive": false], type: .priceLevel, id: basePrice)
        accounts[id] = account
    }

    /// Runs `body` on the account's state in place, or throws `unknownAccount`.
    // In place (through the dictionary's values) so that copy-on-write never copies an account's tables.
    func withAccount<T>(
        _ id: String, _ body: (inout AccountState) throws(NetSuiteSandboxError) -> T
    ) throws(NetSuiteSandboxError) -> T {
        guard let index = accounts.index(forKey: id) else { throw NetSuiteSandboxError(.unknownAccount, "no account \(id)") }
        return try body(&accounts.values[index])
    }

    /// Like `withAccount`, for callers that may find no account (the HTTP layer answers 404 then).
    func withAccountIfPresent<T>(_ id: String, _ body: (inout AccountState) -> T) -> T? {
        guard let index = accounts.index(forKey: id) else { return nil }
        return body(&accounts.values[index])
    }

    func issueTBAToken(account: String, label: String) throws(NetSuiteSandboxError) -> SandboxTBACredentials {
        try withAccount(account) { state in
            let credentials = SandboxTBACredentials(
                consumerKey: Self.randomHex(32), consumerSecret: Self.randomHex(32),
                tokenID: Self.randomHex(32), tokenSecret: Self.randomHex(32)
            )
            state.consumers[credentials.consumerKey] = TBAConsumer(secret: credentials.consumerSecret, label: label)
            state.tokens[credentials.tokenID] = TBAToken(
                secret: credentials.tokenSecret, consumerKey: credentials.consumerKey, label: label
            )
            return credentials
        }
    }

    func registerM2MClient(
        account: String, label: String, certificateID: String, publicKeyPEM: String
    ) throws(NetSuiteSandboxError) -> String {
        let key: P256.Signing.PublicKey
        do {
            key = try P256.Signing.PublicKey(pemRepresentation: publicKeyPEM)
        } catch {
            throw NetSuiteSandboxError(.invalidArgument, "the public key is not a P-256 PEM key")
        }
        return try withAccount(account) { state throws(NetSuiteSandboxError) in
            guard !state.m2mClients.values.contains(where: { $0.certificateID == certificateID }) else {
                throw NetSuiteSandboxError(.invalidArgument, "certificate id \(certificateID) is already registered")
            }
            let clientID = Self.randomHex(32)
            state.m2mClients[clientID] = M2MClient(label: label, certificateID: certificateID, publicKey: key)
            return clientID
        }
    }

    func setFaults(account: String, _ faults: NetSuiteFaults) {
        _ = withAccountIfPresent(account) { state in
            state.faults = faults
            state.random = SeededRandom(seed: faults.seed)
        }
    }

    func stats(account: String) -> NetSuiteSandboxStats {
        accounts[account]?.stats ?? NetSuiteSandboxStats()
    }

    func records(account: String, type: String) -> [[String: SandboxJSON]] {
        guard let recordType = RecordType(pathSegment: type) else { return [] }
        return accounts[account]?.tables[recordType]?.all ?? []
    }

    static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
