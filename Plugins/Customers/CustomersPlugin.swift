import Foundation
import NetSuite
import PluginKit
import RecordMapping
import Shopify

/// The customers flow: keeps one NetSuite customer per Shopify customer, from the
/// `customers/create` and `customers/update` webhooks (rules in MAPPING.md, "Customers";
/// the decisions are `CustomerSynchronizer`'s).
public struct CustomersPlugin: FlowPlugin {
    /// The flow's id, also its `flow` in jobs and cursors.
    public static let id = "customers"

    /// Creates the plugin; it keeps no state of its own.
    public init() {}

    /// `customers`, subscribed to `customers/create` and `customers/update`; no settings.
    public var descriptor: PluginDescriptor {
        PluginDescriptor(
            id: Self.id,
            summary: "Creates and updates one NetSuite customer per Shopify customer, matching existing customers by email the first time.",
            webhookTopics: ["customers/create", "customers/update"])
    }

    /// Syncs the customer of the job's webhook payload.
    ///
    /// `.done` with a note saying what happened, `.dead(malformed_payload)` when the payload
    /// is not a customer, otherwise the classified failure.
    public func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        let body: Data
        do {
            body = try await context.payloads.payload(for: job)
        } catch {
            return .failed(error)
        }
        let payload: ShopifyCustomerPayload
        do {
            payload = try ShopifyWebhookPayloads.decode(ShopifyCustomerPayload.self, from: body)
        } catch {
            return .dead(code: "malformed_payload", reason: "the customer payload does not decode: \(PayloadProblem.describe(error))")
        }
        do {
            let synchronizer = CustomerSynchronizer(
                netsuite: try context.service(NetSuiteClient.self), ledger: context.ledger, tenant: context.tenant, logger: context.logger)
            let result = try await synchronizer.sync(CustomerSnapshot(payload))
            return .done(note: result.applied
                ? "customer \(payload.id) synced to NetSuite customer \(result.internalID)"
                : "skipped: customer \(payload.id) is stale or unchanged (NetSuite customer \(result.internalID))")
        } catch {
            return .failed(error)
        }
    }
}
