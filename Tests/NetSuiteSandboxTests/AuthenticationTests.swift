import Foundation
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("Token-based authentication")
struct AuthenticationTests {
    @Test("RFC 5849 section 3.4.1.1: the base string of the specification's example")
    func baseStringMatchesRFCExample() {
        // The example request of RFC 5849 section 3.4.1.1 (with its HMAC-SHA1 parameters).
        let base = SignatureBaseString.make(
            method: "post", authority: "EXAMPLE.com", path: "/request",
            oauthParameters: ["oauth_consumer_key": "9djdj82h48djs9d2", "oauth_token": "kkk9d7dh3k39sjv7",
                              "oauth_signature_method": "HMAC-SHA1", "oauth_timestamp": "137131201", "oauth_nonce": "7d8f3e4a",
                              "oauth_signature": "ignored"],
            queryParameters: [("b5", "=%3D"), ("a3", "a"), ("c@", ""), ("a2", "r b")],
            bodyParameters: [("c2", ""), ("a3", "2 q")]
        )
        #expect(base == "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7")
    }

    @Test("a correctly signed request is served, with query parameters signed too")
    func signedRequestAccepted() async throws {
        try await withHarness { harness in
            let response = try await harness.send(.GET, harness.recordURL("inventoryItem").appending(queryItems: [
                URLQueryItem(name: "limit", value: "10"), URLQueryItem(name: "offset", value: "0"),
            ]))
            #expect(response.status == 200)
            #expect(response.body?["totalResults"] == 2)
            let stats = await harness.sandbox.stats(account: SandboxHarness.accountID)
            #expect(stats.requestsByLabel["store-a"] == 1)
        }
    }

    @Test("wrong signature, reused nonce, stale timestamp, wrong realm or method: 401 INVALID_LOGIN")
    func refusals() async throws {
        try await withHarness { harness in
            let url = harness.recordURL("inventoryItem")
            var wrongSecret = TestTBASigner.Overrides()
            wrongSecret.consumerSecret = "not-the-secret"
            var stale = TestTBASigner.Overrides()
            stale.timestamp -= 301
            var sha1 = TestTBASigner.Overrides()
            sha1.signatureMethod = "HMAC-SHA1"
            var lowercaseRealm = TestTBASigner.Overrides()
            lowercaseRealm.realm = SandboxHarness.accountID.lowercased()
            var badVersion = TestTBASigner.Overrides()
            badVersion.version = "2.0"
            for overrides in [wrongSecret, stale, sha1, lowercaseRealm, badVersion] {
                let response = try await harness.send(.GET, url, overrides: overrides)
                #expect(response.status == 401)
                #expect(response.errorCode == "INVALID_LOGIN")
                #expect(response.body?["title"] == "Unauthorized")
                #expect(response.errorDetail == NetSuiteError.invalidLoginDetail)
            }
            var reused = TestTBASigner.Overrides()
            reused.nonce = "same-nonce-twice"
            #expect(try await harness.send(.GET, url, overrides: reused).status == 200)
            #expect(try await harness.send(.GET, url, overrides: reused).errorCode == "INVALID_LOGIN")
            // A signature for another path does not verify here.
            let other = harness.signer.authorization(method: "GET", url: harness.recordURL("customer"))
            #expect(try await harness.send(.GET, url, authorization: other).status == 401)
            #expect(try await harness.send(.GET, url, authorization: "Basic abc").status == 401)
            let stats = await harness.sandbox.stats(account: SandboxHarness.accountID)
            #expect(stats.unauthorized == 8)
        }
    }

    @Test("an unknown account is 404, an unknown token 401")
    func unknownAccountAndToken() async throws {
        try await withHarness { harness in
            let elsewhere = harness.sandbox.baseURL.appending(path: "999_SB9/services/rest/record/v1/customer")
            let unknownAccount = try await harness.send(.GET, elsewhere)
            #expect(unknownAccount.status == 404)
            let stranger = TestTBASigner(
                credentials: SandboxTBACredentials(consumerKey: "x", consumerSecret: "y", tokenID: "z", tokenSecret: "w"),
                realm: SandboxHarness.accountID
            )
            let unknownToken = try await harness.send(.GET, harness.recordURL("customer"), signer: stranger)
            #expect(unknownToken.status == 401)
        }
    }

    @Test("accounts are isolated: one account's token is refused by another")
    func accountsAreIsolated() async throws {
        try await withHarness { harness in
            let other = try await harness.sandbox.createAccount(id: "7654321", concurrencyLimit: 2)
            let url = other.restBaseURL.appending(path: "services/rest/record/v1/customer")
            let borrowed = TestTBASigner(credentials: harness.credentials, realm: "7654321")
            let refused = try await harness.send(.GET, url, signer: borrowed)
            #expect(refused.status == 401)
            let own = TestTBASigner(credentials: try await harness.sandbox.issueTBAToken(account: "7654321", label: "store-z"), realm: "7654321")
            let served = try await harness.send(.GET, url, signer: own)
            #expect(served.status == 200)
            #expect(await harness.sandbox.stats(account: "7654321").requests == 1)
            #expect(await harness.sandbox.stats(account: SandboxHarness.accountID).requests == 0)
        }
    }
}
