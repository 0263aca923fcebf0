import Foundation
import PluginKit
import Shopify
import Testing

@Suite("Webhook payload models")
struct WebhookPayloadTests {
    static let order = Data("""
        {
          "id": 820982911946154508, "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
          "name": "#1001", "order_number": 1001, "email": "jon@example.com",
          "currency": "USD", "presentment_currency": "EUR",
          "total_price": "0.30", "subtotal_price": "0.30", "total_tax": "0.00", "total_discounts": "0.00",
          "total_price_set": {"shop_money": {"amount": "0.30", "currency_code": "USD"},
                              "presentment_money": {"amount": "0.27", "currency_code": "EUR"}},
          "taxes_included": false, "financial_status": "paid", "fulfillment_status": null,
          "line_items": [
            {"id": 866550311766439020, "variant_id": 808950810, "product_id": 632910392, "sku": "IPOD-342-N",
             "title": "IPod Nano", "quantity": 1, "price": "0.10", "grams": 200, "vendor": null,
             "price_set": {"shop_money": {"amount": "0.10", "currency_code": "USD"},
                           "presentment_money": {"amount": "0.09", "currency_code": "EUR"}},
             "tax_lines": [{"price": "0.00", "rate": 0.06, "title": "State Tax",
                            "price_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"},
                                          "presentment_money": {"amount": "0.00", "currency_code": "EUR"}}}],
             "discount_allocations": [], "properties": [{"name": "engraving", "value": "hi"}]},
            {"id": 141249953214522974, "variant_id": null, "sku": "", "title": "Gift wrap", "quantity": 1,
             "price": "0.20", "tax_lines": [], "discount_allocations": [
               {"amount": "0.05", "discount_application_index": 0,
                "amount_set": {"shop_money": {"amount": "0.05", "currency_code": "USD"},
                               "presentment_money": {"amount": "0.04", "currency_code": "EUR"}}}]}
          ],
          "shipping_lines": [{"id": 1, "title": "Standard", "price": "4.99", "code": "std", "tax_lines": []}],
          "discount_codes": [{"code": "WELCOME", "amount": "0.05", "type": "fixed_amount"}],
          "tax_lines": [],
          "customer": {"id": 115310627314723954, "email": "jon@example.com", "first_name": "Jon",
                       "last_name": "Snow", "state": "enabled", "verified_email": true, "tags": "vip, north",
                       "updated_at": "2026-01-15T10:30:00-05:00"},
          "billing_address": {"first_name": "Jon", "address1": "1 Wall St", "city": "Winterfell",
                              "country_code": "US", "zip": "10001", "latitude": 40.7},
          "payment_gateway_names": ["shopify_payments", "gift_card"],
          "created_at": "2026-01-15T10:32:41-05:00", "processed_at": "2026-01-15T10:32:41-05:00",
          "updated_at": "2026-01-15T10:32:43-05:00", "cancelled_at": null,
          "some_future_field": {"nested": [1, 2, 3]}
        }
        """.utf8)

    @Test func orderMoneyIsExactAndKeepsItsCurrencies() throws {
        let order = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: Self.order)
        #expect(order.id == 820982911946154508)
        #expect(order.name == "#1001")
        let lines = order.lineItems.map { $0.price.money(order.currency) }
        // 0.10 + 0.20 is 0.30 exactly: no Double anywhere on the way.
        #expect(try lines[0] + lines[1] == (try Money("0.30", currency: "USD")))
        #expect(order.total == (try Money("0.30", currency: "USD")))
        #expect(order.subtotal == (try Money("0.30", currency: "USD")))
        #expect(order.tax == Money.zero("USD"))
        #expect(order.totalPriceSet?.presentmentMoney == (try Money("0.27", currency: "EUR")))
        #expect(order.lineItems[0].priceSet?.shopMoney.currencyCode == "USD")
        #expect(order.lineItems[0].priceSet?.presentmentMoney.currencyCode == "EUR")
        #expect(order.lineItems[0].taxLines.first?.rate == Decimal(string: "0.06"))
        #expect(order.lineItems[1].discountAllocations.first?.amountSet?.presentmentMoney == (try Money("0.04", currency: "EUR")))
        #expect(order.shippingLines.first?.price.money("USD") == (try Money("4.99", currency: "USD")))
        #expect(order.customer?.firstName == "Jon")
        #expect(order.billingAddress?.countryCode == "US")
        #expect(order.paymentGatewayNames.contains("gift_card"))
        #expect(order.fulfillmentStatus == nil)
    }

    @Test func aMoneyAmountSentAsANumberIsRefused() {
        let broken = Data(String(decoding: Self.order, as: UTF8.self)
            .replacingOccurrences(of: #""total_price": "0.30""#, with: #""total_price": 0.3"#).utf8)
        #expect(throws: DecodingError.self) { try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: broken) }
    }

    @Test func refundLinesAndTransactions() throws {
        let body = Data("""
            {"id": 509562969, "order_id": 450789469, "created_at": "2026-01-16T09:00:00Z", "note": "damaged",
             "restock": true, "user_id": null,
             "refund_line_items": [{"id": 104689539, "line_item_id": 703073504, "quantity": 1,
               "restock_type": "return", "location_id": 487838322, "subtotal": "195.66", "total_tax": "3.98",
               "subtotal_set": {"shop_money": {"amount": "195.66", "currency_code": "USD"},
                                "presentment_money": {"amount": "180.12", "currency_code": "EUR"}}}],
             "transactions": [{"id": 179259969, "kind": "refund", "status": "success", "amount": "209.00",
                               "currency": "USD", "gateway": "shopify_payments"}],
             "order_adjustments": [{"id": 1, "kind": "shipping_refund", "amount": "-5.00", "tax_amount": "0.00"}]}
            """.utf8)
        let refund = try ShopifyWebhookPayloads.decode(ShopifyRefundPayload.self, from: body)
        #expect(refund.orderId == 450789469)
        #expect(refund.refundLineItems.first?.restockType == "return")
        #expect(refund.refundLineItems.first?.locationId == 487838322)
        #expect(refund.refundLineItems.first?.subtotalSet?.presentmentMoney == (try Money("180.12", currency: "EUR")))
        #expect(refund.transactions.first?.amount.money("USD") == (try Money("209.00", currency: "USD")))
        #expect(refund.orderAdjustments.first?.amount.value == Decimal(string: "-5.00"))
    }

    @Test func fulfillmentWithTracking() throws {
        let body = Data("""
            {"id": 255858046, "order_id": 450789469, "status": "success", "location_id": 655441491,
             "tracking_company": "UPS", "tracking_number": "1Z2345", "tracking_numbers": ["1Z2345"],
             "tracking_url": "https://www.ups.com/track?tracknum=1Z2345", "tracking_urls": ["https://www.ups.com/track?tracknum=1Z2345"],
             "line_items": [{"id": 466157049, "variant_id": 39072856, "sku": "IPOD2008GREEN", "quantity": 1, "price": "199.00"}],
             "updated_at": "2026-01-16T09:00:00Z"}
            """.utf8)
        let fulfillment = try ShopifyWebhookPayloads.decode(ShopifyFulfillmentPayload.self, from: body)
        #expect(fulfillment.trackingNumbers == ["1Z2345"])
        #expect(fulfillment.lineItems.first?.sku == "IPOD2008GREEN")
        #expect(fulfillment.locationId == 655441491)
    }

    @Test func customerAndComplianceTopics() throws {
        let customer = try ShopifyWebhookPayloads.decode(ShopifyCustomerPayload.self, from: Data("""
            {"id": 706405506930370084, "email": "bob@example.com", "first_name": "Bob", "last_name": null,
             "phone": null, "tags": "", "default_address": {"city": "Ottawa", "country_code": "CA"},
             "email_marketing_consent": {"state": "not_subscribed"}, "updated_at": "2026-01-16T09:00:00+01:00"}
            """.utf8))
        #expect(customer.defaultAddress?.city == "Ottawa")
        #expect(customer.lastName == nil)

        let request = try ShopifyWebhookPayloads.decode(ShopifyCustomerDataRequest.self, from: Data("""
            {"shop_id": 954889, "shop_domain": "acme.myshopify.com", "orders_requested": [299938, 280263],
             "customer": {"id": 191167, "email": "john@example.com", "phone": "555-625-1199"},
             "data_request": {"id": 9999}}
            """.utf8))
        #expect(request.ordersRequested == [299938, 280263])
        #expect(request.dataRequestID == 9999)

        let redact = try ShopifyWebhookPayloads.decode(ShopifyCustomerRedact.self, from: Data("""
            {"shop_id": 954889, "shop_domain": "acme.myshopify.com",
             "customer": {"id": 191167, "email": "john@example.com", "phone": "555-625-1199"},
             "orders_to_redact": [299938, 280263, 220458]}
            """.utf8))
        #expect(redact.ordersToRedact.count == 3)
        #expect(redact.customer.email == "john@example.com")

        let shop = try ShopifyWebhookPayloads.decode(ShopifyShopRedact.self, from: Data(#"{"shop_id": 954889, "shop_domain": "acme.myshopify.com"}"#.utf8))
        #expect(shop.shopDomain == "acme.myshopify.com")
    }
}
