import Crypto
import Foundation
import PluginKit

/// Where a tenant's NetSuite account lives and how to authenticate to it.
///
/// ```swift
/// let connection = NetSuiteConnection(
///     accountID: "1234567_SB1",
///     credentials: .tokenBased(consumerKey: key, consumerSecret: secret, tokenID: token, tokenSecret: tokenSecret)
/// )
/// // connection.restBaseURL == https://1234567-sb1.suitetalk.api.netsuite.com
/// ```
public struct NetSuiteConnection: Sendable, CustomStringConvertible {
    /// The account id as NetSuite writes it, such as `1234567` or `1234567_SB1`.
    public var accountID: String
    /// The root every REST path is appended to (`/services/rest/...`), without a trailing slash.
    public var restBaseURL: URL
    /// How requests are authenticated.
    public var credentials: NetSuiteCredentials

    /// - Parameters:
    ///   - accountID: The account id (`1234567_SB1`).
    ///   - restBaseURL: Overrides the production host, for example with the sandbox's
    ///     `{baseURL}/{accountID}`; nil uses ``defaultRESTBaseURL(accountID:)``.
    ///   - credentials: Token-based or machine-to-machine credentials.
    public init(accountID: String, restBaseURL: URL? = nil, credentials: NetSuiteCredentials) {
        self.accountID = accountID
        self.credentials = credentials
        let base = restBaseURL ?? Self.defaultRESTBaseURL(accountID: accountID)
        // A trailing slash would double up when REST paths are appended.
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        self.restBaseURL = URL(string: text) ?? base
    }

    /// `https://{account, lowercased, '_' -> '-'}.suitetalk.api.netsuite.com`: the host
    /// name NetSuite assigns to an account (`1234567_SB1` -> `1234567-sb1`).
    /// An account id that is not ``isValidAccountID(_:)`` gets a host under the reserved
    /// `.invalid` domain, which never resolves; the sender refuses it before any request.
    public static func defaultRESTBaseURL(accountID: String) -> URL {
        let host = accountID.lowercased().replacingOccurrences(of: "_", with: "-")
        let authority = isValidAccountID(accountID) ? "\(host).suitetalk.api.netsuite.com" : "invalid-account.invalid"
        // The host is built from letters, digits and '-' only, so the URL always parses.
        return URL(string: "https://\(authority)") ?? URL(fileURLWithPath: "/")
    }

    /// Account ids are letters, digits and `_` (`1234567`, `1234567_SB1`, `TSTDRV123`).
    public static func isValidAccountID(_ accountID: String) -> Bool {
        !accountID.isEmpty && accountID.count <= 40 && accountID.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_")
        }
    }

    /// The OAuth 2.0 token endpoint of this account.
    public var tokenURL: URL {
        restBaseURL.appendingPathComponent("services/rest/auth/oauth2/v1/token")
    }

    /// The account and the kind of credentials, never the secrets.
    public var description: String {
        "NetSuiteConnection(account: \(accountID), restBaseURL: \(restBaseURL.absoluteString), credentials: \(credentials))"
    }
}

/// The two ways NetSuite authenticates an integration.
public enum NetSuiteCredentials: Sendable, CustomStringConvertible, CustomReflectable {
    /// Token-based authentication (OAuth 1.0a, HMAC-SHA256): an integration record's
    /// consumer key and secret plus an access token issued to a user and role.
    case tokenBased(consumerKey: String, consumerSecret: Secret, tokenID: String, tokenSecret: Secret)
    /// OAuth 2.0 client credentials (machine-to-machine): the integration's client id, the
    /// id NetSuite gave the uploaded certificate, and the certificate's ES256 private key.
    case machineToMachine(clientID: String, certificateID: String, privateKey: P256.Signing.PrivateKey)

    /// Machine-to-machine credentials from a PEM private key (`-----BEGIN PRIVATE KEY-----`
    /// or `-----BEGIN EC PRIVATE KEY-----`, curve P-256).
    /// - Throws: ``NetSuiteError`` (`netsuite_invalid_private_key`, permanent) when the PEM
    ///   is not a P-256 private key. The error never contains the PEM.
    public static func machineToMachine(clientID: String, certificateID: String, privateKeyPEM: Secret) throws -> Self {
        do {
            let key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM.exposedValue)
            return .machineToMachine(clientID: clientID, certificateID: certificateID, privateKey: key)
        } catch {
            throw NetSuiteError(
                code: "netsuite_invalid_private_key",
                failureClass: .permanent,
                message: "the machine-to-machine private key is not a P-256 (ES256) key in PEM form"
            )
        }
    }

    /// Names the kind and the public identifiers; secrets and keys are redacted.
    public var description: String {
        switch self {
        case .tokenBased(let consumerKey, _, let tokenID, _):
            "tokenBased(consumerKey: \(Self.abbreviate(consumerKey)), tokenID: \(Self.abbreviate(tokenID)), secrets: <redacted>)"
        case .machineToMachine(let clientID, let certificateID, _):
            "machineToMachine(clientID: \(Self.abbreviate(clientID)), certificateID: \(certificateID), privateKey: <redacted>)"
        }
    }

    /// Reflection (`dump`, `String(reflecting:)`) shows the description only, so a private
    /// key's bytes can never leak through it.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .enum)
    }

    // Keys and token ids are not secrets on their own, but a prefix is enough to tell them apart.
    private static func abbreviate(_ identifier: String) -> String {
        identifier.count <= 8 ? identifier : "\(identifier.prefix(8))..."
    }
}
