/// A data flow between one tenant's Shopify store and its NetSuite subsidiary: orders,
/// refunds, inventory, and so on. Every flow is a plugin, and the host runs them all the
/// same way:
///
/// 1. The plugin's ``descriptor`` says what starts its jobs: Shopify webhook topics, events
///    pushed from NetSuite, and periodic schedules. The host archives each delivery and
///    enqueues one job per subscribing plugin, durably, before acknowledging it.
/// 2. The host's scheduler claims a job and calls ``handle(_:context:)`` with a context that
///    carries the tenant, its settings for this flow, its clients (already governed by the
///    tenant's Shopify cost bucket and its NetSuite account's concurrency share), its ledger,
///    its payload archive and a logger that names the tenant.
/// 3. The plugin answers with a ``JobOutcome``: done, retry later (a classified error), or dead
///    (with a reason an operator can read before replaying it).
///
/// Plugins never import the host or each other, and they never keep per-tenant state of their
/// own: everything durable goes through the context. The same job may run more than once
/// (at-least-once delivery), so a plugin makes every external write idempotent: upserts by an
/// external id derived from the Shopify id on NetSuite, compare-and-set on Shopify, and the
/// ledger to skip stale or unchanged versions.
///
/// ```swift
/// struct CustomersPlugin: FlowPlugin {
///     let descriptor = PluginDescriptor(
///         id: "customers",
///         summary: "Shopify customers -> NetSuite customers, upserted by external id.",
///         webhookTopics: ["customers/create", "customers/update"])
///
///     func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
///         do {
///             let body = try await context.payloads.payload(for: job)
///             // ... map and upsert through the tenant's NetSuite client ...
///             return .done()
///         } catch {
///             return .failed(error)
///         }
///     }
/// }
/// ```
public protocol FlowPlugin: Sendable {
    /// What the plugin is and what starts its jobs.
    var descriptor: PluginDescriptor { get }

    /// Runs one job for one tenant. Called concurrently for different jobs, possibly of the
    /// same tenant; must not throw: every failure becomes a ``JobOutcome``.
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome
}
