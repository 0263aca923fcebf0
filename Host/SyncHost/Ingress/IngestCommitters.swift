import TenantStore

/// One ``IngestCommitter`` per tenant, made on first use, so each tenant's deliveries are
/// grouped with each other and never wait behind another tenant's commit. Both ingresses
/// (Shopify webhooks, NetSuite events) share one, so a tenant's deliveries of either kind
/// are committed together.
actor IngestCommitters {
    private let pool: TenantPool
    private let onJobsEnqueued: @Sendable (TenantID) async -> Void
    private var committers: [TenantID: IngestCommitter] = [:]

    init(pool: TenantPool, onJobsEnqueued: @escaping @Sendable (TenantID) async -> Void = { _ in }) {
        self.pool = pool
        self.onJobsEnqueued = onJobsEnqueued
    }

    func committer(for tenant: TenantID) -> IngestCommitter {
        if let existing = committers[tenant] { return existing }
        let committer = IngestCommitter(tenant: tenant, pool: pool, onJobsEnqueued: onJobsEnqueued)
        committers[tenant] = committer
        return committer
    }
}
