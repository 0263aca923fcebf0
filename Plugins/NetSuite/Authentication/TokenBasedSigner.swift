import Crypto
import Foundation
import PluginKit

/// Signs requests for NetSuite token-based authentication: OAuth 1.0a (RFC 5849) with
/// HMAC-SHA256, the only signature method NetSuite accepts.
///
/// ```swift
/// let signer = TokenBasedSigner(realm: "1234567_SB1", consumerKey: ck, consumerSecret: cs,
///                               tokenID: tid, tokenSecret: ts)
/// let header = signer.authorizationHeader(method: "GET", url: url)   // OAuth realm="1234567_SB1", ...
/// ```
public struct TokenBasedSigner: Sendable {
    /// The `realm` parameter: the account id in upper case (`1234567_SB1`). Never signed.
    public let realm: String
    let consumerKey: String
    let consumerSecret: Secret
    let tokenID: String
    let tokenSecret: Secret
    let makeNonce: @Sendable () -> String
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - makeNonce: A fresh random value per request; the default gives 32 alphanumerics.
    ///     Tests inject a fixed one.
    ///   - now: The clock for `oauth_timestamp`; tests inject a fixed instant.
    public init(
        realm: String,
        consumerKey: String,
        consumerSecret: Secret,
        tokenID: String,
        tokenSecret: Secret,
        makeNonce: @escaping @Sendable () -> String = TokenBasedSigner.randomNonce,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.realm = realm
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.tokenID = tokenID
        self.tokenSecret = tokenSecret
        self.makeNonce = makeNonce
        self.now = now
    }

    /// A random nonce of 32 characters from `[A-Za-z0-9]` (NetSuite asks for at least 6; the
    /// length keeps collisions within the timestamp window out of reach).
    public static func randomNonce() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The `Authorization` header value for one request, with a fresh nonce and timestamp.
    public func authorizationHeader(method: String, url: URL) -> String {
        var parameters = protocolParameters(nonce: makeNonce(), timestamp: now())
        let base = Self.signatureBaseString(method: method, url: url, oauthParameters: parameters)
        parameters.append(("oauth_signature", signature(baseString: base)))
        let fields = [("realm", realm)] + parameters
        return "OAuth " + fields.map { "\(PercentEncoding.encode($0.0))=\"\(PercentEncoding.encode($0.1))\"" }.joined(separator: ", ")
    }

    /// The `oauth_*` parameters that get signed (no signature, no realm).
    func protocolParameters(nonce: String, timestamp: Date) -> [(String, String)] {
        [
            ("oauth_consumer_key", consumerKey),
            ("oauth_token", tokenID),
            ("oauth_nonce", nonce),
            ("oauth_timestamp", String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))),
            ("oauth_signature_method", "HMAC-SHA256"),
            ("oauth_version", "1.0"),
        ]
    }

    /// base64(HMAC-SHA256(key: enc(consumerSecret) & enc(tokenSecret), message: baseString)).
    func signature(baseString: String) -> String {
        let key = PercentEncoding.encode(consumerSecret.exposedValue) + "&" + PercentEncoding.encode(tokenSecret.exposedValue)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(baseString.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// The RFC 5849 signature base string:
    /// `METHOD & enc(base string URI) & enc(normalized parameters)`.
    public static func signatureBaseString(method: String, url: URL, oauthParameters: [(String, String)]) -> String {
        let parameters = oauthParameters + queryParameters(of: url)
        let encoded: [(name: String, value: String)] = parameters.map { pair in
            (name: PercentEncoding.encode(pair.0), value: PercentEncoding.encode(pair.1))
        }
        let sorted = encoded.sorted { lhs, rhs in
            lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name
        }
        let normalized = sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
        return [method.uppercased(), PercentEncoding.encode(baseStringURI(of: url)), PercentEncoding.encode(normalized)]
            .joined(separator: "&")
    }

    /// Scheme and host in lower case, the port only when it is not the scheme's default,
    /// the path as sent, no query and no fragment (RFC 5849 section 3.4.1.2).
    public static func baseStringURI(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let scheme = (components?.scheme ?? "https").lowercased()
        let host = (components?.host ?? "").lowercased()
        var authority = host
        if let port = components?.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            authority += ":\(port)"
        }
        let path = components?.percentEncodedPath ?? ""
        return "\(scheme)://\(authority)\(path.isEmpty ? "/" : path)"
    }

    /// The query's name/value pairs, decoded (`+` is a space) so they can be re-encoded
    /// uniformly; a name without `=` has an empty value.
    static func queryParameters(of url: URL) -> [(String, String)] {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery, !query.isEmpty else {
            return []
        }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            return (PercentEncoding.decode(name, plusAsSpace: true) ?? name, PercentEncoding.decode(value, plusAsSpace: true) ?? value)
        }
    }
}
