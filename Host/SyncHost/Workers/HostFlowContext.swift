import Foundation
import Logging
import PluginKit
import TenantStore

/// The ``FlowContext`` the host hands a plugin for one job.
struct HostFlowContext: FlowContext {
    let tenant: TenantProfile
    let settings: FlowSettings
    let logger: Logger
    let ledger: any LedgerAccess
    let payloads: any PayloadAccess
    /// The tenant's governed clients and other services, by type name.
    let services: [ObjectIdentifier: any Sendable]

    func service<Service: Sendable>(_ type: Service.Type) throws -> Service {
        guard let service = services[ObjectIdentifier(type)] as? Service else {
            throw MissingServiceError(serviceName: String(describing: type), tenantID: tenant.id)
        }
        return service
    }
}

/// What the host knows of a tenant when it runs the tenant's jobs: the services (governed
/// clients) by type, the settings the tenant gave each plugin, and which flows it enabled.
public struct TenantServices: Sendable {
    var byType: [ObjectIdentifier: any Sendable] = [:]
    /// The tenant's settings, by plugin id; the plugin's declared defaults fill the rest.
    public var flowSettings: [String: [String: String]] = [:]
    /// The flows the tenant enabled; nil means every installed flow (tests, tools).
    public var enabledFlows: Set<String>?

    public init() {}

    /// Whether the tenant runs `flow`.
    public func isEnabled(_ flow: String) -> Bool { enabledFlows?.contains(flow) ?? true }

    /// Adds (or replaces) the service of type `Service`.
    public mutating func register<Service: Sendable>(_ service: Service) {
        byType[ObjectIdentifier(Service.self)] = service
    }
}

extension TenantProfile {
    init(_ record: TenantRecord) {
        self.init(id: record.id.rawValue, displayName: record.displayName, shopDomain: record.shopDomain,
                  netsuiteAccountID: record.netsuiteAccountID, subsidiaryID: record.subsidiaryID)
    }
}
