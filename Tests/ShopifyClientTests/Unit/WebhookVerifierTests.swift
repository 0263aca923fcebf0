import Crypto
import Foundation
import PluginKit
import Shopify
import Testing

@Suite("Webhook HMAC verification")
struct WebhookVerifierTests {
    let body = Data(#"{"id":820982911946154508,"email":"jon@example.com","total_price":"403.00"}"#.utf8)
    let secret = Secret("hush-current-secret")
    let previous = Secret("hush-previous-secret")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Computed independently of the verifier: HMAC-SHA256 over the raw bytes, base64.
    private func sign(_ body: Data, _ key: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))).base64EncodedString()
    }

    @Test func acceptsAValidSignature() throws {
        let verifier = ShopifyWebhookVerifier(secret: secret)
        #expect(try verifier.verify(body: body, signature: sign(body, "hush-current-secret"), now: now) == .current)
        #expect(ShopifyWebhookVerifier.signature(for: body, secret: secret) == sign(body, "hush-current-secret"))
    }

    @Test func refusesATamperedBody() {
        let verifier = ShopifyWebhookVerifier(secret: secret)
        var tampered = body
        tampered[tampered.count - 3] = UInt8(ascii: "1")   // "403.00" -> "403.10"
        #expect(throws: ShopifyWebhookSignatureError.mismatch) {
            try verifier.verify(body: tampered, signature: sign(body, "hush-current-secret"), now: now)
        }
    }

    @Test func refusesAWrongSecret() {
        let verifier = ShopifyWebhookVerifier(secret: secret)
        #expect(throws: ShopifyWebhookSignatureError.mismatch) {
            try verifier.verify(body: body, signature: sign(body, "someone-else"), now: now)
        }
    }

    @Test func acceptsThePreviousSecretOnlyDuringTheGraceWindow() throws {
        let verifier = ShopifyWebhookVerifier(secret: secret, previousSecret: previous, previousSecretExpiresAt: now.addingTimeInterval(3600))
        let oldSignature = sign(body, "hush-previous-secret")
        #expect(try verifier.verify(body: body, signature: oldSignature, now: now.addingTimeInterval(3599)) == .previous)
        #expect(throws: ShopifyWebhookSignatureError.mismatch) {
            try verifier.verify(body: body, signature: oldSignature, now: now.addingTimeInterval(3600))
        }
        // The current secret is unaffected by the window.
        #expect(try verifier.verify(body: body, signature: sign(body, "hush-current-secret"), now: now.addingTimeInterval(7200)) == .current)
    }

    @Test func refusesAHexDigest() {
        let verifier = ShopifyWebhookVerifier(secret: secret)
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data("hush-current-secret".utf8)))
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        #expect(throws: ShopifyWebhookSignatureError.malformed) {
            try verifier.verify(body: body, signature: hex, now: now)
        }
    }

    @Test func refusesEmptyAndGarbageSignatures() {
        let verifier = ShopifyWebhookVerifier(secret: secret)
        #expect(throws: ShopifyWebhookSignatureError.missing) { try verifier.verify(body: body, signature: "  ", now: now) }
        #expect(throws: ShopifyWebhookSignatureError.malformed) { try verifier.verify(body: body, signature: "not base64!", now: now) }
        #expect(!verifier.isValid(body: body, signature: "AAAA", now: now))
    }

    @Test func errorsNeverShowTheSignatureOrSecret() {
        let text = "\(ShopifyWebhookSignatureError.mismatch) \(ShopifyWebhookSignatureError.malformed)"
        #expect(!text.contains("hush"))
    }
}

@Suite("Webhook headers")
struct WebhookHeadersTests {
    static let complete: [(String, String)] = [
        ("X-Shopify-Topic", "orders/create"),
        ("x-shopify-hmac-sha256", "XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM="),
        ("X-SHOPIFY-SHOP-DOMAIN", "Acme.myshopify.com"),
        ("X-Shopify-API-Version", "2026-01"),
        ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
        ("x-Shopify-Event-ID", "98880550-7158-44d4-b7cd-2c97c8a091b5"),
        ("X-Shopify-Triggered-At", "2026-01-15T10:32:43.123Z"),
        ("X-Shopify-Name", "orders-main"),
        ("Content-Type", "application/json"),
    ]

    @Test func parsesNamesInAnyCase() throws {
        let headers = try ShopifyWebhookHeaders(Self.complete)
        #expect(headers.topic == "orders/create")
        #expect(headers.hmac == "XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM=")
        #expect(headers.shopDomain == "acme.myshopify.com")
        #expect(headers.apiVersion == "2026-01")
        #expect(headers.webhookID == "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        #expect(headers.eventID == "98880550-7158-44d4-b7cd-2c97c8a091b5")
        #expect(headers.name == "orders-main")
        #expect(abs(headers.triggeredAt.timeIntervalSince1970 - 1_768_473_163.123) < 0.001)
    }

    @Test(arguments: [
        ShopifyWebhookHeaders.Name.topic, ShopifyWebhookHeaders.Name.hmac, ShopifyWebhookHeaders.Name.shopDomain,
        ShopifyWebhookHeaders.Name.apiVersion, ShopifyWebhookHeaders.Name.webhookID, ShopifyWebhookHeaders.Name.eventID,
        ShopifyWebhookHeaders.Name.triggeredAt,
    ])
    func namesTheMissingHeader(_ missing: String) {
        let headers = Self.complete.filter { $0.0.lowercased() != missing }
        #expect(throws: ShopifyWebhookHeaderError.missing(missing)) { try ShopifyWebhookHeaders(headers) }
    }

    @Test func nameIsOptionalAndTimestampMustParse() throws {
        let withoutName = Self.complete.filter { $0.0 != "X-Shopify-Name" }
        #expect(try ShopifyWebhookHeaders(withoutName).name == nil)
        let badTime = Self.complete.map { $0.0 == "X-Shopify-Triggered-At" ? ($0.0, "yesterday") : $0 }
        #expect(throws: ShopifyWebhookHeaderError.invalid("x-shopify-triggered-at")) { try ShopifyWebhookHeaders(badTime) }
    }
}
