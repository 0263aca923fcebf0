import Foundation
import Logging
import PluginKit

/// A `FlowContext` for flow tests: a tenant profile, settings, a ledger, payloads and
/// services registered by type, exactly as the host hands them to a plugin.
///
/// ```swift
/// var context = TestFlowContext(tenant: tenant, ledger: database.ledger, payloads: database.archive)
/// context.register(netsuiteClient)
/// let outcome = await CustomersPlugin().handle(job, context: context)
/// ```
struct TestFlowContext: FlowContext {
    let tenant: TenantProfile
    var settings: FlowSettings
    var logger: Logger
    let ledger: any LedgerAccess
    let payloads: any PayloadAccess
    private var services: [ObjectIdentifier: any Sendable] = [:]

    init(
        tenant: TenantProfile, settings: FlowSettings = FlowSettings(given: [:]), ledger: any LedgerAccess,
        payloads: any PayloadAccess, logger: Logger = Logger(label: "test.flow")
    ) {
        self.tenant = tenant
        self.settings = settings
        self.ledger = ledger
        self.payloads = payloads
        self.logger = logger
    }

    /// Adds (or replaces) the service of type `Service`, as the host registers governed clients.
    mutating func register<Service: Sendable>(_ service: Service) {
        services[ObjectIdentifier(Service.self)] = service
    }

    /// The same context with one more service.
    func registering<Service: Sendable>(_ service: Service) -> TestFlowContext {
        var copy = self
        copy.register(service)
        return copy
    }

    func service<Service: Sendable>(_ type: Service.Type) throws -> Service {
        guard let service = services[ObjectIdentifier(type)] as? Service else {
            throw MissingServiceError(serviceName: String(describing: type), tenantID: tenant.id)
        }
        return service
    }
}

/// A tenant profile for tests; only the shop domain and subsidiary usually matter.
func testTenant(id: String = "acme", shopDomain: String = "acme-outdoor.myshopify.com", subsidiaryID: String = "1",
                netsuiteAccountID: String = "1234567_SB1") -> TenantProfile {
    TenantProfile(id: id, displayName: "Acme Outdoor", shopDomain: shopDomain, netsuiteAccountID: netsuiteAccountID,
                  subsidiaryID: subsidiaryID)
}
