import Foundation
import NetSuite
import PluginKit
import TenantStore

/// How a tenant authenticates to NetSuite, as the `netsuite.auth` setting names it.
public enum NetSuiteAuthMethod: String, Sendable, CaseIterable {
    /// Token-based authentication (OAuth 1.0a).
    case tokenBased = "tba"
    /// OAuth 2.0 client credentials with a certificate (machine-to-machine).
    case machineToMachine = "m2m"

    /// The vault names this method needs.
    public var secretNames: [String] {
        switch self {
        case .tokenBased: TenantSecretNames.tokenBased
        case .machineToMachine: TenantSecretNames.machineToMachine
        }
    }
}

/// A tenant's non-secret connection settings, stored in its settings store under
/// ``TenantSettingsStore/connectionScope``. Every key is optional in storage; the defaults
/// are the vendors' production endpoints.
public struct TenantConnectionSettings: Sendable, Equatable {
    /// The setting keys of the connection scope.
    public enum Key {
        /// Base under which `/admin/api/{version}/graphql.json` is found; default `https://{shop}`.
        public static let shopifyAdminBaseURL = "shopify.admin_base_url"
        /// The Admin API version, `YYYY-MM`; default the client's.
        public static let shopifyAPIVersion = "shopify.api_version"
        /// Root of NetSuite's REST paths; default `https://{account}.suitetalk.api.netsuite.com`.
        public static let netSuiteRESTBaseURL = "netsuite.rest_base_url"
        /// NetSuite's OAuth 2.0 token endpoint, when it is not under the REST base (informational:
        /// the client derives it from the REST base, and the factory refuses a mismatch).
        public static let netSuiteTokenURL = "netsuite.token_url"
        /// `tba` or `m2m`.
        public static let netSuiteAuth = "netsuite.auth"
        /// The tenant's share weight on its NetSuite account's concurrency limit; default 1.
        public static let netSuiteWeight = "netsuite.weight"

        /// Every key the connection scope accepts.
        public static let all: Set<String> = [shopifyAdminBaseURL, shopifyAPIVersion, netSuiteRESTBaseURL,
                                              netSuiteTokenURL, netSuiteAuth, netSuiteWeight]
    }

    public var shopifyAdminBaseURL: URL?
    public var shopifyAPIVersion: String?
    public var netSuiteRESTBaseURL: URL?
    public var netSuiteTokenURL: URL?
    public var netSuiteAuth: NetSuiteAuthMethod?
    /// Share weight on the NetSuite account, > 0.
    public var netSuiteWeight: Double

    /// Parses the connection scope; throws a ``TenantConfigurationError`` naming the first bad key.
    public init(_ values: [String: String]) throws {
        if let unknown = values.keys.sorted().first(where: { !Key.all.contains($0) }) {
            throw TenantConfigurationError(field: "connection.\(unknown)", problem: "is not a connection setting (known: \(Key.all.sorted().joined(separator: ", ")))")
        }
        shopifyAdminBaseURL = try values[Key.shopifyAdminBaseURL].map { try Self.httpURL($0, key: Key.shopifyAdminBaseURL) }
        shopifyAPIVersion = try values[Key.shopifyAPIVersion].map { version in
            guard Self.isAPIVersion(version) else {
                throw TenantConfigurationError(field: "connection.\(Key.shopifyAPIVersion)", problem: "must look like 2026-01")
            }
            return version
        }
        netSuiteRESTBaseURL = try values[Key.netSuiteRESTBaseURL].map { try Self.httpURL($0, key: Key.netSuiteRESTBaseURL) }
        netSuiteTokenURL = try values[Key.netSuiteTokenURL].map { try Self.httpURL($0, key: Key.netSuiteTokenURL) }
        netSuiteAuth = try values[Key.netSuiteAuth].map { text in
            guard let method = NetSuiteAuthMethod(rawValue: text) else {
                throw TenantConfigurationError(field: "connection.\(Key.netSuiteAuth)", problem: "must be tba or m2m")
            }
            return method
        }
        if let text = values[Key.netSuiteWeight] {
            guard let weight = Double(text.trimmingCharacters(in: .whitespaces)), weight.isFinite, weight > 0, weight <= 1000 else {
                throw TenantConfigurationError(field: "connection.\(Key.netSuiteWeight)", problem: "must be a number above 0 and at most 1000")
            }
            netSuiteWeight = weight
        } else {
            netSuiteWeight = 1
        }
    }

    /// An absolute http(s) URL with a host; anything else is refused, naming the key.
    static func httpURL(_ text: String, key: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw TenantConfigurationError(field: "connection.\(key)", problem: "must be an absolute http(s) URL without query")
        }
        return url
    }

    /// The OAuth 2.0 token endpoint the NetSuite client derives for `accountID` and the REST
    /// base (``NetSuiteConnection/tokenURL``), which `netsuite.token_url`, when given, must match.
    static func derivedTokenURL(accountID: String, restBaseURL: URL?) -> URL {
        // The credentials play no part in the URL; empty ones only let the connection be built.
        NetSuiteConnection(accountID: accountID, restBaseURL: restBaseURL,
                           credentials: .tokenBased(consumerKey: "", consumerSecret: Secret(""), tokenID: "", tokenSecret: Secret(""))).tokenURL
    }

    private static func isAPIVersion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 4 && parts[1].count == 2
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

/// A tenant's configuration (a catalog field, a setting, a secret, a flow) that is missing
/// or invalid: what provisioning refuses, naming the field. Never carries a secret value.
public struct TenantConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field, such as `connection.netsuite.auth`, `orders.discount_item` or `secret netsuite.tba.token-id`.
    public let field: String
    /// What is wrong with it.
    public let problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field) \(problem)" }
}
