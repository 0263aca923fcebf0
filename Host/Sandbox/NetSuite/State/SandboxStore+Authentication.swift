import Foundation

extension SandboxStore {
    /// Authenticates a REST request by TBA (`Authorization: OAuth`) or by an M2M access token
    /// (`Authorization: Bearer`); returns the caller's label, or nil for 401 INVALID_LOGIN.
    func authenticate(account: String, request: SandboxRequest, authority: String) -> String? {
        guard let authorization = request.header("authorization") else { return nil }
        let clock = self.clock
        if authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " {
            let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            return accounts[account]?.authenticateBearer(token, clock: clock)
        }
        guard let header = OAuthHeader(authorization: authorization) else { return nil }
        var bodyParameters: [(name: String, value: String)] = []
        if Self.isFormEncoded(request), let text = String(validating: request.body, as: UTF8.self),
           let pairs = PercentEncoding.decodePairs(text) {
            bodyParameters = pairs
        }
        let baseString = SignatureBaseString.make(
            method: request.method, authority: authority, path: request.rawPath, oauthParameters: header.parameters,
            queryParameters: request.query, bodyParameters: bodyParameters
        )
        let result = withAccountIfPresent(account) { state in state.authenticateTBA(header, baseString: baseString, clock: clock) }
        guard case .success(let label)? = result else { return nil }
        return label
    }

    /// The token endpoint: verifies the client assertion and mints a bearer token that lives
    /// 3600 sandbox seconds. NetSuite writes `expires_in` as a string.
    func issueAccessToken(account: String, request: SandboxRequest, tokenURL: String) -> SandboxResponse {
        guard Self.isFormEncoded(request), let text = String(validating: request.body, as: UTF8.self),
              let form = PercentEncoding.decodePairs(text) else {
            return Self.oauthError("invalid_request")
        }
        let clock = self.clock
        let answer = withAccountIfPresent(account) { state -> SandboxResponse in
            switch M2MTokenIssuer.verify(form: form, tokenURL: tokenURL, clients: state.m2mClients) {
            case .failure(let refusal):
                return Self.oauthError(refusal.error)
            case .success(let grant):
                let token = Self.randomHex(48)
                state.accessTokens[token] = AccessToken(label: grant.client.label, issuedAt: clock.elapsed)
                state.stats.accessTokensIssued += 1
                return SandboxResponse(
                    status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                    body: ["access_token": .string(token), "expires_in": "3600", "token_type": "Bearer"]
                )
            }
        }
        return answer ?? Self.oauthError("invalid_client")
    }

    static func oauthError(_ code: String) -> SandboxResponse {
        SandboxResponse(status: 400, headers: [("Content-Type", "application/json")], body: ["error": .string(code)])
    }

    static func isFormEncoded(_ request: SandboxRequest) -> Bool {
        request.header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }
}
