import Foundation

/// The REST order Shopify sends with `orders/create`, `orders/updated` and `orders/cancelled`.
///
/// Every amount is taken from the priced orders (shop and presentment currency), so the
/// document adds up: `total_price = subtotal_price + shipping after its discounts
/// (+ total_tax when taxes are exclusive)`, in both currencies.
public enum OrderDocument {
    /// The order as JSON.
    public static func json(_ order: SimulatedOrder, timestamps: ShopifyTimestamps) -> JSONDocument {
        let parts = OrderDocumentParts(order: order)
        let money = parts.moneyFields
        var members: [(String, JSONDocument)] = [
            ("id", .int(order.id)),
            ("admin_graphql_api_id", DocumentFields.gid("Order", order.id)),
            ("name", .string(order.name)),
            ("number", .int(order.number - 1000)),
            ("order_number", .int(order.number)),
            ("confirmation_number", .string(order.confirmationNumber)),
            ("email", .string(order.email)),
            ("contact_email", .string(order.email)),
            ("created_at", .string(timestamps.timestamp(order.createdAt))),
            ("updated_at", .string(timestamps.timestamp(order.updatedAt))),
            ("processed_at", .string(timestamps.timestamp(order.createdAt))),
            ("cancelled_at", .optional(order.cancelledAt.map(timestamps.timestamp))),
            ("cancel_reason", .optional(order.cancelReason)),
            ("closed_at", .null),
            ("currency", .string(order.shopCurrency)),
            ("presentment_currency", .string(order.presentmentCurrency)),
            ("financial_status", .string(order.financialStatus)),
            ("fulfillment_status", .optional(order.fulfillmentStatus)),
            ("confirmed", .bool(true)),
            ("test", .bool(false)),
            ("source_name", .string("web")),
            ("taxes_included", .bool(order.tax.taxesIncluded)),
            ("tax_exempt", .bool(false)),
            ("estimated_taxes", .bool(false)),
            ("note", .optional(order.note)),
            ("tags", .string(order.tags.joined(separator: ", "))),
            ("buyer_accepts_marketing", .bool(false)),
            ("total_weight", .int(order.lines.reduce(0) { $0 + $1.variant.grams * $1.quantity })),
        ]
        members += money
        members += [
            ("discount_codes", parts.discountCodes),
            ("discount_applications", parts.discountApplications),
            ("tax_lines", parts.orderTaxLines),
            ("line_items", .array(order.lines.indices.map(parts.lineItem))),
            ("shipping_lines", .array([parts.shippingLine])),
            ("payment_gateway_names", .array(order.payment.gatewayNames.map(JSONDocument.string))),
            ("billing_address", DocumentFields.address(order.billingAddress)),
            ("shipping_address", DocumentFields.address(order.shippingAddress)),
        ]
        if let customer = order.customer {
            members.append(("customer", CustomerDocument.json(customer, currency: order.shopCurrency, timestamps: timestamps)))
        }
        return .object(members)
    }

    /// The order as the compact JSON body of its webhook.
    public static func data(_ order: SimulatedOrder, timestamps: ShopifyTimestamps) -> Data {
        json(order, timestamps: timestamps).data()
    }
}
