import Foundation

/// A payment of an order through one gateway (a REST order transaction).
public struct SimulatedOrderTransaction: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// The order paid.
    public var orderID: Int64
    /// `sale` (captured) or `authorization` (card only authorized).
    public var kind: String
    /// `shopify_payments` or `gift_card`.
    public var gateway: String
    /// The amount in both currencies (REST writes the presentment one).
    public var amount: MoneyPair
    /// When it was processed (the order's creation).
    public var createdAt: Date
}

/// The REST order transaction Shopify sends with `order_transactions/create`: how much of
/// the order each gateway paid. A partial gift-card payment comes as two transactions.
/// `amount` is in the presentment currency, as REST writes it; `total_unsettled_set`
/// carries both currencies and is non-zero only for an authorization not yet captured.
public enum TransactionDocument {
    /// The transaction as JSON.
    public static func json(_ transaction: SimulatedOrderTransaction, order: SimulatedOrder, timestamps: ShopifyTimestamps) -> JSONDocument {
        let created = timestamps.timestamp(transaction.createdAt)
        let unsettled = transaction.kind == "authorization" ? transaction.amount : .zero
        var members: [(String, JSONDocument)] = [
            ("id", .int(transaction.id)),
            ("admin_graphql_api_id", DocumentFields.gid("OrderTransaction", transaction.id)),
            ("order_id", .int(transaction.orderID)),
            ("kind", .string(transaction.kind)),
            ("gateway", .string(transaction.gateway)),
            ("status", .string("success")),
            ("message", .null),
            ("created_at", .string(created)),
            ("processed_at", .string(created)),
            ("test", .bool(false)),
            ("parent_id", .null),
            ("source_name", .string("web")),
            ("amount", DocumentFields.amount(transaction.amount.presentment)),
            ("currency", .string(order.presentmentCurrency)),
            ("total_unsettled_set", DocumentFields.moneySet(unsettled, shopCurrency: order.shopCurrency, presentmentCurrency: order.presentmentCurrency)),
        ]
        if transaction.gateway == "gift_card" {
            members.append(("receipt", .object([
                ("gift_card_id", .int(transaction.id + 1)),
                ("gift_card_last_characters", .string(String(String(transaction.id, radix: 36).suffix(4)))),
            ])))
        } else {
            members.append(("receipt", .object([])))
        }
        return .object(members)
    }

    /// The transaction as the compact JSON body of its webhook.
    public static func data(_ transaction: SimulatedOrderTransaction, order: SimulatedOrder, timestamps: ShopifyTimestamps) -> Data {
        json(transaction, order: order, timestamps: timestamps).data()
    }
}
