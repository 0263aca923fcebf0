import Foundation
import Logging

/// Everything a plugin may use while it runs one job for one tenant.
///
/// The host builds a context per job. Clients come already governed: calls through them
/// wait for the tenant's Shopify cost bucket and its NetSuite account's concurrency share,
/// so a plugin never paces itself. Client modules add typed accessors on top of
/// ``service(_:)``; for example the Shopify module offers `context.shopify`.
public protocol FlowContext: Sendable {
    /// The tenant the job belongs to.
    var tenant: TenantProfile { get }
    /// The tenant's settings for this plugin, with the plugin's declared defaults applied.
    var settings: FlowSettings { get }
    /// A logger whose metadata already names the tenant, the flow and the job.
    var logger: Logger { get }
    /// The tenant's ledger: what each Shopify record became in NetSuite, and what was applied.
    var ledger: any LedgerAccess { get }
    /// The tenant's archive of raw payloads.
    var payloads: any PayloadAccess { get }
    /// A service the host provides for this tenant, by type: the tenant's governed
    /// Shopify or NetSuite client, for instance. Throws if the host has none of that type
    /// (a plugin enabled for a tenant without the credentials it needs).
    func service<Service: Sendable>(_ type: Service.Type) throws -> Service
}

/// The tenant as a plugin sees it.
public struct TenantProfile: Sendable, Equatable {
    /// The tenant id (a slug such as `acme-outdoor`).
    public let id: String
    /// The client's name, for messages.
    public let displayName: String
    /// `name.myshopify.com`.
    public let shopDomain: String
    /// The NetSuite account (`1234567` or `1234567_SB1`), shared with other tenants maybe.
    public let netsuiteAccountID: String
    /// The NetSuite subsidiary every record of this tenant belongs to.
    public let subsidiaryID: String

    /// A profile; the host builds it from the tenant catalog.
    public init(id: String, displayName: String, shopDomain: String, netsuiteAccountID: String, subsidiaryID: String) {
        self.id = id
        self.displayName = displayName
        self.shopDomain = shopDomain
        self.netsuiteAccountID = netsuiteAccountID
        self.subsidiaryID = subsidiaryID
    }
}

/// A service a context could not provide.
public struct MissingServiceError: ClassifiedError {
    /// The type the plugin asked for.
    public let serviceName: String
    /// The tenant that lacks it.
    public let tenantID: String

    /// An error for `serviceName` missing on `tenantID`.
    public init(serviceName: String, tenantID: String) {
        self.serviceName = serviceName
        self.tenantID = tenantID
    }

    // An operator must configure the tenant; retrying alone will not help.
    public var failureClass: FailureClass { .authentication }
    /// `missing_service`.
    public var code: String { "missing_service" }
    /// Names the service and the tenant.
    public var message: String { "tenant \(tenantID) has no \(serviceName) configured" }
}
