import Foundation

/// The REST fulfillment Shopify sends with `fulfillments/create`.
public enum FulfillmentDocument {
    /// The fulfillment as JSON; `line_items` are the order's line items with the quantity shipped.
    public static func json(_ fulfillment: SimulatedFulfillment, order: SimulatedOrder, timestamps: ShopifyTimestamps) -> JSONDocument {
        let created = timestamps.timestamp(fulfillment.createdAt)
        let lines: [JSONDocument] = fulfillment.lines.compactMap { shipped in
            guard let index = order.lines.firstIndex(where: { $0.id == shipped.lineItemID }) else { return nil }
            let line = order.lines[index]
            let price = MoneyPair(shop: order.shop.lines[index].unitPrice, presentment: order.presentment.lines[index].unitPrice)
            return .object([
                ("id", .int(line.id)),
                ("admin_graphql_api_id", DocumentFields.gid("LineItem", line.id)),
                ("variant_id", .int(line.variant.variantID)),
                ("product_id", .int(line.variant.productID)),
                ("sku", .string(line.variant.sku)),
                ("title", .string(line.variant.productTitle)),
                ("quantity", .int(shipped.quantity)),
                ("price", DocumentFields.amount(price.shop)),
                ("price_set", DocumentFields.moneySet(price, shopCurrency: order.shopCurrency, presentmentCurrency: order.presentmentCurrency)),
                ("fulfillment_status", .string("fulfilled")),
                ("requires_shipping", .bool(true)),
            ])
        }
        return .object([
            ("id", .int(fulfillment.id)),
            ("admin_graphql_api_id", DocumentFields.gid("Fulfillment", fulfillment.id)),
            ("order_id", .int(fulfillment.orderID)),
            ("name", .string("\(order.name).1")),
            ("status", .string("success")),
            ("shipment_status", .null),
            ("service", .string("manual")),
            ("location_id", .int(fulfillment.locationID)),
            ("created_at", .string(created)),
            ("updated_at", .string(created)),
            ("tracking_company", .string(fulfillment.trackingCompany)),
            ("tracking_number", .string(fulfillment.trackingNumber)),
            ("tracking_numbers", .array([.string(fulfillment.trackingNumber)])),
            ("tracking_url", .string(fulfillment.trackingURL)),
            ("tracking_urls", .array([.string(fulfillment.trackingURL)])),
            ("line_items", .array(lines)),
        ])
    }

    /// The fulfillment as the compact JSON body of its webhook.
    public static func data(_ fulfillment: SimulatedFulfillment, order: SimulatedOrder, timestamps: ShopifyTimestamps) -> Data {
        json(fulfillment, order: order, timestamps: timestamps).data()
    }
}
