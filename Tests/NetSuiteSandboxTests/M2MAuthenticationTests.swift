import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("OAuth 2.0 machine-to-machine")
struct M2MAuthenticationTests {
    static func requestToken(_ harness: SandboxHarness, assertion: String, grantType: String = "client_credentials") async throws -> TestResponse {
        var request = HTTPClientRequest(url: harness.account.tokenURL.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = "grant_type=\(grantType)&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=\(assertion)"
        request.body = .bytes(ByteBuffer(string: form))
        return try await SandboxHarness.execute(request)
    }

    static func bearerGET(_ harness: SandboxHarness, token: String) async throws -> TestResponse {
        try await harness.send(.GET, harness.recordURL("inventoryItem"), authorization: "Bearer \(token)")
    }

    @Test("a valid ES256 assertion gets a token that works until 60 sandbox minutes have passed")
    func tokenLifecycle() async throws {
        // One real second is 1200 sandbox seconds: the token dies after three real seconds.
        try await withHarness(configuration: .init(timeScale: 1200)) { harness in
            let minter = TestJWTMinter(certificateID: "cert-1")
            let clientID = try await harness.sandbox.registerM2MClient(
                account: SandboxHarness.accountID, label: "store-b", certificateID: "cert-1", publicKeyPEM: minter.publicKeyPEM)
            let assertion = try minter.assertion(clientID: clientID, audience: harness.account.tokenURL.absoluteString)
            let response = try await Self.requestToken(harness, assertion: assertion)
            #expect(response.status == 200)
            #expect(response.body?["expires_in"] == "3600")
            #expect(response.body?["token_type"] == "Bearer")
            let token = try #require(response.body?["access_token"]?.stringValue)
            #expect(try await Self.bearerGET(harness, token: token).status == 200)
            #expect(await harness.sandbox.stats(account: SandboxHarness.accountID).requestsByLabel["store-b"] == 1)
            try await Task.sleep(for: .milliseconds(3100))
            let expired = try await Self.bearerGET(harness, token: token)
            #expect(expired.status == 401)
            #expect(expired.errorCode == "INVALID_LOGIN")
        }
    }

    @Test("bad signature, wrong aud, unknown kid, long lifetime, missing scope and wrong grant are refused")
    func refusals() async throws {
        try await withHarness { harness in
            let minter = TestJWTMinter(certificateID: "cert-1")
            let clientID = try await harness.sandbox.registerM2MClient(
                account: SandboxHarness.accountID, label: "store-b", certificateID: "cert-1", publicKeyPEM: minter.publicKeyPEM)
            let audience = harness.account.tokenURL.absoluteString
            let cases: [(String, String, String)] = [
                (try minter.assertion(clientID: clientID, audience: audience, signWith: P256.Signing.PrivateKey()), "client_credentials", "invalid_client"),
                (try minter.assertion(clientID: clientID, audience: "https://example.com/token"), "client_credentials", "invalid_grant"),
                (try minter.assertion(clientID: clientID, audience: audience, kid: "cert-2"), "client_credentials", "invalid_client"),
                (try minter.assertion(clientID: "someone-else", audience: audience), "client_credentials", "invalid_client"),
                (try minter.assertion(clientID: clientID, audience: audience, lifetime: 3601), "client_credentials", "invalid_grant"),
                // exp must be strictly less than iat + 3600.
                (try minter.assertion(clientID: clientID, audience: audience, lifetime: 3600), "client_credentials", "invalid_grant"),
                (try minter.assertion(clientID: clientID, audience: audience, issuedAt: Int(Date().timeIntervalSince1970) + 600),
                 "client_credentials", "invalid_grant"),
                (try minter.assertion(clientID: clientID, audience: audience, scope: "\"restlets\""), "client_credentials", "invalid_grant"),
                (try minter.assertion(clientID: clientID, audience: audience), "password", "unsupported_grant_type"),
                ("not.a.jwt", "client_credentials", "invalid_request"),
            ]
            for (assertion, grant, expected) in cases {
                let response = try await Self.requestToken(harness, assertion: assertion, grantType: grant)
                #expect(response.status == 400)
                #expect(response.body?["error"]?.stringValue == expected)
            }
            // A comma-separated scope string, as NetSuite documents it, is accepted too, with or without spaces.
            let listed = try minter.assertion(clientID: clientID, audience: audience, scope: "\"restlets, rest_webservices\"")
            #expect(try await Self.requestToken(harness, assertion: listed).status == 200)
            let packed = try minter.assertion(clientID: clientID, audience: audience, scope: "\"restlets,rest_webservices\"")
            #expect(try await Self.requestToken(harness, assertion: packed).status == 200)
            let single = try minter.assertion(clientID: clientID, audience: audience, scope: "\"rest_webservices\"")
            #expect(try await Self.requestToken(harness, assertion: single).status == 200)
            let justUnderAnHour = try minter.assertion(clientID: clientID, audience: audience, lifetime: 3599)
            #expect(try await Self.requestToken(harness, assertion: justUnderAnHour).status == 200)
            let forged = try await Self.bearerGET(harness, token: "made-up")
            #expect(forged.status == 401)
        }
    }
}
