import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// Posts a ``NetSuitePushedEvent`` to the host, signed as the host expects:
/// `X-SyncHost-Signature: sha256=<base64 HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
struct EventPusher {
    let httpClient: HTTPClient
    var timeout: TimeAmount = .seconds(10)

    func push(_ event: NetSuitePushedEvent, accountID: String, to url: URL, secret: String, now: Date = Date()) async throws -> Int {
        var event = event
        event.accountId = accountID
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(event)
        let timestamp = String(Int(now.timeIntervalSince1970))
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-SyncHost-Event-Id", value: event.eventId)
        request.headers.add(name: "X-SyncHost-Timestamp", value: timestamp)
        request.headers.add(name: "X-SyncHost-Signature", value: "sha256=" + Self.signature(secret: secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await httpClient.execute(request, timeout: timeout)
        // Drain the answer so the connection can be reused.
        _ = try? await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    static func signature(secret: String, timestamp: String, body: Data) -> String {
        var message = Data(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}
