import PluginKit

extension OrdersPlugin {
    /// How often the reconciliation poll runs.
    public static let reconcileInterval = Duration.seconds(5 * 60)

    static func describe() -> PluginDescriptor {
        PluginDescriptor(
            id: "orders",
            summary: "Shopify orders -> NetSuite sales orders (customer upsert, bundles, discounts, shipping, tax, gift cards, currency), upserted by external id.",
            webhookTopics: ["orders/create", "orders/updated", "orders/cancelled"],
            schedules: [PluginSchedule(kind: "reconcile", every: reconcileInterval,
                                       summary: "finds orders changed since the cursor that the ledger lacks; catches dropped webhooks")],
            settings: [
                PluginSetting(key: "discount_item", kind: .string, defaultValue: nil,
                              summary: "NetSuite discount item for the discount line after each item line"),
                PluginSetting(key: "tax_item", kind: .string, defaultValue: nil,
                              summary: "NetSuite item carrying Shopify's tax amounts (lines and shipping) as one line"),
                PluginSetting(key: "gift_card_item", kind: .string, defaultValue: nil,
                              summary: "NetSuite other-charge item for gift-card redemptions (against the gift-card liability), booked negative after tax"),
                PluginSetting(key: "guest_customer", kind: .string, defaultValue: nil,
                              summary: "NetSuite customer guest checkouts are booked to (the subsidiary's web customer)"),
                PluginSetting(key: "location", kind: .string, defaultValue: "",
                              summary: "NetSuite location of the sales order; empty for none"),
                PluginSetting(key: "shipping_method_map", kind: .map, defaultValue: "",
                              summary: "Shopify shipping code or title = NetSuite ship method id"),
                PluginSetting(key: "default_shipping_method", kind: .string, defaultValue: "",
                              summary: "ship method when the map has no entry; empty for none"),
                PluginSetting(key: "bundle_map", kind: .string, defaultValue: "",
                              summary: "bundle SKUs and components: BUNDLE-SKU=COMP-A*2+COMP-B*1,OTHER=..."),
                PluginSetting(key: "bundle_pricing", kind: .string, defaultValue: "proportional",
                              summary: "proportional (by component list prices, largest remainder) or master (all on the first component)"),
                PluginSetting(key: "booking_currency", kind: .string, defaultValue: "shop",
                              summary: "shop (shop_money, reconciles with payouts) or presentment"),
                PluginSetting(key: "total_tolerance", kind: .decimal, defaultValue: "0.00",
                              summary: "largest total difference booked on the variance item instead of failing the order"),
                PluginSetting(key: "variance_item", kind: .string, defaultValue: "",
                              summary: "NetSuite item for a tolerated difference; required when total_tolerance is above 0"),
                PluginSetting(key: "reconcile_lookback_hours", kind: .integer, defaultValue: "24",
                              summary: "where the first reconciliation poll starts, in hours before now"),
                PluginSetting(key: "reconcile_overlap_minutes", kind: .integer, defaultValue: "10",
                              summary: "how far before its cursor each poll looks again, for orders Shopify listed late"),
            ])
    }
}
