import Crypto
import Foundation
import NetSuiteSandbox

/// A small OAuth 1.0a HMAC-SHA256 signer written for these tests only (RFC 5849), independent of
/// both the sandbox's verifier and our NetSuite client.
struct TestTBASigner: Sendable {
    let credentials: SandboxTBACredentials
    let realm: String

    /// Options that let a test break one part of an otherwise valid request.
    struct Overrides: Sendable {
        var nonce = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var timestamp = Int(Date().timeIntervalSince1970)
        var signatureMethod = "HMAC-SHA256"
        var version: String? = "1.0"
        var realm: String?
        var consumerSecret: String?
    }

    static func encode(_ text: String) -> String {
        var unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        unreserved.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// The `Authorization` header for `method url`, signing the URL's query parameters.
    func authorization(method: String, url: URL, overrides: Overrides = Overrides()) -> String {
        var oauth: [(String, String)] = [
            ("oauth_consumer_key", credentials.consumerKey), ("oauth_token", credentials.tokenID),
            ("oauth_nonce", overrides.nonce), ("oauth_timestamp", String(overrides.timestamp)),
            ("oauth_signature_method", overrides.signatureMethod),
        ]
        if let version = overrides.version { oauth.append(("oauth_version", version)) }
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let query = (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        components?.query = nil
        let scheme = (components?.scheme ?? "http").lowercased()
        let host = (components?.host ?? "").lowercased()
        let port = components?.port.map { ":\($0)" } ?? ""
        let baseURI = "\(scheme)://\(host)\(port)\(components?.percentEncodedPath ?? "/")"
        let encoded: [(String, String)] = (oauth + query).map { pair in (Self.encode(pair.0), Self.encode(pair.1)) }
        let sorted = encoded.sorted { left, right in left.0 == right.0 ? left.1 < right.1 : left.0 < right.0 }
        let normalized = sorted.map { pair in pair.0 + "=" + pair.1 }.joined(separator: "&")
        let baseString = "\(method.uppercased())&\(Self.encode(baseURI))&\(Self.encode(normalized))"
        let key = Self.encode(overrides.consumerSecret ?? credentials.consumerSecret) + "&" + Self.encode(credentials.tokenSecret)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(baseString.utf8), using: SymmetricKey(data: Data(key.utf8)))
        oauth.append(("oauth_signature", Data(mac).base64EncodedString()))
        let fields = oauth.map { "\($0.0)=\"\(Self.encode($0.1))\"" }.joined(separator: ", ")
        return "OAuth realm=\"\(overrides.realm ?? realm)\", \(fields)"
    }
}
