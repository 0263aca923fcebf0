import Crypto
import Foundation
import PluginKit
import Testing

@testable import NetSuite

@Suite("OAuth 2.0 client assertion (ES256 JWT)")
struct ClientAssertionTests {
    let tokenURL = URL(string: "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")!

    @Test func headerClaimsAndSignatureVerify() throws {
        let key = P256.Signing.PrivateKey()
        let assertion = ClientAssertion(clientID: "client-abc", certificateID: "cert-9", audience: tokenURL)
        let jwt = try assertion.signed(with: key, issuedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        #expect(parts.allSatisfy { !$0.contains("=") && !$0.contains("+") && !$0.contains("/") })

        let headerData = try #require(ClientAssertion.decodeBase64URL(parts[0]))
        let header = try #require(try JSONSerialization.jsonObject(with: headerData) as? [String: Any])
        #expect(header["alg"] as? String == "ES256")
        #expect(header["typ"] as? String == "JWT")
        #expect(header["kid"] as? String == "cert-9")

        let claimsData = try #require(ClientAssertion.decodeBase64URL(parts[1]))
        let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
        #expect(claims["iss"] as? String == "client-abc")
        #expect(claims["scope"] as? [String] == ["rest_webservices"])
        #expect(claims["aud"] as? String == tokenURL.absoluteString)
        #expect((claims["iat"] as? NSNumber)?.int64Value == 1_800_000_000)
        #expect((claims["exp"] as? NSNumber)?.int64Value == 1_800_000_300)

        // ES256 in JWS is the raw 64-byte r || s, not DER.
        let signatureBytes = try #require(ClientAssertion.decodeBase64URL(parts[2]))
        #expect(signatureBytes.count == 64)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: signatureBytes)
        #expect(key.publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)))
        #expect(!P256.Signing.PrivateKey().publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)))
    }

    @Test func lifetimeStaysUnderOneHour() throws {
        let assertion = ClientAssertion(clientID: "c", certificateID: "k", audience: tokenURL, lifetime: .seconds(7200))
        #expect(assertion.lifetime == .seconds(3540))
        #expect(ClientAssertion(clientID: "c", certificateID: "k", audience: tokenURL).lifetime == .seconds(300))
    }

    @Test func credentialsFromPEMAndRedaction() throws {
        let key = P256.Signing.PrivateKey()
        let credentials = try NetSuiteCredentials.machineToMachine(clientID: "client-abcdefghijkl", certificateID: "cert-1", privateKeyPEM: Secret(key.pemRepresentation))
        let shown = "\(credentials) \(String(reflecting: credentials))"
        #expect(!shown.contains("PRIVATE KEY"))
        #expect(!shown.contains(key.rawRepresentation.base64EncodedString()))
        #expect(shown.contains("<redacted>"))

        #expect(throws: NetSuiteError.self) {
            try NetSuiteCredentials.machineToMachine(clientID: "c", certificateID: "k", privateKeyPEM: Secret("not a key"))
        }
        let tba = NetSuiteCredentials.tokenBased(consumerKey: "ck", consumerSecret: Secret("consumer-secret-value"), tokenID: "tk", tokenSecret: Secret("token-secret-value"))
        let tbaShown = "\(tba) \(String(reflecting: tba)) \(NetSuiteConnection(accountID: "1_SB1", credentials: tba))"
        #expect(!tbaShown.contains("consumer-secret-value") && !tbaShown.contains("token-secret-value"))
    }

    @Test func defaultRESTBaseURLFromAccountID() {
        #expect(NetSuiteConnection.defaultRESTBaseURL(accountID: "1234567_SB1").absoluteString == "https://1234567-sb1.suitetalk.api.netsuite.com")
        #expect(NetSuiteConnection.defaultRESTBaseURL(accountID: "TSTDRV42").absoluteString == "https://tstdrv42.suitetalk.api.netsuite.com")
        #expect(NetSuiteConnection.defaultRESTBaseURL(accountID: "evil.com/x").absoluteString == "https://invalid-account.invalid")
        let connection = NetSuiteConnection(
            accountID: "1_SB1", restBaseURL: URL(string: "http://127.0.0.1:9/1_SB1/")!,
            credentials: .tokenBased(consumerKey: "a", consumerSecret: Secret("b"), tokenID: "c", tokenSecret: Secret("d"))
        )
        #expect(connection.restBaseURL.absoluteString == "http://127.0.0.1:9/1_SB1")
        #expect(connection.tokenURL.absoluteString == "http://127.0.0.1:9/1_SB1/services/rest/auth/oauth2/v1/token")
    }
}
