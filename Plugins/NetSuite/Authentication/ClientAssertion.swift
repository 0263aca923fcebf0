import Crypto
import Foundation

/// The signed JWT NetSuite's OAuth 2.0 client-credentials flow takes as `client_assertion`.
///
/// Header `{"alg":"ES256","typ":"JWT","kid":certificateID}`, claims
/// `{"iss":clientID,"scope":["rest_webservices"],"aud":tokenURL,"iat":now,"exp":now+lifetime}`,
/// signature ES256 as the raw 64-byte `r || s`, every part base64url without padding.
public struct ClientAssertion: Sendable {
    /// The integration's client id (`iss`).
    public let clientID: String
    /// The id NetSuite gave the uploaded certificate (`kid`).
    public let certificateID: String
    /// The token endpoint (`aud`).
    public let audience: URL
    /// The scopes asked for; REST web services by default.
    public let scopes: [String]
    /// How long the assertion is valid; NetSuite accepts at most one hour.
    public let lifetime: Duration

    /// An assertion for `clientID`'s certificate `certificateID`, addressed to `audience`.
    /// An assertion is used once, right away, so it lives 5 minutes by default; NetSuite wants
    /// `exp` within an hour of `iat`, so a longer `lifetime` is cut to 59 minutes.
    public init(clientID: String, certificateID: String, audience: URL, scopes: [String] = ["rest_webservices"], lifetime: Duration = .seconds(300)) {
        self.clientID = clientID
        self.certificateID = certificateID
        self.audience = audience
        self.scopes = scopes
        self.lifetime = min(lifetime, Self.maximumLifetime)
    }

    /// Strictly under NetSuite's one-hour bound, with a minute of room for clock skew.
    public static let maximumLifetime: Duration = .seconds(3540)

    /// The compact JWT `header.claims.signature`, issued at `issuedAt`.
    public func signed(with key: P256.Signing.PrivateKey, issuedAt: Date) throws -> String {
        let issued = Int64(issuedAt.timeIntervalSince1970.rounded(.down))
        let header = Header(alg: "ES256", typ: "JWT", kid: certificateID)
        let claims = Claims(iss: clientID, scope: scopes, aud: audience.absoluteString, iat: issued, exp: issued + lifetime.components.seconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signingInput = Self.base64URL(try encoder.encode(header)) + "." + Self.base64URL(try encoder.encode(claims))
        let signature = try key.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Self.base64URL(signature.rawRepresentation)
    }

    /// Base64url (RFC 4648 section 5) without padding.
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding; nil when it is not base64url.
    public static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// The JOSE header.
    public struct Header: Codable, Sendable, Equatable {
        /// The signature algorithm, `ES256`.
        public var alg: String
        /// The token type, `JWT`.
        public var typ: String
        /// The certificate id.
        public var kid: String
    }

    /// The registered claims NetSuite reads.
    public struct Claims: Codable, Sendable, Equatable {
        /// The client id.
        public var iss: String
        /// The scopes asked for.
        public var scope: [String]
        /// The token endpoint URL.
        public var aud: String
        /// Issued at, Unix seconds.
        public var iat: Int64
        /// Expiry, Unix seconds.
        public var exp: Int64
    }
}
