import Crypto
import Foundation
import Logging
import PluginKit
import Synchronization
import TenantStore
@testable import SyncHost

/// A host with one tenant whose NetSuite events secret is in its vault, and a NetSuite
/// event ingress over it that counts the hook's calls.
struct NetSuiteIngressFixture {
    let host: HostDirectoryFixture
    let tenant: TenantID
    let secret = "events_secret_0123456789"
    let ingress: NetSuiteEventIngress
    let hookCalls: HookCounter

    final class HookCounter: Sendable {
        private let calls = Mutex<[TenantID]>([])
        func record(_ tenant: TenantID) { calls.withLock { $0.append(tenant) } }
        var count: Int { calls.withLock { $0.count } }
    }

    init(flows: Set<String> = ["inventory", "fulfillments"], storeSecret: Bool = true, maximumBodySize: Int = 64 * 1024,
         logger: Logger = Logger(label: "test"), account: String = "1234567_SB1") async throws {
        host = try HostDirectoryFixture()
        var onboarding = try HostDirectoryFixture.onboarding(account: account, flows: flows)
        onboarding.flowSettings = flows.contains("orders") ? ["orders": ["discount_item": "77"]] : [:]
        onboarding.setNetSuiteEventsSecret(Secret(secret))
        if !storeSecret {
            onboarding.secrets[TenantSecretNames.netSuiteEventsSecret] = nil
            onboarding.enabledFlows = onboarding.enabledFlows.filter { $0 == "orders" }
        }
        tenant = try await host.provisioner.provision(onboarding).id
        let counter = HookCounter()
        hookCalls = counter
        ingress = NetSuiteEventIngress(
            catalog: host.catalog, pool: host.pool, routing: host.registry.pushedEventRouting,
            configuration: .init(maximumBodySize: maximumBodySize), logger: logger,
            onJobsEnqueued: { counter.record($0) })
    }

    func remove() { host.remove() }

    /// A body as NetSuite's script sends it.
    static func event(id: String = UUID().uuidString, type: String = "inventory.changed", account: String = "1234567_SB1") -> Data {
        Data(#"{"accountId":"\#(account)","eventId":"\#(id)","items":[{"itemId":"12","locationId":"3","quantityAvailable":8,"quantityOnHand":10,"sku":"TSHIRT-M"}],"occurredAt":"2026-11-23T10:00:00Z","type":"\#(type)"}"#.utf8)
    }

    /// Headers signed as the script signs them.
    func headers(for body: Data, secret: String? = nil, timestamp: Date = Date()) -> [(String, String)] {
        let stamp = String(Int(timestamp.timeIntervalSince1970))
        var message = Data(stamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data((secret ?? self.secret).utf8)))
        return [("Content-Type", "application/json"), ("X-SyncHost-Timestamp", stamp),
                ("X-SyncHost-Signature", "sha256=" + Data(mac).base64EncodedString())]
    }

    func jobs() async throws -> [Job] {
        try await host.pool.withDatabase(tenant) { try await $0.jobs.jobs() }
    }

    func payloadCount() async throws -> Int {
        try await host.pool.withDatabase(tenant) { try await $0.archive.stats().payloads }
    }
}
