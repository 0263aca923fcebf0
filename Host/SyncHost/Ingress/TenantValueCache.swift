import TenantStore

/// One value per tenant read from its database and kept for a short time, so ingress's hot
/// path does not read the tenant's settings or decrypt its secrets on every delivery; a
/// change made elsewhere takes effect within `lifetime`.
actor TenantValueCache<Value: Sendable> {
    private struct Entry {
        let value: Value
        let loadedAt: ContinuousClock.Instant
    }

    private let pool: TenantPool
    private let lifetime: Duration
    private let load: @Sendable (TenantDatabase) async throws -> Value
    private var entries: [TenantID: Entry] = [:]

    init(pool: TenantPool, lifetime: Duration = .seconds(60), load: @escaping @Sendable (TenantDatabase) async throws -> Value) {
        self.pool = pool
        self.lifetime = lifetime
        self.load = load
    }

    /// The tenant's value, from the cache while fresh.
    func value(for tenant: TenantID) async throws -> Value {
        if let entry = entries[tenant], ContinuousClock.now - entry.loadedAt < lifetime { return entry.value }
        let value = try await pool.withDatabase(tenant, load)
        entries[tenant] = Entry(value: value, loadedAt: .now)
        return value
    }

    /// Forgets a tenant's value, after it changed.
    func invalidate(_ tenant: TenantID) {
        entries[tenant] = nil
    }
}

/// The flows each tenant enabled, for ingress: nil when the tenant never chose (every
/// installed flow runs, as for a tenant made before flows could be chosen).
typealias EnabledFlowsCache = TenantValueCache<Set<String>?>

extension TenantValueCache where Value == Set<String>? {
    static func enabledFlows(pool: TenantPool, lifetime: Duration) -> EnabledFlowsCache {
        EnabledFlowsCache(pool: pool, lifetime: lifetime) { try await $0.settings.enabledFlowsIfChosen() }
    }
}
