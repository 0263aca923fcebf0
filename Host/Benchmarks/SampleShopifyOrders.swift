import Foundation

/// Realistic Shopify order webhook bodies (the REST order shape, compact JSON, keys in
/// Shopify's order) with varied values, for measuring the archive on what it will store.
/// Deterministic for a seed so runs compare.
public struct SampleShopifyOrders {
    private var random: SeededRandom
    private let firstNames = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances", "Ken", "Radia"]
    private let lastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Ritchie", "Allen", "Thompson", "Perlman"]
    private let cities = [("Portland", "OR", "97201"), ("Austin", "TX", "73301"), ("Denver", "CO", "80202"), ("Boston", "MA", "02108")]
    private let products = [("Merino Crew Sock", "SOCK-MER"), ("Trail Runner", "SHOE-TRL"), ("Rain Shell", "JKT-RAIN"),
                            ("Camp Mug", "MUG-CAMP"), ("Starter Bundle", "BNDL-START"), ("Wool Beanie", "HAT-WOOL")]

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// One order webhook body.
    public mutating func next(orderNumber: Int) -> Data {
        let orderID = 5_000_000_000_000 + Int(random.next() % 1_000_000_000)
        let customerID = 7_000_000_000_000 + Int(random.next() % 1_000_000_000)
        let first = firstNames[random.index(firstNames.count)]
        let last = lastNames[random.index(lastNames.count)]
        let (city, province, zip) = cities[random.index(cities.count)]
        let email = "\(first.lowercased()).\(last.lowercased())\(random.index(999))@example.com"
        let created = "2026-11-\(10 + random.index(18))T\(10 + random.index(12)):\(10 + random.index(49)):\(10 + random.index(49))-05:00"
        let lineCount = 1 + random.index(4)
        var subtotalCents = 0
        var lines: [[String: Any]] = []
        for index in 0..<lineCount {
            let (title, skuPrefix) = products[random.index(products.count)]
            let cents = 900 + random.index(15000)
            let quantity = 1 + random.index(3)
            let discount = random.index(4) == 0 ? cents * quantity / 10 : 0
            subtotalCents += cents * quantity - discount
            let lineTax = cents * quantity * 8 / 100
            let taxLines: [[String: Any]] = [["channel_liable": false, "price": money(lineTax), "price_set": moneySet(lineTax),
                                              "rate": 0.08, "title": "State Tax"]]
            let allocations: [[String: Any]] = discount == 0 ? [] : [["amount": money(discount), "amount_set": moneySet(discount),
                                                                      "discount_application_index": 0]]
            let size = ["S", "M", "L"][random.index(3)]
            let line: [String: Any] = [
                "id": 14_000_000_000_000 + Int(random.next() % 1_000_000_000),
                "admin_graphql_api_id": "gid://shopify/LineItem/\(14_000_000_000_000 + index)",
                "attributed_staffs": [Any](),
                "current_quantity": quantity,
                "fulfillable_quantity": quantity,
                "fulfillment_service": "manual",
                "fulfillment_status": NSNull(),
                "gift_card": false,
                "grams": 100 + random.index(900),
                "name": "\(title) - \(size)",
                "price": money(cents),
                "price_set": moneySet(cents),
                "product_exists": true,
                "product_id": 8_000_000_000_000 + random.index(100_000),
                "properties": [Any](),
                "quantity": quantity,
                "requires_shipping": true,
                "sku": "\(skuPrefix)-\(100 + random.index(900))",
                "taxable": true,
                "title": title,
                "total_discount": "0.00",
                "total_discount_set": moneySet(0),
                "variant_id": 45_000_000_000_000 + random.index(100_000),
                "variant_inventory_management": "shopify",
                "variant_title": size,
                "vendor": "Acme Outdoor",
                "tax_lines": taxLines,
                "duties": [Any](),
                "discount_allocations": allocations,
            ]
            lines.append(line)
        }
        let shippingCents = [0, 599, 899, 1299][random.index(4)]
        let taxCents = subtotalCents * 8 / 100
        let totalCents = subtotalCents + shippingCents + taxCents
        let address: [String: Any] = [
            "first_name": first, "address1": "\(100 + random.index(9000)) Main St", "phone": NSNull(), "city": city,
            "zip": zip, "province": province, "country": "United States", "last_name": last, "address2": "",
            "company": NSNull(), "latitude": 45.5 + Double(random.index(100)) / 1000, "longitude": -122.6,
            "name": "\(first) \(last)", "country_code": "US", "province_code": province,
        ]
        let order: [String: Any] = [
            "id": orderID,
            "admin_graphql_api_id": "gid://shopify/Order/\(orderID)",
            "app_id": 580111, "browser_ip": "203.0.113.\(random.index(255))", "buyer_accepts_marketing": random.index(2) == 0,
            "cancel_reason": NSNull(), "cancelled_at": NSNull(), "cart_token": token(), "checkout_id": 36_000_000_000_000 + random.index(1_000_000),
            "checkout_token": token(), "client_details": ["accept_language": "en-US", "browser_height": NSNull(), "browser_ip": "203.0.113.7",
                                                         "browser_width": NSNull(), "session_hash": NSNull(),
                                                         "user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"],
            "closed_at": NSNull(), "confirmation_number": token().prefix(9).uppercased(), "confirmed": true, "contact_email": email,
            "created_at": created, "currency": "USD",
            "current_subtotal_price": money(subtotalCents), "current_subtotal_price_set": moneySet(subtotalCents),
            "current_total_discounts": "0.00", "current_total_discounts_set": moneySet(0),
            "current_total_price": money(totalCents), "current_total_price_set": moneySet(totalCents),
            "current_total_tax": money(taxCents), "current_total_tax_set": moneySet(taxCents),
            "customer_locale": "en-US", "device_id": NSNull(), "discount_codes": [Any](), "email": email, "estimated_taxes": false,
            "financial_status": "paid", "fulfillment_status": NSNull(), "landing_site": "/", "landing_site_ref": NSNull(),
            "location_id": NSNull(), "name": "#\(orderNumber)", "note": NSNull(), "note_attributes": [Any](), "number": orderNumber - 1000,
            "order_number": orderNumber, "order_status_url": "https://acme-outdoor.myshopify.com/6000/orders/\(token())/authenticate?key=\(token())",
            "payment_gateway_names": ["shopify_payments"], "phone": NSNull(), "po_number": NSNull(), "presentment_currency": "USD",
            "processed_at": created, "reference": NSNull(), "referring_site": "", "source_identifier": NSNull(), "source_name": "web",
            "source_url": NSNull(), "subtotal_price": money(subtotalCents), "subtotal_price_set": moneySet(subtotalCents), "tags": "",
            "tax_exempt": false, "tax_lines": [["price": money(taxCents), "rate": 0.08, "title": "State Tax", "price_set": moneySet(taxCents),
                                                "channel_liable": false]],
            "taxes_included": false, "test": false, "token": token(), "total_discounts": "0.00", "total_discounts_set": moneySet(0),
            "total_line_items_price": money(subtotalCents), "total_line_items_price_set": moneySet(subtotalCents),
            "total_outstanding": "0.00", "total_price": money(totalCents), "total_price_set": moneySet(totalCents),
            "total_shipping_price_set": moneySet(shippingCents), "total_tax": money(taxCents), "total_tax_set": moneySet(taxCents),
            "total_tip_received": "0.00", "total_weight": 1200, "updated_at": created, "user_id": NSNull(),
            "billing_address": address,
            "customer": [
                "id": customerID, "email": email, "created_at": created, "updated_at": created, "first_name": first, "last_name": last,
                "state": "enabled", "note": NSNull(), "verified_email": true, "multipass_identifier": NSNull(), "tax_exempt": false,
                "phone": NSNull(), "email_marketing_consent": ["state": "not_subscribed", "opt_in_level": "single_opt_in", "consent_updated_at": NSNull()],
                "sms_marketing_consent": NSNull(), "tags": "", "currency": "USD", "tax_exemptions": [Any](),
                "admin_graphql_api_id": "gid://shopify/Customer/\(customerID)",
                "default_address": address.merging(["id": 9_000_000_000_000 + random.index(1_000_000), "customer_id": customerID,
                                                    "country_name": "United States", "default": true]) { $1 },
            ],
            "discount_applications": [Any](), "fulfillments": [Any](), "line_items": lines, "payment_terms": NSNull(), "refunds": [Any](),
            "shipping_address": address,
            "shipping_lines": [["id": 4_700_000_000_000 + random.index(1_000_000), "carrier_identifier": NSNull(), "code": "Standard",
                                "discounted_price": money(shippingCents), "discounted_price_set": moneySet(shippingCents), "is_removed": false,
                                "phone": NSNull(), "price": money(shippingCents), "price_set": moneySet(shippingCents),
                                "requested_fulfillment_service_id": NSNull(), "source": "shopify", "title": "Standard Shipping",
                                "tax_lines": [Any](), "discount_allocations": [Any]()]],
        ]
        return (try? JSONSerialization.data(withJSONObject: order, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    private func money(_ cents: Int) -> String {
        String(format: "%d.%02d", cents / 100, cents % 100)
    }

    private func moneySet(_ cents: Int) -> [String: Any] {
        ["shop_money": ["amount": money(cents), "currency_code": "USD"],
         "presentment_money": ["amount": money(cents), "currency_code": "USD"]]
    }

    private mutating func token() -> String {
        String(format: "%016llx%016llx", random.next(), random.next())
    }
}

/// SplitMix64: a small, fast, seedable generator so that benchmark inputs repeat exactly.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }
}
