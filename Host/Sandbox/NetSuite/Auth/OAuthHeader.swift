import Foundation

/// The parameters of an `Authorization: OAuth ...` header (RFC 5849 section 3.5.1).
struct OAuthHeader: Sendable {
    let realm: String?
    /// Every parameter but `realm`, decoded.
    let parameters: [String: String]

    /// Parses `OAuth realm="X", oauth_consumer_key="...", ...`; nil if it is not well formed
    /// or names a parameter twice.
    init?(authorization: String) {
        guard authorization.count > 6, authorization.prefix(6).lowercased() == "oauth " else { return nil }
        var realm: String?
        var parameters: [String: String] = [:]
        for part in authorization.dropFirst(6).split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return nil }
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            var quoted = Substring(pieces[1].trimmingCharacters(in: .whitespaces))
            guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else { return nil }
            quoted = quoted.dropFirst().dropLast()
            guard let value = PercentEncoding.decode(quoted, plusAsSpace: false) else { return nil }
            if name == "realm" {
                realm = value
            } else {
                guard parameters[name] == nil else { return nil }
                parameters[name] = value
            }
        }
        self.realm = realm
        self.parameters = parameters
    }

    subscript(name: String) -> String? { parameters[name] }
}

/// The OAuth 1.0a signature base string of a request as the server received it (RFC 5849 section 3.4.1).
enum SignatureBaseString {
    /// - Parameters:
    ///   - method: the HTTP method, uppercased here.
    ///   - authority: the `Host` header (`127.0.0.1:8080`).
    ///   - path: the request path, without the query.
    ///   - oauthParameters: the header's parameters; `oauth_signature` is left out here.
    ///   - queryParameters / bodyParameters: decoded query and form-encoded body pairs.
    static func make(
        method: String, scheme: String = "http", authority: String, path: String,
        oauthParameters: [String: String], queryParameters: [(name: String, value: String)],
        bodyParameters: [(name: String, value: String)]
    ) -> String {
        let baseURI = "\(scheme.lowercased())://\(normalizedAuthority(authority, scheme: scheme))\(path)"
        var pairs = oauthParameters.filter { $0.key != "oauth_signature" }.map { (PercentEncoding.encode($0.key), PercentEncoding.encode($0.value)) }
        pairs += (queryParameters + bodyParameters).map { (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value)) }
        pairs.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        let normalized = pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return [method.uppercased(), PercentEncoding.encode(baseURI), PercentEncoding.encode(normalized)].joined(separator: "&")
    }

    /// Lowercase host; the port only if it is not the scheme's default.
    static func normalizedAuthority(_ authority: String, scheme: String) -> String {
        let lowered = authority.lowercased()
        let defaultPort = scheme.lowercased() == "https" ? ":443" : ":80"
        return lowered.hasSuffix(defaultPort) ? String(lowered.dropLast(defaultPort.count)) : lowered
    }
}
