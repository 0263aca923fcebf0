import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import Testing
@testable import NetSuiteSandbox

@Suite("Pushed events")
struct PushEventTests {
    struct Received: Sendable {
        var signatureValid = false
        var eventID: String?
        var body: SandboxJSON?
    }

    static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }

    @Test("pushEvent posts a signed event that a receiver can verify")
    func pushIsSigned() async throws {
        let received = Mutex(Received())
        let secret = "push-secret"
        let router = Router()
        router.post("events") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(body.readableBytesView)
            let timestamp = Self.header(request, "X-SyncHost-Timestamp") ?? ""
            let signature = Self.header(request, "X-SyncHost-Signature") ?? ""
            let mac = HMAC<SHA256>.authenticationCode(for: Data(timestamp.utf8) + Data(".".utf8) + Data(bytes),
                                                      using: SymmetricKey(data: Data(secret.utf8)))
            received.withLock { state in
                state.signatureValid = signature == "sha256=" + Data(mac).base64EncodedString()
                state.eventID = Self.header(request, "X-SyncHost-Event-Id")
                state.body = try? SandboxJSON.parse(bytes)
            }
            return .ok
        }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "push-receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0); sink.finish() },
                              logger: logger)
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var port = 0
        for await bound in ports { port = bound }

        try await withHarness { harness in
            let event = NetSuitePushedEvent.inventoryChanged(items: [
                .init(itemID: harness.mug, sku: "MUG", locationID: harness.location, quantityOnHand: 5, quantityAvailable: 4),
            ])
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/events"))
            let status = try await harness.sandbox.pushEvent(account: SandboxHarness.accountID, to: url, secret: secret, event: event)
            #expect(status == 200)
            let seen = received.withLock { $0 }
            #expect(seen.signatureValid)
            #expect(seen.eventID == event.eventId)
            #expect(seen.body?["type"] == "inventory.changed")
            #expect(seen.body?["accountId"] == .string(SandboxHarness.accountID))
            #expect(seen.body?["items"]?.arrayValue?.first?["quantityAvailable"] == 4)
        }
    }

    @Test("an itemFulfillment.created event has the contract's shape")
    func fulfillmentEventShape() throws {
        let event = NetSuitePushedEvent.itemFulfillmentCreated(accountID: "1234567_SB1", fulfillment: .init(
            id: "55", createdFrom: .init(id: "10", externalID: "shopify-order-1001"), carrier: "UPS", trackingNumbers: ["1Z999"],
            shipDate: "2026-01-05", items: [.init(itemID: "7", sku: "SHIRT-M", quantity: 2)]
        ))
        let json = try SandboxJSON.parse(Array(try JSONEncoder().encode(event)))
        #expect(Set(json.objectValue?.keys.map { $0 } ?? []) == ["eventId", "type", "accountId", "occurredAt", "fulfillment"])
        #expect(json["type"] == "itemFulfillment.created")
        #expect(json["fulfillment"]?["createdFrom"]?["externalId"] == "shopify-order-1001")
        #expect(json["fulfillment"]?["items"]?.arrayValue?.first?["quantity"] == 2)
        #expect(json["occurredAt"]?.stringValue?.hasSuffix("Z") == true)
    }
}
