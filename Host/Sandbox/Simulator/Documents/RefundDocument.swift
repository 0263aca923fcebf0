import Foundation

/// The REST refund Shopify sends with `refunds/create`.
///
/// Amounts follow the order's tax mode: with exclusive tax a line's `subtotal` is net and
/// its `total_tax` comes on top; with `taxes_included` the `subtotal` is gross (the tax
/// inside it) and `total_tax` tells how much of it is tax. The transactions carry the
/// money returned in the presentment currency; their sum is what the customer got back.
/// Refunded shipping is an `order_adjustments` entry of kind `shipping_refund` with
/// negative amounts, as Shopify writes it.
public enum RefundDocument {
    /// The refund as JSON.
    public static func json(_ refund: SimulatedRefund, order: SimulatedOrder, timestamps: ShopifyTimestamps) -> JSONDocument {
        func set(_ amount: MoneyPair) -> JSONDocument {
            DocumentFields.moneySet(amount, shopCurrency: order.shopCurrency, presentmentCurrency: order.presentmentCurrency)
        }
        let created = timestamps.timestamp(refund.createdAt)
        let lines: [JSONDocument] = refund.lines.map { line in
            .object([
                ("id", .int(line.id)),
                ("line_item_id", .int(line.lineItemID)),
                ("quantity", .int(line.quantity)),
                ("restock_type", .string(line.restockType)),
                ("location_id", line.restockType == "no_restock" ? .null : .int(line.locationID)),
                ("subtotal", DocumentFields.amount(line.subtotal.shop)),
                ("subtotal_set", set(line.subtotal)),
                ("total_tax", DocumentFields.amount(line.totalTax.shop)),
                ("total_tax_set", set(line.totalTax)),
            ])
        }
        let adjustments: [JSONDocument] = refund.shipping.map { shipping in
            [.object([
                ("id", .int(shipping.id)),
                ("order_id", .int(refund.orderID)),
                ("refund_id", .int(refund.id)),
                ("amount", DocumentFields.amount(-shipping.amount.shop)),
                ("amount_set", set(-shipping.amount)),
                ("tax_amount", DocumentFields.amount(-shipping.tax.shop)),
                ("tax_amount_set", set(-shipping.tax)),
                ("kind", .string("shipping_refund")),
                ("reason", .string("Shipping refund")),
            ])]
        } ?? []
        let transactions: [JSONDocument] = refund.transactions.map { transaction in
            .object([
                ("id", .int(transaction.id)),
                ("admin_graphql_api_id", DocumentFields.gid("OrderTransaction", transaction.id)),
                ("order_id", .int(refund.orderID)),
                ("kind", .string("refund")),
                ("gateway", .string(transaction.gateway)),
                ("status", .string("success")),
                ("amount", DocumentFields.amount(transaction.amount.presentment)),
                ("currency", .string(order.presentmentCurrency)),
                ("created_at", .string(created)),
                ("processed_at", .string(created)),
                ("test", .bool(false)),
            ])
        }
        return .object([
            ("id", .int(refund.id)),
            ("admin_graphql_api_id", DocumentFields.gid("Refund", refund.id)),
            ("order_id", .int(refund.orderID)),
            ("created_at", .string(created)),
            ("processed_at", .string(created)),
            ("note", .string(refund.note)),
            ("restock", .bool(refund.lines.contains { $0.restockType != "no_restock" })),
            ("user_id", .null),
            ("total_duties_set", set(.zero)),
            ("refund_line_items", .array(lines)),
            ("transactions", .array(transactions)),
            ("order_adjustments", .array(adjustments)),
        ])
    }

    /// The refund as the compact JSON body of its webhook.
    public static func data(_ refund: SimulatedRefund, order: SimulatedOrder, timestamps: ShopifyTimestamps) -> Data {
        json(refund, order: order, timestamps: timestamps).data()
    }
}
