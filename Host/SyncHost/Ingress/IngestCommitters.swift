import TenantStore

/// One ``IngestCommitter`` per tenant, made on first use, so each tenant's deliveries are
/// grouped with each other and never wait behind another tenant's commit.
actor IngestCommitters {
    private let pool: TenantPool
    private var committers: [TenantID: IngestCommitter] = [:]

    init(pool: TenantPool) {
        self.pool = pool
    }

    func committer(for tenant: TenantID) -> IngestCommitter {
        if let existing = committers[tenant] { return existing }
        let committer = IngestCommitter(tenant: tenant, pool: pool)
        committers[tenant] = committer
        return committer
    }
}
