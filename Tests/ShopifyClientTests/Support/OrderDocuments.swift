import Foundation

/// REST order documents as Shopify sends them with `orders/create`.
enum OrderDocuments {
    static func order(id: Int64, number: Int, updatedAt: String, lines: [(variantID: Int64, sku: String, quantity: Int)] = []) -> Data {
        let lineItems = lines.enumerated().map { index, line in
            """
            {"id": \(id * 10 + Int64(index)), "variant_id": \(line.variantID), "sku": "\(line.sku)", "title": "Item \(index)",
             "quantity": \(line.quantity), "price": "10.00", "requires_shipping": true, "tax_lines": [], "discount_allocations": [],
             "price_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "10.00", "currency_code": "USD"}}}
            """
        }.joined(separator: ",")
        return Data("""
            {"id": \(id), "admin_graphql_api_id": "gid://shopify/Order/\(id)", "name": "#\(number)", "order_number": \(number),
             "email": "buyer\(number)@example.com", "currency": "USD", "presentment_currency": "USD",
             "total_price": "10.00", "subtotal_price": "10.00", "total_tax": "0.00", "total_discounts": "0.00",
             "total_price_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "10.00", "currency_code": "USD"}},
             "total_tax_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}},
             "taxes_included": false, "financial_status": "paid", "fulfillment_status": null,
             "line_items": [\(lineItems)], "shipping_lines": [], "tax_lines": [], "discount_codes": [],
             "payment_gateway_names": ["shopify_payments"],
             "created_at": "\(updatedAt)", "processed_at": "\(updatedAt)", "updated_at": "\(updatedAt)", "cancelled_at": null}
            """.utf8)
    }
}
