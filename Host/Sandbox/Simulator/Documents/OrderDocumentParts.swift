import Foundation

/// The nested parts of a REST order: money fields, lines, shipping, taxes, discounts.
struct OrderDocumentParts {
    let order: SimulatedOrder

    private func pair(_ amount: (PricedOrder) -> Decimal) -> MoneyPair {
        MoneyPair(shop: amount(order.shop), presentment: amount(order.presentment))
    }

    private func set(_ amount: MoneyPair) -> JSONDocument {
        DocumentFields.moneySet(amount, shopCurrency: order.shopCurrency, presentmentCurrency: order.presentmentCurrency)
    }

    /// The order's totals: each plain field in the shop currency with its `_set` twin.
    var moneyFields: [(String, JSONDocument)] {
        let fields: [(String, MoneyPair)] = [
            ("total_price", pair(\.totalPrice)),
            ("subtotal_price", pair(\.subtotalPrice)),
            ("total_tax", pair(\.totalTax)),
            ("total_discounts", pair(\.totalDiscounts)),
            ("total_line_items_price", pair(\.totalLineItemsPrice)),
        ]
        var members: [(String, JSONDocument)] = []
        for (name, amount) in fields {
            members.append((name, DocumentFields.amount(amount.shop)))
            members.append(("\(name)_set", set(amount)))
        }
        // Shopify's total shipping is the price before shipping discounts.
        members.append(("total_shipping_price_set", set(pair(\.shipping.price))))
        return members
    }

    var discountCodes: JSONDocument {
        .array(order.discounts.enumerated().compactMap { index, application in
            guard let code = application.code else { return nil }
            let type: String
            switch (application.target, application.value) {
            case (.shipping, _): type = "shipping"
            case (_, .percentage): type = "percentage"
            case (_, .fixedAmount): type = "fixed_amount"
            }
            return .object([
                ("code", .string(code)),
                ("amount", DocumentFields.amount(order.shop.discountAmount(application: index))),
                ("type", .string(type)),
            ])
        })
    }

    var discountApplications: JSONDocument {
        .array(order.discounts.map { application in
            var members: [(String, JSONDocument)] = []
            switch application.target {
            case .allLines: members += [("target_type", .string("line_item")), ("target_selection", .string("all"))]
            case .line: members += [("target_type", .string("line_item")), ("target_selection", .string("entitled"))]
            case .shipping: members += [("target_type", .string("shipping_line")), ("target_selection", .string("all"))]
            }
            members.append(("type", .string(application.code == nil ? "automatic" : "discount_code")))
            switch application.value {
            case .percentage(let fraction):
                members += [("value", .string(DecimalMoney.plain(fraction * 100))), ("value_type", .string("percentage"))]
            case .fixedAmount(let amount):
                members += [("value", DocumentFields.amount(amount)), ("value_type", .string("fixed_amount"))]
            }
            members.append(("allocation_method", .string(application.target == .shipping ? "each" : "across")))
            if let code = application.code {
                members.append(("code", .string(code)))
            } else {
                members += [("title", .string(application.title)), ("description", .string(application.title))]
            }
            return .object(members)
        })
    }

    /// Tax lines for one rate per entry of `taxes`, skipping none so indexes stay aligned.
    private func taxLines(shop: [Decimal], presentment: [Decimal]) -> JSONDocument {
        .array(order.tax.rates.indices.map { index in
            let amount = MoneyPair(shop: shop[index], presentment: presentment[index])
            return .object([
                ("channel_liable", .bool(false)),
                ("price", DocumentFields.amount(amount.shop)),
                ("price_set", set(amount)),
                ("rate", .decimal(order.tax.rates[index].rate)),
                ("title", .string(order.tax.rates[index].title)),
            ])
        })
    }

    var orderTaxLines: JSONDocument {
        taxLines(shop: order.shop.taxTotals, presentment: order.presentment.taxTotals)
    }

    /// One allocation per discount application that gave this line something in either
    /// currency: a cent can round to zero in one currency and not in the other, so the
    /// two are matched by application, never by position.
    private func allocations(shop: [PricedAllocation], presentment: [PricedAllocation]) -> JSONDocument {
        let indexes = Set((shop + presentment).map(\.applicationIndex)).sorted()
        return .array(indexes.map { index in
            let amount = MoneyPair(
                shop: DecimalMoney.sum(shop.filter { $0.applicationIndex == index }.map(\.amount)),
                presentment: DecimalMoney.sum(presentment.filter { $0.applicationIndex == index }.map(\.amount))
            )
            return .object([
                ("amount", DocumentFields.amount(amount.shop)),
                ("amount_set", set(amount)),
                ("discount_application_index", .int(index)),
            ])
        })
    }

    func lineItem(_ index: Int) -> JSONDocument {
        let line = order.lines[index]
        let shopLine = order.shop.lines[index], presentmentLine = order.presentment.lines[index]
        let variant = line.variant
        let fulfilled = order.fulfillmentStatus == "fulfilled"
        return .object([
            ("id", .int(line.id)),
            ("admin_graphql_api_id", DocumentFields.gid("LineItem", line.id)),
            ("variant_id", .int(variant.variantID)),
            ("product_id", .int(variant.productID)),
            ("sku", .string(variant.sku)),
            ("title", .string(variant.productTitle)),
            ("variant_title", variant.variantTitle == "Default Title" ? .null : .string(variant.variantTitle)),
            ("name", .string(variant.variantTitle == "Default Title" ? variant.productTitle : "\(variant.productTitle) - \(variant.variantTitle)")),
            ("vendor", .string("SyncHost Demo Goods")),
            ("quantity", .int(line.quantity)),
            ("current_quantity", .int(line.quantity)),
            ("fulfillable_quantity", .int(fulfilled || order.cancelledAt != nil ? 0 : line.quantity)),
            ("fulfillment_status", fulfilled ? .string("fulfilled") : .null),
            ("fulfillment_service", .string("manual")),
            ("requires_shipping", .bool(true)),
            ("taxable", .bool(true)),
            ("gift_card", .bool(false)),
            ("grams", .int(variant.grams)),
            ("price", DocumentFields.amount(shopLine.unitPrice)),
            ("price_set", set(MoneyPair(shop: shopLine.unitPrice, presentment: presentmentLine.unitPrice))),
            // Shopify leaves the legacy total_discount at zero for code and automatic
            // discounts; the amounts are in discount_allocations.
            ("total_discount", .string("0.00")),
            ("total_discount_set", set(.zero)),
            ("tax_lines", taxLines(shop: shopLine.taxes, presentment: presentmentLine.taxes)),
            ("discount_allocations", allocations(shop: shopLine.allocations, presentment: presentmentLine.allocations)),
            ("properties", .array([])),
        ])
    }

    var shippingLine: JSONDocument {
        let shop = order.shop.shipping, presentment = order.presentment.shipping
        return .object([
            ("id", .int(order.shippingLineID)),
            ("title", .string(order.shippingTitle)),
            ("code", .string(order.shippingTitle)),
            ("source", .string("shopify")),
            ("carrier_identifier", .null),
            ("price", DocumentFields.amount(shop.price)),
            ("price_set", set(MoneyPair(shop: shop.price, presentment: presentment.price))),
            ("discounted_price", DocumentFields.amount(shop.discountedPrice)),
            ("discounted_price_set", set(MoneyPair(shop: shop.discountedPrice, presentment: presentment.discountedPrice))),
            ("tax_lines", order.tax.shippingTaxable ? taxLines(shop: shop.taxes, presentment: presentment.taxes) : .array([])),
            ("discount_allocations", allocations(shop: shop.allocations, presentment: presentment.allocations)),
        ])
    }
}
