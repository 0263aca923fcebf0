import Foundation

/// A NetSuite account hosted by the sandbox.
public struct SandboxNetSuiteAccount: Sendable, Equatable {
    /// Account id as NetSuite spells it, e.g. `1234567_SB1` (also the TBA realm).
    public let id: String
    /// Base of the REST services: `{baseURL}/{id}`; append `/services/rest/record/v1/...`.
    public let restBaseURL: URL
    /// The OAuth 2.0 token endpoint: `{restBaseURL}/services/rest/auth/oauth2/v1/token`.
    public let tokenURL: URL
}

/// Token-based authentication credentials: one integration record plus one access token.
/// The secrets are redacted from `description`.
public struct SandboxTBACredentials: Sendable, Equatable, CustomStringConvertible {
    /// Consumer key of the integration record.
    public let consumerKey: String
    /// Consumer secret of the integration record.
    public let consumerSecret: String
    /// Token id of the access token.
    public let tokenID: String
    /// Token secret of the access token.
    public let tokenSecret: String

    /// Creates credentials, e.g. made-up ones to test a refusal.
    public init(consumerKey: String, consumerSecret: String, tokenID: String, tokenSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.tokenID = tokenID
        self.tokenSecret = tokenSecret
    }

    /// Shows the public identifiers only.
    public var description: String { "SandboxTBACredentials(consumerKey: \(consumerKey), tokenID: \(tokenID))" }
}

/// What one account of the sandbox has served so far.
public struct NetSuiteSandboxStats: Sendable, Equatable {
    /// Authenticated requests that reached governance (admitted or refused with 429).
    public var requests: Int
    /// The same requests counted by the label of the token or client that made them.
    public var requestsByLabel: [String: Int]
    /// Requests refused with 429 CONCURRENCY_LIMIT_EXCEEDED.
    public var tooManyRequests: Int
    /// The same refusals counted by the label of the caller that got them.
    public var tooManyRequestsByLabel: [String: Int]
    /// Answers with a 5xx status (injected errors, maintenance, hangs).
    public var serverErrors: Int
    /// Requests refused with 401 INVALID_LOGIN.
    public var unauthorized: Int
    /// Largest number of requests ever in flight at once; never above the limit.
    public var concurrencyHighWaterMark: Int
    /// Requests in flight now.
    public var inFlight: Int
    /// Access tokens issued by the OAuth 2.0 token endpoint.
    public var accessTokensIssued: Int

    /// Empty statistics.
    public init() {
        requests = 0
        requestsByLabel = [:]
        tooManyRequests = 0
        tooManyRequestsByLabel = [:]
        serverErrors = 0
        unauthorized = 0
        concurrencyHighWaterMark = 0
        inFlight = 0
        accessTokensIssued = 0
    }
}

/// Why a call to the sandbox's facade failed.
public struct NetSuiteSandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code of the failure.
    public enum Code: String, Sendable {
        /// No account has that id.
        case unknownAccount
        /// An account with that id exists already.
        case accountExists
        /// A referenced record (subsidiary, item, location...) does not exist.
        case unknownRecord
        /// An argument is malformed (price, SKU, currency code, PEM key...).
        case invalidArgument
        /// The server did not start.
        case notRunning
        /// ``NetSuiteSandbox/start()`` was called twice.
        case alreadyRunning
    }
    /// The failure's code.
    public let code: Code
    /// A message safe to log (never a secret).
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
