import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NetSuite
import PluginKit
import Shopify
import TenantStore

/// Builds each tenant's ``TenantServices`` (its governed vendor clients, its flow settings
/// and enabled flows) from its vault and settings store, for the scheduler and housekeeping
/// (`services: { await factory.services(for: $0) }`, a ``JobScheduler/ServicesProvider``).
///
/// - Shopify: a ``ShopifyAdminClient`` over one ``ShopifyCostBucket`` per shop domain, kept
///   for the host's life, so every flow and job of a tenant draws from the same bucket.
/// - NetSuite: a ``NetSuiteClient`` whose every request holds a slot of the account's
///   ``AccountConcurrencyGovernor`` (one per account id, limit from ``Configuration``, the
///   tenant's weight from `netsuite.weight`). A 429 halves the account's effective limit and
///   is rethrown rate-limited, so the job is snoozed. The HTTP sender is kept while the
///   tenant's connection and credentials are unchanged, so a machine-to-machine access
///   token is not minted again at every rebuild.
/// - A client whose credentials are missing or unusable is not registered: the plugin then
///   gets `MissingServiceError` (authentication class) and its job backs off until an
///   operator fixes the tenant. The problem is logged once, never with a secret.
///
/// What it builds is cached per tenant for ``Configuration/cacheLifetime``, so credentials
/// or settings changed by another process (the `synchost tenant` commands) take effect
/// within it; ``invalidate(_:)`` makes a change take effect at once.
///
/// All clients share the caller's `HTTPClient`. Its connection pool must allow at least the
/// largest account limit of connections per host (AsyncHTTPClient's default is 8), or
/// requests holding a governor slot would queue inside the pool instead; with the sandbox,
/// where every account is served by one host, at least the sum of the limits of the accounts
/// used at once. ``makeHTTPClient(maximumAccountLimit:)`` makes such a client.
public actor TenantServicesFactory {
    public struct Configuration: Sendable {
        /// How long a tenant's services are reused before they are rebuilt from its database. Default 60 s.
        public var cacheLifetime: Duration
        /// Concurrency limit per NetSuite account id (any case); accounts not listed get ``defaultAccountLimit``.
        public var accountLimits: [String: Int]
        /// The limit of an account not in ``accountLimits``. Default 5 (NetSuite's Standard tier).
        public var defaultAccountLimit: Int
        /// Tunables of every Shopify client.
        public var shopify: ShopifyAdminClient.Configuration
        /// Tunables of every NetSuite client.
        public var netsuite: NetSuiteClientConfiguration

        public init(cacheLifetime: Duration = .seconds(60), accountLimits: [String: Int] = [:], defaultAccountLimit: Int = 5,
                    shopify: ShopifyAdminClient.Configuration = .init(), netsuite: NetSuiteClientConfiguration = .init()) {
            self.cacheLifetime = cacheLifetime
            self.accountLimits = Dictionary(accountLimits.map { ($0.key.uppercased(), max(1, $0.value)) }) { max($0, $1) }
            self.defaultAccountLimit = max(1, defaultAccountLimit)
            self.shopify = shopify
            self.netsuite = netsuite
        }

        /// The concurrency limit of `accountID`.
        public func limit(forAccount accountID: String) -> Int {
            accountLimits[accountID.uppercased()] ?? defaultAccountLimit
        }

        /// The largest limit of any account, to size the HTTP connection pool.
        public var maximumAccountLimit: Int { max(defaultAccountLimit, accountLimits.values.max() ?? 0) }
    }

    private struct Entry {
        let record: TenantRecord
        let services: TenantServices
        let loadedAt: ContinuousClock.Instant
    }

    /// What one tenant's database holds for its services, read in one visit.
    private struct Stored: Sendable {
        var scopes: [String: [String: String]]
        var enabledFlows: Set<String>?
        var secrets: [String: Secret]
        var bucket: ShopifyBucketSnapshot?
    }

    private let pool: TenantPool
    private let httpClient: HTTPClient
    private let configuration: Configuration
    private let logger: Logger
    private var entries: [TenantID: Entry] = [:]
    private var loading: [TenantID: Task<TenantServices?, Never>] = [:]
    /// Bumped by ``invalidate(_:)``, so a build that started before it is not cached.
    private var generations: [TenantID: UInt64] = [:]
    private var buckets: [String: ShopifyCostBucket] = [:]
    private var governors: [String: AccountConcurrencyGovernor] = [:]
    private var netSuiteSenders: [TenantID: (fingerprint: Data, sender: NetSuiteHTTPSender)] = [:]
    /// Problems already logged, per tenant, so a misconfigured tenant logs once, not per job.
    private var reported: [TenantID: Set<String>] = [:]

    /// - Parameter httpClient: Shared by every client; not shut down by the factory. See the
    ///   type's note on its pool size.
    public init(pool: TenantPool, httpClient: HTTPClient, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "synchost.services")) {
        self.pool = pool
        self.httpClient = httpClient
        self.configuration = configuration
        self.logger = logger
    }

    /// An `HTTPClient` whose pool allows `maximumAccountLimit` connections per host (never
    /// fewer than AsyncHTTPClient's default 8). The caller owns it and shuts it down.
    public static func makeHTTPClient(maximumAccountLimit: Int) -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpClientConfiguration(maximumAccountLimit: maximumAccountLimit))
    }

    /// The configuration ``makeHTTPClient(maximumAccountLimit:)`` uses, for a caller that
    /// builds its client itself.
    public static func httpClientConfiguration(maximumAccountLimit: Int) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, maximumAccountLimit)
        return configuration
    }

    /// The tenant's services: cached ones while fresh and built for the same catalog record,
    /// otherwise rebuilt from its database. A tenant whose database cannot be read gets
    /// services without clients (its jobs back off), and the next call tries again.
    public func services(for tenant: TenantRecord) async -> TenantServices {
        if let entry = entries[tenant.id], entry.record == tenant, ContinuousClock.now - entry.loadedAt < configuration.cacheLifetime {
            return entry.services
        }
        if let running = loading[tenant.id] {
            if let services = await running.value { return services }
        }
        let generation = generations[tenant.id, default: 0]
        let task = Task { await self.build(tenant) }
        loading[tenant.id] = task
        let built = await task.value
        if loading[tenant.id] == task { loading[tenant.id] = nil }
        guard let built else {
            var empty = TenantServices()
            empty.enabledFlows = []
            return empty
        }
        if generations[tenant.id, default: 0] == generation {
            entries[tenant.id] = Entry(record: tenant, services: built, loadedAt: .now)
        }
        return built
    }

    /// Forgets what was built for a tenant (after its credentials or settings changed), so
    /// the next ``services(for:)`` reads them again and problems are logged again.
    public func invalidate(_ tenant: TenantID) {
        entries[tenant] = nil
        reported[tenant] = nil
        generations[tenant, default: 0] += 1
    }

    /// The governor of a NetSuite account (made on first use).
    public func governor(forAccount accountID: String) -> AccountConcurrencyGovernor {
        let key = accountID.uppercased()
        if let governor = governors[key] { return governor }
        let governor = AccountConcurrencyGovernor(
            accountID: key, configuration: .init(limit: configuration.limit(forAccount: key)))
        governors[key] = governor
        return governor
    }

    /// Each NetSuite account's governor state, by account id, for health reports and tests.
    public func governorSnapshots() async -> [String: AccountConcurrencyGovernor.Snapshot] {
        var snapshots: [String: AccountConcurrencyGovernor.Snapshot] = [:]
        for (account, governor) in governors { snapshots[account] = await governor.snapshot }
        return snapshots
    }

    // MARK: Building

    private func build(_ tenant: TenantRecord) async -> TenantServices? {
        let stored: Stored
        do {
            stored = try await pool.withDatabase(tenant.id) { database in
                let settings = database.settings
                var secrets: [String: Secret] = [:]
                for name in try await database.vault.names() where TenantSecretNames.all.contains(name) {
                    secrets[name] = try await database.vault.secret(named: name)
                }
                return Stored(scopes: try await settings.allScopes(), enabledFlows: try await settings.enabledFlowsIfChosen(),
                              secrets: secrets, bucket: try await database.rateBudget.shopifyBucket())
            }
        } catch {
            logger.error("cannot read the tenant's settings and credentials", metadata: ["tenant": "\(tenant.id)", "error": "\(error)"])
            return nil
        }
        var services = TenantServices()
        services.flowSettings = stored.scopes.filter { $0.key != TenantSettingsStore.connectionScope }
        services.enabledFlows = stored.enabledFlows
        let connection: TenantConnectionSettings
        do {
            connection = try TenantConnectionSettings(stored.scopes[TenantSettingsStore.connectionScope] ?? [:])
        } catch {
            reportOnce(tenant.id, "connection settings are invalid, no clients registered: \(error)")
            return services
        }
        if let shopify = shopifyClient(tenant, connection: connection, stored: stored) { services.register(shopify) }
        if let netsuite = await netSuiteClient(tenant, connection: connection, secrets: stored.secrets) { services.register(netsuite) }
        return services
    }

    private func shopifyClient(_ tenant: TenantRecord, connection: TenantConnectionSettings, stored: Stored) -> ShopifyAdminClient? {
        guard let token = stored.secrets[TenantSecretNames.shopifyAccessToken] else {
            reportOnce(tenant.id, "no Shopify access token in the vault (\(TenantSecretNames.shopifyAccessToken)): Shopify client not registered")
            return nil
        }
        let shopifyConnection = if let version = connection.shopifyAPIVersion {
            ShopifyConnection(shopDomain: tenant.shopDomain, adminBaseURL: connection.shopifyAdminBaseURL, apiVersion: version, accessToken: token)
        } else {
            ShopifyConnection(shopDomain: tenant.shopDomain, adminBaseURL: connection.shopifyAdminBaseURL, accessToken: token)
        }
        return ShopifyAdminClient(connection: shopifyConnection, httpClient: httpClient, bucket: bucket(for: tenant.shopDomain, seed: stored.bucket),
                                  configuration: configuration.shopify, logger: logger)
    }

    private func bucket(for shopDomain: String, seed: ShopifyBucketSnapshot?) -> ShopifyCostBucket {
        if let bucket = buckets[shopDomain] { return bucket }
        // The last throttle status saved for the shop, so a restart does not start with a cold,
        // over-optimistic bucket.
        let bucket = ShopifyCostBucket(seed: seed.map {
            ShopifyCostBucketSnapshot(maximumAvailable: $0.maximumAvailable, currentlyAvailable: $0.currentlyAvailable,
                                      restoreRate: $0.restoreRate, observedAt: $0.observedAt)
        })
        buckets[shopDomain] = bucket
        return bucket
    }

    private func netSuiteClient(_ tenant: TenantRecord, connection: TenantConnectionSettings, secrets: [String: Secret]) async -> NetSuiteClient? {
        let method = connection.netSuiteAuth ?? NetSuiteAuthMethod.allCases.first { $0.secretNames.allSatisfy { secrets[$0] != nil } }
        guard let method else {
            reportOnce(tenant.id, "no NetSuite credentials in the vault: NetSuite client not registered")
            return nil
        }
        let missing = method.secretNames.filter { secrets[$0] == nil }
        guard missing.isEmpty else {
            reportOnce(tenant.id, "NetSuite \(method.rawValue) credentials incomplete, missing \(missing.joined(separator: ", ")): NetSuite client not registered")
            return nil
        }
        let credentials: NetSuiteCredentials
        switch method {
        case .tokenBased:
            credentials = .tokenBased(
                consumerKey: secrets[TenantSecretNames.netSuiteConsumerKey]!.exposedValue, consumerSecret: secrets[TenantSecretNames.netSuiteConsumerSecret]!,
                tokenID: secrets[TenantSecretNames.netSuiteTokenID]!.exposedValue, tokenSecret: secrets[TenantSecretNames.netSuiteTokenSecret]!)
        case .machineToMachine:
            do {
                credentials = try .machineToMachine(
                    clientID: secrets[TenantSecretNames.netSuiteClientID]!.exposedValue,
                    certificateID: secrets[TenantSecretNames.netSuiteCertificateID]!.exposedValue,
                    privateKeyPEM: secrets[TenantSecretNames.netSuitePrivateKey]!)
            } catch {
                reportOnce(tenant.id, "NetSuite m2m private key unusable (\(error)): NetSuite client not registered")
                return nil
            }
        }
        let netSuiteConnection = NetSuiteConnection(accountID: tenant.netsuiteAccountID, restBaseURL: connection.netSuiteRESTBaseURL, credentials: credentials)
        if let tokenURL = connection.netSuiteTokenURL, tokenURL.absoluteString != netSuiteConnection.tokenURL.absoluteString {
            reportOnce(tenant.id, "netsuite.token_url \(tokenURL.absoluteString) is not the token endpoint of the REST base (\(netSuiteConnection.tokenURL.absoluteString)): NetSuite client not registered")
            return nil
        }
        let fingerprint = Self.fingerprint(netSuiteConnection, method: method, secrets: secrets)
        let sender: NetSuiteHTTPSender
        if let kept = netSuiteSenders[tenant.id], kept.fingerprint == fingerprint {
            sender = kept.sender
        } else {
            sender = NetSuiteHTTPSender(connection: netSuiteConnection, httpClient: httpClient, configuration: configuration.netsuite, logger: logger)
            netSuiteSenders[tenant.id] = (fingerprint, sender)
        }
        let governor = governor(forAccount: tenant.netsuiteAccountID)
        await governor.setWeight(connection.netSuiteWeight, for: tenant.id)
        return NetSuiteClient(sender: GovernedNetSuiteSender(tenant: tenant.id, governor: governor, inner: sender))
    }

    /// A digest of everything a NetSuite sender is built from; kept in memory only, to tell
    /// whether the sender (and its cached access token) can be reused.
    private static func fingerprint(_ connection: NetSuiteConnection, method: NetSuiteAuthMethod, secrets: [String: Secret]) -> Data {
        var hash = SHA256()
        for part in [connection.accountID, connection.restBaseURL.absoluteString, method.rawValue] + method.secretNames.map({ secrets[$0]?.exposedValue ?? "" }) {
            hash.update(data: Data(part.utf8))
            hash.update(data: Data([0]))
        }
        return Data(hash.finalize())
    }

    private func reportOnce(_ tenant: TenantID, _ problem: String) {
        guard reported[tenant, default: []].insert(problem).inserted else { return }
        logger.warning("tenant services incomplete", metadata: ["tenant": "\(tenant)", "problem": "\(problem)"])
    }
}
