import Crypto
import Foundation
import PluginKit
import Testing

@testable import NetSuite

@Suite("OAuth 1.0a signature (RFC 5849, HMAC-SHA256)")
struct TokenBasedSignerTests {
    let signer = TokenBasedSigner(
        realm: "1234567_SB1",
        consumerKey: "ck-123",
        consumerSecret: Secret("cs secret+1"),
        tokenID: "tk-456",
        tokenSecret: Secret("ts~2*"),
        makeNonce: { "abcdefghijklmnopqrstuvwx" },
        now: { Date(timeIntervalSince1970: 1_700_000_000) }
    )
    // Mixed-case host, the default port, a repeated parameter and a form-encoded non-ASCII value.
    let url = URL(string: "https://1234567-SB1.SuiteTalk.api.netsuite.com:443/services/rest/record/v1/customer?limit=5&q=name+IS+J%C3%BCrgen&a=2&a=1")!

    // Worked by hand: parameters encoded, sorted by name then value, joined, encoded again.
    let expectedBaseString =
        "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Fcustomer"
        + "&a%3D1%26a%3D2%26limit%3D5%26oauth_consumer_key%3Dck-123%26oauth_nonce%3Dabcdefghijklmnopqrstuvwx"
        + "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk-456"
        + "%26oauth_version%3D1.0%26q%3Dname%2520IS%2520J%25C3%25BCrgen"

    @Test func signatureMatchesAnIndependentComputation() throws {
        let header = signer.authorizationHeader(method: "GET", url: url)
        let fields = try parseHeader(header)

        // Key written by hand: enc("cs secret+1") & enc("ts~2*").
        let key = SymmetricKey(data: Data("cs%20secret%2B1&ts~2%2A".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(expectedBaseString.utf8), using: key)
        let expectedSignature = Data(mac).base64EncodedString()

        #expect(fields["oauth_signature"] == expectedSignature)
        // The same value computed with Python's hmac module, as a fixed known answer.
        #expect(expectedSignature == "Vqxgxe3eqmngIu4tk9KQN3D9XPqyfmIit82my69i5wE=")
    }

    @Test func baseStringFollowsRFC5849() {
        let parameters = signer.protocolParameters(nonce: "abcdefghijklmnopqrstuvwx", timestamp: Date(timeIntervalSince1970: 1_700_000_000))
        let base = TokenBasedSigner.signatureBaseString(method: "get", url: url, oauthParameters: parameters)
        #expect(base == expectedBaseString)
    }

    @Test func headerCarriesRealmAndEveryProtocolParameter() throws {
        let header = signer.authorizationHeader(method: "GET", url: url)
        #expect(header.hasPrefix("OAuth realm=\"1234567_SB1\", "))
        let fields = try parseHeader(header)
        #expect(fields["oauth_consumer_key"] == "ck-123")
        #expect(fields["oauth_token"] == "tk-456")
        #expect(fields["oauth_nonce"] == "abcdefghijklmnopqrstuvwx")
        #expect(fields["oauth_timestamp"] == "1700000000")
        #expect(fields["oauth_signature_method"] == "HMAC-SHA256")
        #expect(fields["oauth_version"] == "1.0")
        // The signature's '+', '/' and '=' are percent-encoded inside the quotes.
        let rawSignature = header.components(separatedBy: "oauth_signature=\"").last ?? ""
        #expect(!rawSignature.contains("+") && !rawSignature.contains("/") && !rawSignature.dropLast().contains("="))
    }

    @Test func baseStringURIDropsDefaultPortsOnlyAndKeepsThePath() throws {
        #expect(TokenBasedSigner.baseStringURI(of: try #require(URL(string: "HTTP://Example.COM:80/a/B?x=1"))) == "http://example.com/a/B")
        #expect(TokenBasedSigner.baseStringURI(of: try #require(URL(string: "http://127.0.0.1:8080/ACC_1/services"))) == "http://127.0.0.1:8080/ACC_1/services")
        #expect(TokenBasedSigner.baseStringURI(of: try #require(URL(string: "https://h.example:8443"))) == "https://h.example:8443/")
    }

    @Test func defaultNonceIsLongAndFresh() {
        let first = TokenBasedSigner.randomNonce(), second = TokenBasedSigner.randomNonce()
        #expect(first.count >= 20)
        #expect(first != second)
        #expect(first.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test func percentEncodingEdgeCases() {
        #expect(PercentEncoding.encode("a b") == "a%20b")
        #expect(PercentEncoding.encode("~-._") == "~-._")
        #expect(PercentEncoding.encode("*") == "%2A")
        #expect(PercentEncoding.encode("+") == "%2B")
        #expect(PercentEncoding.encode("=&/?%") == "%3D%26%2F%3F%25")
        #expect(PercentEncoding.encode("é") == "%C3%A9")
        #expect(PercentEncoding.encode("☃") == "%E2%98%83")
        #expect(PercentEncoding.encode("😀") == "%F0%9F%98%80")
        #expect(PercentEncoding.encode("AZaz09") == "AZaz09")
        #expect(PercentEncoding.decode("a+b%20c", plusAsSpace: true) == "a b c")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: false) == "a+b")
        #expect(PercentEncoding.decode("%C3%a9") == "é")
        #expect(PercentEncoding.decode("%G1") == nil)
        #expect(PercentEncoding.decode("%C3") == nil)
    }

    @Test func signedQueryMatchesTheQueryTheRequestSends() throws {
        // The request encodes its query with the same RFC 3986 set the signer decodes.
        let request = NetSuiteRequest(method: .get, path: "/services/rest/record/v1/item", query: [("q", "a b*+~é")], operation: "test")
        let base = try #require(URL(string: "https://x.example"))
        let built = try #require(request.url(relativeTo: base))
        #expect(built.absoluteString == "https://x.example/services/rest/record/v1/item?q=a%20b%2A%2B~%C3%A9")
        let parameters = TokenBasedSigner.queryParameters(of: built)
        #expect(parameters.count == 1)
        #expect(parameters.first?.0 == "q" && parameters.first?.1 == "a b*+~é")
    }

    /// `OAuth realm="...", name="value", ...` -> decoded name/value pairs.
    private func parseHeader(_ header: String) throws -> [String: String] {
        #expect(header.hasPrefix("OAuth "))
        var fields: [String: String] = [:]
        for part in header.dropFirst("OAuth ".count).components(separatedBy: ", ") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            try #require(pieces.count == 2)
            let quoted = String(pieces[1])
            try #require(quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
            fields[String(pieces[0])] = PercentEncoding.decode(String(quoted.dropFirst().dropLast()))
        }
        return fields
    }
}
