import Foundation
import Logging
import NetSuite
import PluginKit
import RecordMapping
import Shopify

/// The orders flow: Shopify orders become NetSuite sales orders, upserted by external id,
/// mapped to the cent as MAPPING.md prescribes (see ``SalesOrderMapper``).
///
/// Webhooks (`orders/create`, `orders/updated`, `orders/cancelled`) carry the order; the
/// `reconcile` schedule finds orders changed since its cursor that the ledger lacks, fetches
/// them from Shopify and syncs them the same way, so a dropped webhook is caught within minutes.
public struct OrdersPlugin: FlowPlugin {
    /// The ledger record type of orders and the flow's cursor name.
    public static let recordType = "order"

    /// Serializes the jobs of one order in this process (with the customers they carry).
    private let syncLocks: RecordSyncLocks

    /// A plugin; everything per tenant comes through the job's context.
    public init() {
        self.init(locks: .shared)
    }

    /// A plugin with a lock table of its own: a test's stand-in for another host process.
    init(locks: RecordSyncLocks) {
        syncLocks = locks
    }

    /// Id `orders`, the three order topics, the reconciliation schedule and the settings.
    public var descriptor: PluginDescriptor { Self.describe() }

    /// Runs one webhook or reconciliation job.
    public func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        do {
            let settings = try OrderMappingSettings(context.settings)
            let shopify = try context.service(ShopifyAdminClient.self)
            let netsuite = try context.service(NetSuiteClient.self)
            let synchronizer = OrderSynchronizer(context: context, settings: settings, shopify: shopify, netsuite: netsuite,
                                                 locks: syncLocks)
            switch job.kind {
            case "orders/create", "orders/updated", "orders/cancelled":
                return try await handleWebhook(job, context: context, synchronizer: synchronizer)
            case "reconcile":
                let reconciler = OrderReconciler(context: context, shopify: shopify, synchronizer: synchronizer)
                return try await reconciler.run()
            default:
                return .dead(code: "unknown_job_kind", reason: "the orders flow has no job kind '\(job.kind.prefix(80))'")
            }
        } catch {
            if let classified = error as? any ClassifiedError {
                context.logger.warning("order job failed", metadata: ["code": "\(classified.code)"])
            }
            return .failed(error)
        }
    }

    private func handleWebhook(_ job: PluginJob, context: any FlowContext, synchronizer: OrderSynchronizer) async throws -> JobOutcome {
        let body = try await context.payloads.payload(for: job)
        let snapshot: OrderSnapshot
        do {
            let payload = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: body)
            snapshot = try OrderSnapshot(payload: payload, body: body)
        } catch {
            // Only the decoding error's kind is kept: the body is customer data.
            return .dead(code: "malformed_payload", reason: "the \(job.kind) payload of job \(job.id) is not a Shopify order (\(Self.decodingProblem(error)))")
        }
        let result = try await synchronizer.sync(snapshot)
        return .done(note: result.note)
    }

    /// What is wrong with a payload, without any of its values.
    static func decodingProblem(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "undecodable" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing \(path(context).isEmpty ? "" : path(context) + ".")\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context))"
        @unknown default: return "undecodable"
        }
    }
}
