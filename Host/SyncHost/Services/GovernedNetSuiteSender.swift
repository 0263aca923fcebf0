import NetSuite
import PluginKit
import TenantStore

/// A NetSuite request path that holds a slot of the account's ``AccountConcurrencyGovernor``
/// for every request, so all tenants of one account together stay under its concurrency
/// limit. A rate-limited answer (429, `CONCURRENCY_LIMIT_EXCEEDED`) is reported to the
/// governor, which halves the account's effective limit, and is rethrown as the rate-limited
/// ``NetSuiteError`` it is, so the job is snoozed rather than failed.
struct GovernedNetSuiteSender: NetSuiteRequestSending {
    let tenant: TenantID
    let governor: AccountConcurrencyGovernor
    let inner: any NetSuiteRequestSending

    func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse {
        let inner = self.inner
        return try await governor.withPermit(for: tenant, isThrottle: Self.isThrottle) {
            try await inner.send(request)
        }
    }

    /// Whether an error is NetSuite asking us to slow down.
    static func isThrottle(_ error: any Error) -> Bool {
        guard let classified = error as? any ClassifiedError, case .rateLimited = classified.failureClass else { return false }
        return true
    }
}
