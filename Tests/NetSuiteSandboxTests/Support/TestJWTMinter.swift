import Crypto
import Foundation

/// Mints ES256 client assertions for the OAuth 2.0 M2M tests.
struct TestJWTMinter {
    let privateKey = P256.Signing.PrivateKey()
    let certificateID: String

    var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A signed JWT; `claims` values are JSON fragments (`"\"text\""`, `123`, `["a"]`).
    func assertion(clientID: String, audience: String, issuedAt: Int = Int(Date().timeIntervalSince1970),
                   lifetime: Int = 3000, kid: String? = nil, signWith key: P256.Signing.PrivateKey? = nil,
                   scope: String = "[\"rest_webservices\"]") throws -> String {
        let header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"\(kid ?? certificateID)\"}"
        let claims = "{\"iss\":\"\(clientID)\",\"scope\":\(scope),\"aud\":\"\(audience)\",\"iat\":\(issuedAt),\"exp\":\(issuedAt + lifetime)}"
        let input = Self.base64URL(Data(header.utf8)) + "." + Self.base64URL(Data(claims.utf8))
        let signature = try (key ?? privateKey).signature(for: Data(input.utf8))
        return input + "." + Self.base64URL(signature.rawRepresentation)
    }
}
