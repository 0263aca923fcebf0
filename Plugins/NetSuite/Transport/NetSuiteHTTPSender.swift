import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PluginKit

/// Sends NetSuite requests over HTTP with AsyncHTTPClient, authenticated with the
/// connection's credentials (OAuth 1.0a signature or OAuth 2.0 bearer token), and turns
/// every failure into a classified ``NetSuiteError``.
///
/// With machine-to-machine credentials the access token is minted on first use, shared by
/// all concurrent requests, renewed before it expires, and re-minted once when NetSuite
/// refuses a cached token with 401.
///
/// Logs carry the account, operation, method, path, status and duration; never headers,
/// bodies, signatures or tokens.
public final class NetSuiteHTTPSender: NetSuiteRequestSending {
    /// The account this sender talks to.
    public let connection: NetSuiteConnection
    let httpClient: HTTPClient
    let configuration: NetSuiteClientConfiguration
    let logger: Logger
    private let authenticator: Authenticator

    private enum Authenticator: Sendable {
        case tokenBased(TokenBasedSigner)
        case machineToMachine(AccessTokenProvider)
    }

    /// - Parameters:
    ///   - httpClient: Shared by every client of the host; not shut down by the sender.
    ///   - logger: Receives one debug line per request and a warning per failure.
    ///   - makeNonce: The OAuth 1.0a nonce source; tests inject a fixed one.
    public init(
        connection: NetSuiteConnection,
        httpClient: HTTPClient = .shared,
        configuration: NetSuiteClientConfiguration = .init(),
        logger: Logger = Logger(label: "synchost.netsuite"),
        makeNonce: @escaping @Sendable () -> String = TokenBasedSigner.randomNonce
    ) {
        self.connection = connection
        self.httpClient = httpClient
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "netsuite.account"] = .string(connection.accountID)
        self.logger = logger
        switch connection.credentials {
        case .tokenBased(let consumerKey, let consumerSecret, let tokenID, let tokenSecret):
            authenticator = .tokenBased(
                TokenBasedSigner(
                    realm: connection.accountID.uppercased(), consumerKey: consumerKey, consumerSecret: consumerSecret,
                    tokenID: tokenID, tokenSecret: tokenSecret, makeNonce: makeNonce, now: configuration.now
                )
            )
        case .machineToMachine(let clientID, let certificateID, let privateKey):
            let assertion = ClientAssertion(clientID: clientID, certificateID: certificateID, audience: connection.tokenURL)
            let minter = AccessTokenMinter(
                assertion: assertion, privateKey: privateKey, tokenURL: connection.tokenURL,
                httpClient: httpClient, configuration: configuration, logger: self.logger
            )
            authenticator = .machineToMachine(
                AccessTokenProvider(renewalMargin: configuration.tokenRenewalMargin, now: configuration.monotonicNow) {
                    try await minter.mint()
                }
            )
        }
    }

    /// How many access tokens this sender has minted (0 with token-based credentials);
    /// for health reports and tests.
    public func accessTokensMinted() async -> Int {
        guard case .machineToMachine(let provider) = authenticator else { return 0 }
        return await provider.mintCount
    }

    /// The access token cached right now, if any; internal so tests can check it never
    /// reaches a log.
    func cachedAccessToken() async -> Secret? {
        guard case .machineToMachine(let provider) = authenticator else { return nil }
        return await provider.cachedToken?.value
    }

    /// Sends one request. Throws ``NetSuiteError`` for every failure.
    public func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse {
        guard NetSuiteConnection.isValidAccountID(connection.accountID) else {
            throw NetSuiteError(
                code: "netsuite_invalid_account_id", failureClass: .permanent,
                message: "\(request.operation): '\(String(connection.accountID.prefix(40)))' is not a NetSuite account id"
            )
        }
        guard let url = request.url(relativeTo: connection.restBaseURL) else {
            throw NetSuiteError(code: "netsuite_invalid_url", failureClass: .permanent, message: "\(request.operation): the request path does not form a URL")
        }
        switch authenticator {
        case .tokenBased(let signer):
            let authorization = signer.authorizationHeader(method: request.method.rawValue, url: url)
            return try await perform(request, url: url, authorization: authorization)
        case .machineToMachine(let provider):
            let (token, reused) = try await provider.tokenAndOrigin()
            do {
                return try await perform(request, url: url, authorization: "Bearer " + token.value.exposedValue)
            } catch let error as NetSuiteError where error.httpStatus == 401 && reused {
                // A cached token may have been revoked or expired early: one fresh mint, one
                // retry. A token minted for this very call that is refused is final.
                logger.info("netsuite access token refused, minting a new one", metadata: ["netsuite.operation": .string(request.operation)])
                await provider.invalidate(token)
                let fresh = try await provider.token()
                return try await perform(request, url: url, authorization: "Bearer " + fresh.value.exposedValue)
            }
        }
    }

    private func perform(_ request: NetSuiteRequest, url: URL, authorization: String) async throws -> NetSuiteResponse {
        var http = HTTPClientRequest(url: url.absoluteString)
        http.method = HTTPMethod(rawValue: request.method.rawValue)
        http.headers.add(name: "Authorization", value: authorization)
        http.headers.add(name: "Accept", value: "application/json")
        for header in request.headers {
            http.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            let data: Data
            do {
                data = try body.encoded()
            } catch {
                throw NetSuiteError(code: "netsuite_unencodable_body", failureClass: .permanent, message: "\(request.operation): the request body cannot be written as JSON")
            }
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: data))
        }
        let started = ContinuousClock.now
        var metadata: Logger.Metadata = [
            "netsuite.operation": .string(request.operation),
            "http.method": .string(request.method.rawValue),
            "http.path": .string(request.path),
        ]
        do {
            let response = try await HTTPExchange.execute(http, client: httpClient, configuration: configuration, operation: request.operation)
            metadata["http.status"] = .stringConvertible(response.status)
            metadata["duration_ms"] = .stringConvertible((ContinuousClock.now - started).milliseconds)
            guard (200..<300).contains(response.status) else {
                let error = NetSuiteError.classify(
                    status: response.status, retryAfter: response.header("retry-after"), body: response.body,
                    defaultRateLimitDelay: configuration.defaultRateLimitDelay, now: configuration.now()
                )
                metadata["error.code"] = .string(error.code)
                logger.warning("netsuite request failed", metadata: metadata)
                throw error
            }
            logger.debug("netsuite request", metadata: metadata)
            return response
        } catch let error as NetSuiteError {
            if metadata["error.code"] == nil {
                metadata["error.code"] = .string(error.code)
                logger.warning("netsuite request failed", metadata: metadata)
            }
            throw error
        }
    }
}
