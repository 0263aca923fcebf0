import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A faithful local NetSuite REST API on 127.0.0.1: many accounts in one process, token-based
/// and OAuth 2.0 M2M authentication, the per-account concurrency limit, injected faults, the
/// REST record service and a SuiteQL subset.
///
/// Behaviours a client must be ready for, as in NetSuite:
/// - `GET` of a record returns sublists (`item`, `line`...) as links only; add
///   `?expandSubResources=true` to get their lines. References carry `id`, `refName`, `links`.
/// - Sales orders commit stock at their locations; fulfillments (only by
///   `!transform/itemFulfillment`) take it off hand.
/// - Item lines may sell `inventoryItem`, `kitItem`, `discountItem` (no quantity, amount <= 0)
///   or `otherChargeItem` (quantity defaults to 1, amount of either sign) records; only the
///   first two commit stock and are fulfilled. Lines accept `isClosed`; a sales order carries a
///   read-only `status` (B Pending Fulfillment, D Partially Fulfilled, F Pending Billing,
///   H Closed once every line is closed).
/// - SuiteQL answers every value as a string, leaves null columns out, and writes dates as
///   `M/D/YYYY` unless the query uses `TO_CHAR(col, 'YYYY-MM-DD HH24:MI:SS')`. The subset:
///   `SELECT cols|* FROM table [alias] [WHERE c AND c ...] [ORDER BY e [ASC|DESC], ...]` with
///   `=, <>, !=, <, <=, >, >=, IN (...), NOT IN, LIKE, IS [NOT] NULL` and the functions
///   `TO_DATE`, `TO_TIMESTAMP`, `TO_CHAR`, `UPPER`, `LOWER` (time zone UTC). Tables: `item`,
///   `AggregateItemLocation`, `transaction`, `transactionLine`, `pricing`, `kitItemMember`
///   (or `itemMember`), `customer`, `location`, `subsidiary`, `currency`, `priceLevel`, `account`.
///   Anything else (OR, JOIN, GROUP BY, other functions) is refused with 400 INVALID_PARAMETER.
///
/// ```swift
/// let sandbox = NetSuiteSandbox()
/// try await sandbox.start()
/// let account = try await sandbox.createAccount(id: "1234567_SB1", concurrencyLimit: 5)
/// let credentials = try await sandbox.issueTBAToken(account: account.id, label: "store-a")
/// // POST \(account.restBaseURL)/services/rest/record/v1/salesOrder signed with `credentials`
/// await sandbox.stop()
/// ```
public final class NetSuiteSandbox: Sendable {
    let configuration: NetSuiteSandboxConfiguration
    let store: SandboxStore
    private let server = Mutex<ServerState>(ServerState())

    private struct ServerState {
        var port: Int?
        var task: Task<Void, any Error>?
        var group: ServiceGroup?
        var lifetime: ServerLifetime?
    }

    /// Creates a stopped sandbox; call ``start()`` to listen.
    public init(configuration: NetSuiteSandboxConfiguration = .init()) {
        self.configuration = configuration
        self.store = SandboxStore(clock: SandboxClock(timeScale: configuration.timeScale))
    }

    /// Binds 127.0.0.1 on the configured port and returns once the server accepts connections.
    public func start() async throws {
        let lifetime = ServerLifetime()
        let alreadyRunning = server.withLock { state in
            // `lifetime` is set from the moment a start begins, so two concurrent starts cannot both bind.
            if state.task != nil || state.lifetime != nil { return true }
            state.lifetime = lifetime
            return false
        }
        guard !alreadyRunning else { throw NetSuiteSandboxError(.alreadyRunning, "the sandbox is already running") }
        var logger = Logger(label: "NetSuiteSandbox")
        logger.logLevel = configuration.logLevel
        let handler = SandboxRequestHandler(store: store, configuration: configuration, lifetime: lifetime)
        let (ports, portSink) = AsyncStream.makeStream(of: Int?.self)
        let app = Application(
            responder: CallbackResponder { (request: Request, _: BasicRequestContext) in
                await handler.respond(to: request)
            },
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "NetSuiteSandbox"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port)
                portSink.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { portSink.finish() }
            try await group.run()
        }
        var bound: Int?
        for await port in ports { bound = port }
        guard let bound else {
            task.cancel()
            _ = await task.result
            server.withLock { $0 = ServerState() }
            if case .failure(let error) = await task.result { throw error }
            throw NetSuiteSandboxError(.notRunning, "the server did not bind 127.0.0.1:\(configuration.port)")
        }
        server.withLock { state in
            state.port = bound
            state.task = task
            state.group = group
        }
    }

    /// Stops listening, releases hung requests, lets answers in progress finish and waits for the server to end.
    public func stop() async {
        let (task, group, lifetime) = server.withLock { state in
            let running = (state.task, state.group, state.lifetime)
            state = ServerState()
            return running
        }
        lifetime?.end()
        await group?.triggerGracefulShutdown()
        _ = await task?.result
    }

    /// `http://127.0.0.1:PORT`, valid after ``start()``.
    public var baseURL: URL {
        let port = server.withLock { $0.port } ?? configuration.port
        // The literal is well formed for every port number.
        return URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Creates an account; its id is the first path segment of every URL (see ``SandboxNetSuiteAccount``).
    /// Call it after ``start()`` so the URLs carry the bound port.
    public func createAccount(id: String, concurrencyLimit: Int = 5) async throws -> SandboxNetSuiteAccount {
        try await store.createAccount(id: id, concurrencyLimit: concurrencyLimit)
        let rest = baseURL.appending(path: id)
        return SandboxNetSuiteAccount(
            id: id, restBaseURL: rest, tokenURL: rest.appending(path: "services/rest/auth/oauth2/v1/token")
        )
    }

    /// Creates an integration record and an access token on it; `label` names the caller in ``stats(account:)``.
    public func issueTBAToken(account: String, label: String) async throws -> SandboxTBACredentials {
        try await store.issueTBAToken(account: account, label: label)
    }

    /// Registers an OAuth 2.0 client credentials (M2M) client with its certificate's P-256 public key
    /// (PEM, `-----BEGIN PUBLIC KEY-----`). Returns the client id, the JWT's `iss`.
    public func registerM2MClient(account: String, label: String, certificateID: String, publicKeyPEM: String) async throws -> String {
        try await store.registerM2MClient(account: account, label: label, certificateID: certificateID, publicKeyPEM: publicKeyPEM)
    }

    /// Replaces the account's faults and reseeds its generator with `faults.seed`.
    public func setFaults(account: String, _ faults: NetSuiteFaults) async {
        await store.setFaults(account: account, faults)
    }

    /// The stored records of `type` (e.g. `salesOrder`), fully expanded, in creation order.
    public func records(account: String, type: String) async -> [[String: SandboxJSON]] {
        await store.records(account: account, type: type)
    }

    /// What the account has served so far.
    public func stats(account: String) async -> NetSuiteSandboxStats {
        await store.stats(account: account)
    }

    /// Posts `event` to `url` signed with `secret` as the SuiteScript we ship does; returns the HTTP status.
    public func pushEvent(account: String, to url: URL, secret: String, event: NetSuitePushedEvent) async throws -> Int {
        guard await store.hasAccount(account) else { throw NetSuiteSandboxError(.unknownAccount, "no account \(account)") }
        return try await EventPusher(httpClient: .shared).push(event, accountID: account, to: url, secret: secret)
    }
}

/// Lets hung requests end early when the sandbox stops.
final class ServerLifetime: Sendable {
    private let ended = Mutex(false)

    var isEnded: Bool { ended.withLock { $0 } }

    func end() { ended.withLock { $0 = true } }
}
