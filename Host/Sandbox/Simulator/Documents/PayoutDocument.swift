import Foundation

/// The REST Shopify Payments payout (`GET /shopify_payments/payouts.json`) and its
/// balance transactions (`GET /shopify_payments/balance/transactions.json?payout_id=`).
public enum PayoutDocument {
    /// The payout with its `summary`.
    public static func json(_ payout: SimulatedPayout, timestamps: ShopifyTimestamps) -> JSONDocument {
        .object([
            ("id", .int(payout.id)),
            ("status", .string(payout.status)),
            ("date", .string(timestamps.day(payout.date))),
            ("currency", .string(payout.currency)),
            ("amount", DocumentFields.amount(payout.amount)),
            ("summary", .object(payout.summary.map { ($0.name, JSONDocument.string($0.amount)) })),
        ])
    }

    /// The payout's balance transactions.
    public static func transactionsJSON(_ payout: SimulatedPayout, timestamps: ShopifyTimestamps) -> JSONDocument {
        .array(payout.transactions.map { transaction in
            .object([
                ("id", .int(transaction.id)),
                ("type", .string(transaction.type)),
                ("test", .bool(false)),
                ("payout_id", .int(payout.id)),
                ("payout_status", .string(payout.status)),
                ("currency", .string(payout.currency)),
                ("amount", DocumentFields.amount(transaction.amount)),
                ("fee", DocumentFields.amount(transaction.fee)),
                ("net", DocumentFields.amount(transaction.net)),
                ("source_id", transaction.sourceOrderID.map { .int($0) } ?? .null),
                ("source_type", .string(transaction.sourceType)),
                ("source_order_id", transaction.sourceOrderID.map { .int($0) } ?? .null),
                ("processed_at", .string(timestamps.timestamp(transaction.processedAt))),
            ])
        })
    }
}
