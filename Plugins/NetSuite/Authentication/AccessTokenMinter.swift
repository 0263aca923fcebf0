import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PluginKit

/// Exchanges a signed client assertion for an access token at NetSuite's token endpoint
/// (OAuth 2.0 client credentials with a JWT bearer assertion).
struct AccessTokenMinter: Sendable {
    let assertion: ClientAssertion
    let privateKey: P256.Signing.PrivateKey
    let tokenURL: URL
    let httpClient: HTTPClient
    let configuration: NetSuiteClientConfiguration
    let logger: Logger

    func mint() async throws -> AccessToken {
        // Measured before the request, so network time only shortens the lifetime we assume.
        let mintedAt = configuration.monotonicNow()
        let jwt: String
        do {
            jwt = try assertion.signed(with: privateKey, issuedAt: configuration.now())
        } catch {
            throw NetSuiteError(code: "netsuite_client_assertion_failed", failureClass: .permanent, message: "cannot sign the OAuth 2.0 client assertion")
        }
        let form = [
            ("grant_type", "client_credentials"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", jwt),
        ].map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
        var request = HTTPClientRequest(url: tokenURL.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: form))

        let response = try await HTTPExchange.execute(request, client: httpClient, configuration: configuration, operation: "oauth2.token")
        guard (200..<300).contains(response.status) else {
            let error = Self.classifyTokenFailure(response, configuration: configuration)
            logger.warning("netsuite access token refused", metadata: ["http.status": .stringConvertible(response.status), "error.code": .string(error.code)])
            throw error
        }
        let token = try Self.decodeToken(response, mintedAt: mintedAt)
        logger.debug("netsuite access token minted", metadata: ["lifetime_s": .stringConvertible((token.expiresAt - mintedAt).components.seconds)])
        return token
    }

    /// `{"access_token": "...", "expires_in": "3600" | 3600, "token_type": "Bearer"}`.
    static func decodeToken(_ response: NetSuiteResponse, mintedAt: Duration) throws -> AccessToken {
        let json = try response.json(operation: "oauth2.token")
        guard let value = json["access_token"]?.stringValue, !value.isEmpty,
              let lifetime = json["expires_in"]?.decimalValue, lifetime > 0
        else {
            throw NetSuiteError(
                code: "netsuite_undecodable_response", failureClass: .transient(retryAfter: nil),
                message: "oauth2.token: the token answer lacks access_token or a positive expires_in", httpStatus: response.status
            )
        }
        // NetSuite's tokens live an hour; a larger claim is not trusted beyond that.
        let seconds = min(NSDecimalNumber(decimal: lifetime).doubleValue, 3600)
        return AccessToken(value: Secret(value), expiresAt: mintedAt + .seconds(clamping: seconds, maximum: 3600))
    }

    /// OAuth errors (`{"error":"invalid_client"}`, `invalid_grant`, ...) mean the client or
    /// its certificate is refused: authentication. 429 and 5xx keep their usual classes.
    static func classifyTokenFailure(_ response: NetSuiteResponse, configuration: NetSuiteClientConfiguration) -> NetSuiteError {
        let oauthError = (try? JSONValue(data: response.body))?["error"]?.stringValue
        if let oauthError, [400, 401, 403].contains(response.status) {
            return NetSuiteError(
                code: "netsuite_oauth_" + oauthError, failureClass: .authentication,
                message: "NetSuite refused the machine-to-machine client (HTTP \(response.status), \(oauthError))", httpStatus: response.status
            )
        }
        return NetSuiteError.classify(
            status: response.status, retryAfter: response.header("retry-after"), body: response.body,
            defaultRateLimitDelay: configuration.defaultRateLimitDelay, now: configuration.now()
        )
    }
}
