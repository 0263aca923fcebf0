import Crypto
import Foundation

/// Why the token endpoint refused a grant; `error` is the OAuth 2.0 (RFC 6749 section 5.2) code.
struct OAuthGrantError: Error, Sendable {
    let error: String
    let description: String

    static func invalidRequest(_ description: String) -> Self { .init(error: "invalid_request", description: description) }
    static func invalidClient(_ description: String) -> Self { .init(error: "invalid_client", description: description) }
    static func invalidGrant(_ description: String) -> Self { .init(error: "invalid_grant", description: description) }
    static func unsupportedGrantType(_ description: String) -> Self { .init(error: "unsupported_grant_type", description: description) }
}

/// The OAuth 2.0 client credentials flow with a JWT client assertion (RFC 7523), as NetSuite's
/// `/services/rest/auth/oauth2/v1/token` runs it for ES256 certificates.
enum M2MTokenIssuer {
    /// Access tokens live 60 minutes.
    static let lifetime: Double = 3600
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// Tolerance for clocks that run slightly ahead of ours when checking `iat`.
    static let clockSkew: Double = 5

    /// Checks the form and the assertion and returns the client it proves.
    /// - Parameter tokenURL: the URL the request was sent to, which `aud` must name.
    static func verify(
        form: [(name: String, value: String)], tokenURL: String, clients: [String: M2MClient], now: Date = Date()
    ) -> Result<(clientID: String, client: M2MClient), OAuthGrantError> {
        var fields: [String: String] = [:]
        for (name, value) in form {
            guard fields[name] == nil else { return .failure(.invalidRequest("parameter \(name) is repeated")) }
            fields[name] = value
        }
        guard let grantType = fields["grant_type"] else { return .failure(.invalidRequest("grant_type is missing")) }
        guard grantType == "client_credentials" else { return .failure(.unsupportedGrantType("only client_credentials is supported")) }
        guard fields["client_assertion_type"] == assertionType else {
            return .failure(.invalidRequest("client_assertion_type must be \(assertionType)"))
        }
        guard let assertion = fields["client_assertion"], !assertion.isEmpty else {
            return .failure(.invalidRequest("client_assertion is missing"))
        }
        guard let jwt = CompactJWT(assertion) else { return .failure(.invalidRequest("client_assertion is not a JWT")) }
        guard jwt.header["alg"]?.stringValue == "ES256" else { return .failure(.invalidClient("unsupported alg")) }
        if let type = jwt.header["typ"]?.stringValue, type.uppercased() != "JWT" { return .failure(.invalidRequest("typ must be JWT")) }
        guard let kid = jwt.header["kid"]?.stringValue else { return .failure(.invalidClient("kid is missing")) }
        guard let issuer = jwt.claims["iss"]?.stringValue, let client = clients[issuer] else {
            return .failure(.invalidClient("unknown client"))
        }
        guard client.certificateID == kid else { return .failure(.invalidClient("kid does not name the client's certificate")) }
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: jwt.signature),
              client.publicKey.isValidSignature(signature, for: Data(jwt.signingInput.utf8)) else {
            return .failure(.invalidClient("signature does not verify"))
        }
        if let failure = checkClaims(jwt.claims, tokenURL: tokenURL, now: now.timeIntervalSince1970) { return .failure(failure) }
        return .success((issuer, client))
    }

    private static func checkClaims(_ claims: SandboxJSON, tokenURL: String, now: Double) -> OAuthGrantError? {
        let audiences: [String] = claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? [claims["aud"]?.stringValue].compactMap { $0 }
        guard audiences.contains(tokenURL) else { return .invalidGrant("aud must be the token endpoint URL") }
        // NetSuite documents the scope as a comma-separated list ("restlets, rest_webservices"); an array is accepted too.
        let scopes: [String] = claims["scope"]?.arrayValue?.compactMap(\.stringValue)
            ?? claims["scope"]?.stringValue?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        guard scopes.contains("rest_webservices") else { return .invalidGrant("scope must include rest_webservices") }
        guard let issuedAt = claims["iat"]?.decimalValue.map({ NSDecimalNumber(decimal: $0).doubleValue }),
              let expiresAt = claims["exp"]?.decimalValue.map({ NSDecimalNumber(decimal: $0).doubleValue }) else {
            return .invalidGrant("iat and exp are required numbers")
        }
        guard issuedAt <= now + clockSkew else { return .invalidGrant("iat is in the future") }
        guard expiresAt > now else { return .invalidGrant("the assertion has expired") }
        // NetSuite wants exp strictly less than iat + 3600: an assertion of exactly one hour is refused.
        guard expiresAt - issuedAt < lifetime, expiresAt > issuedAt else { return .invalidGrant("exp must be less than 3600 s after iat") }
        return nil
    }
}

/// A compact-serialized JWS: three base64url parts.
struct CompactJWT {
    let header: SandboxJSON
    let claims: SandboxJSON
    let signature: Data
    let signingInput: String

    init?(_ token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.base64URLDecode(parts[0]), let claimsData = Self.base64URLDecode(parts[1]),
              let signature = Self.base64URLDecode(parts[2]),
              let header = try? SandboxJSON.parse(Array(headerData)), header.objectValue != nil,
              let claims = try? SandboxJSON.parse(Array(claimsData)), claims.objectValue != nil else { return nil }
        self.header = header
        self.claims = claims
        self.signature = signature
        signingInput = "\(parts[0]).\(parts[1])"
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
