import GRDB

/// The tenant database's schema, as versioned migrations. A migration, once released, is
/// never edited: changes come as new migrations.
enum TenantSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 job queue") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    flow TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    unique_key TEXT,
                    payload_id INTEGER,
                    arguments BLOB,
                    priority INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('available','scheduled','running','retryable','done','dead','cancelled')),
                    attempt INTEGER NOT NULL,
                    max_attempts INTEGER NOT NULL,
                    run_at INTEGER NOT NULL,
                    lease_until INTEGER,
                    lease_token TEXT,
                    last_error_kind TEXT,
                    last_error_code TEXT,
                    last_error_message TEXT,
                    last_error_at INTEGER,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    finished_at INTEGER
                );
                -- One live job per (flow, unique key): enqueue relies on this index, not on a prior look-up.
                CREATE UNIQUE INDEX jobs_unique_live ON jobs (flow, unique_key)
                    WHERE unique_key IS NOT NULL AND state IN ('available','scheduled','running','retryable');
                -- The claim's scan: claimable jobs only, in claim order.
                CREATE INDEX jobs_claimable ON jobs (priority, run_at, id)
                    WHERE state IN ('available','scheduled','retryable');
                CREATE INDEX jobs_leases ON jobs (lease_until) WHERE state = 'running';
                CREATE INDEX jobs_flow_state ON jobs (flow, state);
                CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('done','cancelled');
                CREATE INDEX jobs_payload ON jobs (payload_id) WHERE payload_id IS NOT NULL;
                CREATE INDEX jobs_last_error ON jobs (last_error_at) WHERE last_error_at IS NOT NULL;
                """)
        }
        migrator.registerMigration("v1 payload archive") { db in
            try db.execute(sql: """
                CREATE TABLE payloads (
                    id INTEGER PRIMARY KEY,
                    sha256 BLOB NOT NULL UNIQUE,
                    topic TEXT NOT NULL,
                    source TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    raw_size INTEGER NOT NULL,
                    compressed_size INTEGER NOT NULL,
                    codec TEXT NOT NULL,
                    body BLOB,
                    redacted_at INTEGER
                );
                CREATE INDEX payloads_received ON payloads (received_at);
                CREATE TABLE payload_subjects (
                    kind TEXT NOT NULL,
                    subject_id TEXT NOT NULL,
                    payload_id INTEGER NOT NULL REFERENCES payloads (id) ON DELETE CASCADE,
                    PRIMARY KEY (kind, subject_id, payload_id)
                ) WITHOUT ROWID;
                CREATE INDEX payload_subjects_payload ON payload_subjects (payload_id);
                """)
        }
        migrator.registerMigration("v1 credential vault") { db in
            try db.execute(sql: """
                CREATE TABLE credentials (
                    name TEXT PRIMARY KEY,
                    key_id TEXT NOT NULL,
                    sealed BLOB NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v1 rate budget") { db in
            try db.execute(sql: """
                CREATE TABLE shopify_bucket (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    maximum_available REAL NOT NULL,
                    currently_available REAL NOT NULL,
                    restore_rate REAL NOT NULL,
                    observed_at INTEGER NOT NULL
                );
                CREATE TABLE netsuite_share (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    account_id TEXT NOT NULL,
                    weight INTEGER NOT NULL,
                    allotted_concurrency INTEGER NOT NULL,
                    backoff_until INTEGER
                );
                CREATE TABLE daily_calls (
                    day TEXT NOT NULL,
                    api TEXT NOT NULL,
                    calls INTEGER NOT NULL,
                    PRIMARY KEY (day, api)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v1 ledger") { db in
            try db.execute(sql: """
                CREATE TABLE ledger (
                    record_type TEXT NOT NULL,
                    shopify_id TEXT NOT NULL,
                    netsuite_internal_id TEXT,
                    netsuite_external_id TEXT,
                    source_updated_at INTEGER,
                    body_hash TEXT,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (record_type, shopify_id)
                ) WITHOUT ROWID;
                CREATE INDEX ledger_netsuite ON ledger (record_type, netsuite_internal_id);
                CREATE TABLE cursors (
                    flow TEXT PRIMARY KEY,
                    value TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2 webhook deliveries") { db in
            // What ingress has already accepted, so a redelivery is acknowledged without
            // being archived or enqueued again. Shopify retries for about 4 hours and may
            // deliver up to a day late: rows are kept for days, then pruned.
            try db.execute(sql: """
                CREATE TABLE deliveries (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    delivery_id TEXT,
                    event_id TEXT,
                    topic TEXT NOT NULL,
                    payload_id INTEGER,
                    received_at INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX deliveries_delivery ON deliveries (source, delivery_id) WHERE delivery_id IS NOT NULL;
                CREATE UNIQUE INDEX deliveries_event ON deliveries (source, topic, event_id) WHERE event_id IS NOT NULL;
                CREATE INDEX deliveries_received ON deliveries (received_at);
                """)
        }
        migrator.registerMigration("v3 settings") { db in
            // The tenant's own configuration: each plugin's settings (scope = plugin id) and the
            // host's non-secret connection endpoints (scope = "connection"). Secrets never go
            // here: they are sealed in the credential vault.
            // `flow_selection` has its single row once the tenant's flows were chosen, so "none
            // enabled" can be told apart from "never chosen" (a tenant made before settings existed).
            try db.execute(sql: """
                CREATE TABLE settings (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                CREATE TABLE enabled_flows (
                    flow TEXT PRIMARY KEY
                ) WITHOUT ROWID;
                CREATE TABLE flow_selection (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    updated_at INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
