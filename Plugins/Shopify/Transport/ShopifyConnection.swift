import Foundation
import PluginKit

/// Where and as whom the client talks to one store's Admin API.
///
/// In production the Admin API lives on the shop's own host (`https://{shopDomain}`); the
/// sandbox serves every shop from one loopback server under `{baseURL}/{shopDomain}`, which
/// is why the base URL can be given. The access token is a ``Secret``: it prints as
/// `<redacted>` and is read only to set the request header.
public struct ShopifyConnection: Sendable, Equatable {
    /// The shop's permanent domain, `name.myshopify.com`.
    public let shopDomain: String
    /// The base under which `/admin/api/{version}/graphql.json` is found.
    public let adminBaseURL: URL
    /// The Admin API version, `YYYY-MM`.
    public let apiVersion: String
    /// The app's offline access token for this shop.
    public let accessToken: Secret

    /// Creates a connection. `adminBaseURL` defaults to `https://{shopDomain}`; a domain that
    /// makes no URL leaves a base the client refuses to call (a permanent error).
    public init(shopDomain: String, adminBaseURL: URL? = nil, apiVersion: String = "2026-01", accessToken: Secret) {
        self.shopDomain = shopDomain
        self.adminBaseURL = adminBaseURL ?? URL(string: "https://\(shopDomain)") ?? URL(fileURLWithPath: "/")
        self.apiVersion = apiVersion
        self.accessToken = accessToken
    }

    /// `{adminBaseURL}/admin/api/{apiVersion}/graphql.json`.
    public var graphQLURL: URL {
        adminBaseURL
            .appendingPathComponent("admin")
            .appendingPathComponent("api")
            .appendingPathComponent(apiVersion)
            .appendingPathComponent("graphql.json")
    }
}
