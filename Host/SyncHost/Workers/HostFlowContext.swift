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

/// Services a tenant's jobs can use, keyed by their type.
public struct TenantServices: Sendable {
    var byType: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

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
