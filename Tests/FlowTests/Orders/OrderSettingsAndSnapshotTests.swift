import Foundation
import Orders
import PluginKit
import Shopify
import RecordMapping
import Testing

@Suite("Order settings and snapshots")
struct OrderSettingsAndSnapshotTests {
    @Test("the bundle map reads SKU=COMPONENT*quantity+... entries and refuses malformed ones")
    func bundleMap() throws {
        let map = try BundleMap(parsing: "KIT-1=A*2+B*1, KIT-2 = C")
        #expect(map.components["KIT-1"] == [.init(sku: "A", quantity: 2), .init(sku: "B", quantity: 1)])
        #expect(map.components["KIT-2"] == [.init(sku: "C", quantity: 1)])
        #expect(throws: SettingError.self) { try BundleMap(parsing: "KIT-1=A*0") }
        #expect(throws: SettingError.self) { try BundleMap(parsing: "KIT-1") }
        #expect(throws: SettingError.self) { try BundleMap(parsing: "K=A,K=B") }
    }

    @Test("the descriptor names the flow, its topics, the reconciliation schedule and every setting")
    func descriptor() {
        let descriptor = OrdersPlugin().descriptor
        #expect(descriptor.id == "orders")
        #expect(descriptor.webhookTopics == ["orders/create", "orders/updated", "orders/cancelled"])
        #expect(descriptor.schedules.map(\.kind) == ["reconcile"])
        #expect(descriptor.schedules.first?.interval == .seconds(300))
        let keys = Set(descriptor.settings.map(\.key))
        for key in ["discount_item", "tax_item", "gift_card_item", "guest_customer", "location", "shipping_method_map",
                    "default_shipping_method", "bundle_map", "bundle_pricing", "booking_currency", "total_tolerance",
                    "variance_item", "reconcile_lookback_hours"] {
            #expect(keys.contains(key), "setting \(key)")
        }
        #expect(descriptor.settings.first { $0.key == "reconcile_lookback_hours" }?.defaultValue == "24")
    }

    @Test("settings come from the plugin's declared defaults and the tenant's values")
    func settings() throws {
        let declared = OrdersPlugin().descriptor.settings
        let given = ["discount_item": "901", "tax_item": "902", "gift_card_item": "903", "guest_customer": "77",
                     "shipping_method_map": "Standard=501", "bundle_map": "KIT=A*2+B", "booking_currency": "presentment"]
        let settings = try OrderMappingSettings(FlowSettings(given: given, declared: declared))
        #expect(settings.bookingCurrency == .presentment)
        #expect(settings.bundlePricing == .proportional)
        #expect(settings.totalTolerance == 0)
        #expect(settings.shippingMethodID(title: "Standard", code: nil) == "501")
        #expect(settings.shippingMethodID(title: "Express", code: nil) == nil)
        #expect(settings.bundles.components["KIT"]?.count == 2)

        var withTolerance = given
        withTolerance["total_tolerance"] = "0.02"
        #expect(throws: SettingError(key: "variance_item", problem: "is required when total_tolerance is above 0")) {
            try OrderMappingSettings(FlowSettings(given: withTolerance, declared: declared))
        }
        var missing = given
        missing["tax_item"] = nil
        #expect(throws: SettingError(key: "tax_item", problem: "is required but not set")) {
            try OrderMappingSettings(FlowSettings(given: missing, declared: declared))
        }
    }

    @Test("a REST payload becomes a snapshot with both currencies and the shipping discounts")
    func snapshotFromPayload() throws {
        let body = Data(Self.restOrder.utf8)
        let payload = try ShopifyWebhookPayloads.decode(ShopifyOrderPayload.self, from: body)
        let snapshot = try OrderSnapshot(payload: payload, body: body)
        #expect(snapshot.id == 820982911946154508 && snapshot.name == "#1001")
        #expect(snapshot.shopCurrency == "USD" && snapshot.presentmentCurrency == "CAD")
        #expect(snapshot.lines.first?.unitPrice == OrderAmount(shop: orderDecimal("50.00"), presentment: orderDecimal("68.50")))
        #expect(snapshot.lines.first?.discountAllocations == [OrderAmount(shop: orderDecimal("10.00"), presentment: orderDecimal("13.70"))])
        #expect(snapshot.lines.first?.isGiftCard == false)
        #expect(snapshot.lines.first?.taxes == [OrderAmount(shop: orderDecimal("7.20"), presentment: orderDecimal("9.86"))])
        #expect(snapshot.shippingLines.first?.code == "STD")
        #expect(snapshot.shippingLines.first?.discountAllocations == [OrderAmount(shop: orderDecimal("2.00"), presentment: orderDecimal("2.74"))])
        #expect(snapshot.totalPrice == OrderAmount(shop: orderDecimal("105.20"), presentment: orderDecimal("144.12")))
        #expect(snapshot.customer?.id == 115310627314723954)
        #expect(snapshot.usedGiftCard)
        #expect(snapshot.discountCodes == ["SAVE10"])
        #expect(!snapshot.isFulfilledAtAll && !snapshot.isPartlyRefunded)
    }

    static let restOrder = """
        {"id": 820982911946154508, "name": "#1001", "currency": "USD", "presentment_currency": "CAD",
         "total_price": "105.20", "total_price_set": {"shop_money": {"amount": "105.20", "currency_code": "USD"},
           "presentment_money": {"amount": "144.12", "currency_code": "CAD"}},
         "taxes_included": false, "financial_status": "paid", "fulfillment_status": null,
         "payment_gateway_names": ["gift_card", "shopify_payments"],
         "discount_codes": [{"code": "SAVE10", "amount": "10.00", "type": "percentage"}],
         "updated_at": "2026-05-28T20:26:40-04:00", "created_at": "2026-05-28T20:25:00-04:00",
         "customer": {"id": 115310627314723954, "email": "a@example.com"},
         "line_items": [{"id": 1, "sku": "WIDGET", "gift_card": false, "title": "Widget", "quantity": 2, "price": "50.00",
           "price_set": {"shop_money": {"amount": "50.00", "currency_code": "USD"}, "presentment_money": {"amount": "68.50", "currency_code": "CAD"}},
           "tax_lines": [{"title": "Tax", "price": "7.20", "rate": 0.08,
             "price_set": {"shop_money": {"amount": "7.20", "currency_code": "USD"}, "presentment_money": {"amount": "9.86", "currency_code": "CAD"}}}],
           "discount_allocations": [{"amount": "10.00", "discount_application_index": 0,
             "amount_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "13.70", "currency_code": "CAD"}}}]}],
         "shipping_lines": [{"title": "Standard", "code": "STD", "price": "10.00",
           "price_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "13.70", "currency_code": "CAD"}},
           "tax_lines": [],
           "discount_allocations": [{"amount": "2.00", "discount_application_index": 1,
             "amount_set": {"shop_money": {"amount": "2.00", "currency_code": "USD"}, "presentment_money": {"amount": "2.74", "currency_code": "CAD"}}}]}]}
        """
}
