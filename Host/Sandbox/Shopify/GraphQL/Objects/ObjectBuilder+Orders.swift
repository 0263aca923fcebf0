import Foundation
import GraphQL

extension ObjectBuilder {
    func orders(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.orders.values.filter { order in
            search.matches { term in
                switch term.field {
                case "updated_at": SearchQuery.compare(order.updatedAt, term)
                case "created_at": SearchQuery.compare(order.createdAt, term)
                case "processed_at": SearchQuery.compare(order.processedAt, term)
                case "id": SearchQuery.compare(order.id, term)
                case "name", nil: SearchQuery.text(order.rest["name"]?.stringValue, term)
                case "financial_status": SearchQuery.text(order.rest["financial_status"]?.stringValue, term)
                case "status":
                    switch term.value.lowercased() {
                    case "cancelled": order.cancelledAt != nil
                    case "closed": order.rest["closed_at"].map { !$0.isNull } ?? false
                    case "open": order.cancelledAt == nil && (order.rest["closed_at"]?.isNull ?? true)
                    default: false
                    }
                default: nil
                }
            }
        }
        let sortKey: @Sendable (OrderRecord) -> String
        switch arguments["sortKey"].string {
        case "UPDATED_AT": sortKey = { SortKey.date($0.updatedAt) }
        case "CREATED_AT": sortKey = { SortKey.date($0.createdAt) }
        case "PROCESSED_AT": sortKey = { SortKey.date($0.processedAt) }
        case "ORDER_NUMBER": sortKey = { SortKey.number($0.rest["order_number"]?.int64Value ?? $0.id) }
        default: sortKey = { SortKey.number($0.id) }
        }
        return try Connection(items: Array(items), sortKey: sortKey, id: { $0.id }).resolve(arguments) { order(record: $0) }
    }

    func order(_ id: Int64) -> GraphObject? { state.orders[id].map(order(record:)) }

    func order(record: OrderRecord) -> GraphObject {
        let builder = self
        let rest = record.rest
        let shopCurrency = rest["currency"]?.stringValue ?? state.currency
        let presentment = rest["presentment_currency"]?.stringValue ?? shopCurrency
        func bag(_ key: String) -> GraphObject {
            Values.moneyBag(set: rest[key + "_set"], amount: rest[key], shopCurrency: shopCurrency, presentmentCurrency: presentment)
        }
        let lineItems = rest["line_items"]?.arrayValue ?? []
        let quantity = lineItems.reduce(0) { $0 + ($1["quantity"]?.intValue ?? 0) }
        let refunded = refundedAmount(record)
        let shippingTotal = (rest["shipping_lines"]?.arrayValue ?? []).reduce(Decimal(0)) {
            $0 + (MoneyText.decimal(MoneyText.normalized($1["price"])) ?? 0)
        }
        let total = MoneyText.decimal(MoneyText.normalized(rest["total_price"])) ?? 0
        let financial = rest["financial_status"]?.stringValue?.uppercased()
        let remaining = record.fulfillmentOrderIDs.compactMap { state.fulfillmentOrders[$0] }
            .flatMap(\.lines).reduce(0) { $0 + $1.remainingQuantity }
        var object: GraphObject = [
            "id": GID.make("Order", record.id), "legacyResourceId": String(record.id),
            "name": rest["name"]?.stringValue ?? "#\(record.id)",
            "number": rest["number"]?.intValue ?? rest["order_number"]?.intValue ?? 0,
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "processedAt": ISOTime.string(record.processedAt),
            "currencyCode": shopCurrency, "presentmentCurrencyCode": presentment,
            "taxesIncluded": rest["taxes_included"]?.boolValue ?? false, "taxExempt": rest["tax_exempt"]?.boolValue ?? false,
            "test": rest["test"]?.boolValue ?? false, "confirmed": rest["confirmed"]?.boolValue ?? true,
            "closed": !(rest["closed_at"]?.isNull ?? true), "edited": false, "dutiesIncluded": false,
            "estimatedTaxes": rest["estimated_taxes"]?.boolValue ?? false,
            "tags": (rest["tags"]?.stringValue ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            "discountCodes": (rest["discount_codes"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue },
            "paymentGatewayNames": (rest["payment_gateway_names"]?.arrayValue ?? []).compactMap(\.stringValue),
            "subtotalLineItemsQuantity": quantity, "currentSubtotalLineItemsQuantity": quantity,
            "totalPriceSet": bag("total_price"), "totalPrice": MoneyText.normalized(rest["total_price"]),
            "subtotalPriceSet": bag("subtotal_price"), "subtotalPrice": MoneyText.normalized(rest["subtotal_price"]),
            "totalTaxSet": bag("total_tax"), "totalTax": MoneyText.normalized(rest["total_tax"]),
            "totalDiscountsSet": bag("total_discounts"), "totalDiscounts": MoneyText.normalized(rest["total_discounts"]),
            "totalShippingPriceSet": rest["total_shipping_price_set"] != nil
                ? bag("total_shipping_price") : Values.moneyBag(shippingTotal, shopCurrency),
            "totalShippingPrice": MoneyText.string(shippingTotal),
            "currentTotalPriceSet": rest["current_total_price"] != nil ? bag("current_total_price") : Values.moneyBag(total - refunded, shopCurrency),
            "currentSubtotalPriceSet": rest["current_subtotal_price"] != nil ? bag("current_subtotal_price") : bag("subtotal_price"),
            "currentTotalTaxSet": rest["current_total_tax"] != nil ? bag("current_total_tax") : bag("total_tax"),
            "currentTotalDiscountsSet": rest["current_total_discounts"] != nil ? bag("current_total_discounts") : bag("total_discounts"),
            "originalTotalPriceSet": bag("total_price"),
            "totalRefundedSet": Values.moneyBag(refunded, shopCurrency), "totalRefunded": MoneyText.string(refunded),
            "totalReceivedSet": Values.moneyBag(total, shopCurrency), "totalReceived": MoneyText.string(total),
            "netPaymentSet": Values.moneyBag(total - refunded, shopCurrency), "netPayment": MoneyText.string(total - refunded),
            "totalOutstandingSet": Values.moneyBag(financial == "PAID" || financial == "PARTIALLY_REFUNDED" || financial == "REFUNDED" ? 0 : total, shopCurrency),
            "fullyPaid": financial == "PAID" || financial == "PARTIALLY_REFUNDED" || financial == "REFUNDED",
            "unpaid": financial == "PENDING" || financial == "AUTHORIZED",
            "refundable": refunded < total, "requiresShipping": !record.fulfillmentOrderIDs.isEmpty,
            "fulfillable": remaining > 0 && record.cancelledAt == nil, "restockable": true, "capturable": financial == "AUTHORIZED",
            "canMarkAsPaid": financial == "PENDING", "canNotifyCustomer": true,
            "customerAcceptsMarketing": rest["buyer_accepts_marketing"]?.boolValue ?? false,
            "displayFulfillmentStatus": fulfillmentStatus(record, remaining: remaining),
            "taxLines": (rest["tax_lines"]?.arrayValue ?? []).map { taxLine($0, shopCurrency, presentment) },
            "currentTaxLines": (rest["tax_lines"]?.arrayValue ?? []).map { taxLine($0, shopCurrency, presentment) },
            "lineItems": FieldThunk { arguments in
                try Connection(items: lineItems, sortKey: { SortKey.number($0["id"]?.int64Value ?? 0) }, id: { $0["id"]?.int64Value ?? 0 })
                    .resolve(arguments) { builder.lineItem($0, order: record, shopCurrency, presentment) }
            },
            "shippingLines": FieldThunk { arguments in
                let lines = rest["shipping_lines"]?.arrayValue ?? []
                return try Connection(items: lines, sortKey: { SortKey.number($0["id"]?.int64Value ?? 0) }, id: { $0["id"]?.int64Value ?? 0 })
                    .resolve(arguments) { builder.shippingLine($0, shopCurrency, presentment) }
            },
            "refunds": FieldThunk { arguments in
                let refunds = record.refunds.map { builder.refund($0, order: record, shopCurrency, presentment) }
                return arguments["first"].int.map { Array(refunds.prefix($0)) } ?? refunds
            },
            "transactions": FieldThunk { arguments in builder.transactions(record, arguments: arguments, shopCurrency, presentment) },
            "fulfillments": FieldThunk { arguments in
                let fulfillments = record.fulfillmentIDs.compactMap { builder.fulfillment($0) }
                return arguments["first"].int.map { Array(fulfillments.prefix($0)) } ?? fulfillments
            },
            "fulfillmentOrders": FieldThunk { arguments in
                let records = record.fulfillmentOrderIDs.compactMap { builder.state.fulfillmentOrders[$0] }
                return try Connection(items: records, sortKey: { SortKey.number($0.id) }, id: { $0.id })
                    .resolve(arguments) { builder.fulfillmentOrder(record: $0) }
            },
        ]
        if let financial, ["AUTHORIZED", "EXPIRED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "VOIDED"].contains(financial) {
            object["displayFinancialStatus"] = financial
        }
        if let cancelledAt = record.cancelledAt { object["cancelledAt"] = ISOTime.string(cancelledAt) }
        if let reason = rest["cancel_reason"]?.stringValue?.uppercased(),
            ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"].contains(reason)
        {
            object["cancelReason"] = reason
        }
        if let closedAt = rest["closed_at"]?.stringValue { object["closedAt"] = closedAt }
        for (key, field) in [("email", "email"), ("phone", "phone"), ("note", "note"), ("source_name", "sourceName"), ("po_number", "poNumber"), ("customer_locale", "customerLocale")] {
            if let value = rest[key]?.stringValue { object[field] = value }
        }
        if let code = (rest["discount_codes"]?.arrayValue ?? []).first?["code"]?.stringValue { object["discountCode"] = code }
        if let customer = rest["customer"], case .object = customer { object["customer"] = self.customer(customer) }
        if let address = rest["shipping_address"], case .object = address { object["shippingAddress"] = mailingAddress(address) }
        if let address = rest["billing_address"], case .object = address { object["billingAddress"] = mailingAddress(address) }
        if let first = rest["shipping_lines"]?.arrayValue.first { object["shippingLine"] = shippingLine(first, shopCurrency, presentment) }
        return object
    }

    private func fulfillmentStatus(_ record: OrderRecord, remaining: Int) -> String {
        let total = record.fulfillmentOrderIDs.compactMap { state.fulfillmentOrders[$0] }.flatMap(\.lines)
            .reduce(0) { $0 + $1.totalQuantity }
        if total == 0 {
            switch record.rest["fulfillment_status"]?.stringValue {
            case "fulfilled": return "FULFILLED"
            case "partial": return "PARTIALLY_FULFILLED"
            default: return record.fulfillmentIDs.isEmpty ? "UNFULFILLED" : "FULFILLED"
            }
        }
        if remaining == 0 { return record.fulfillmentIDs.isEmpty ? "UNFULFILLED" : "FULFILLED" }
        return remaining == total ? "UNFULFILLED" : "PARTIALLY_FULFILLED"
    }

    /// Sum of the refunds' successful refund transactions.
    func refundedAmount(_ record: OrderRecord) -> Decimal {
        record.refunds.reduce(Decimal(0)) { sum, refund in
            sum + (refund["transactions"]?.arrayValue ?? []).filter {
                ($0["kind"]?.stringValue ?? "refund") == "refund" && ($0["status"]?.stringValue ?? "success") == "success"
            }.reduce(Decimal(0)) { $0 + (MoneyText.decimal(MoneyText.normalized($1["amount"])) ?? 0) }
        }
    }

    func taxLine(_ line: JSONValue, _ currency: String, _ presentment: String) -> GraphObject {
        var object: GraphObject = [
            "title": line["title"]?.stringValue ?? "", "price": MoneyText.normalized(line["price"]),
            "priceSet": Values.moneyBag(set: line["price_set"], amount: line["price"], shopCurrency: currency, presentmentCurrency: presentment),
        ]
        if let rate = line["rate"], case .number(let value) = rate {
            object["rate"] = value
            object["ratePercentage"] = value * 100
        }
        if let liable = line["channel_liable"]?.boolValue { object["channelLiable"] = liable }
        return object
    }

    func lineItem(_ line: JSONValue, order: OrderRecord, _ currency: String, _ presentment: String) -> GraphObject {
        let lineID = line["id"]?.int64Value ?? 0
        let quantity = line["quantity"]?.intValue ?? 0
        let price = MoneyText.decimal(MoneyText.normalized(line["price"])) ?? 0
        let discount = MoneyText.decimal(MoneyText.normalized(line["total_discount"])) ?? 0
        let refundedQuantity = order.refunds.flatMap { $0["refund_line_items"]?.arrayValue ?? [] }
            .filter { $0["line_item_id"]?.int64Value == lineID }.reduce(0) { $0 + ($1["quantity"]?.intValue ?? 0) }
        let unfulfilled = order.fulfillmentOrderIDs.compactMap { state.fulfillmentOrders[$0] }.flatMap(\.lines)
            .filter { $0.lineItemID == lineID }.reduce(0) { $0 + $1.remainingQuantity }
        let unitAfterDiscount = quantity > 0 ? price - discount / Decimal(quantity) : price
        var object: GraphObject = [
            "id": GID.make("LineItem", lineID), "name": line["name"]?.stringValue ?? line["title"]?.stringValue ?? "",
            "title": line["title"]?.stringValue ?? "", "quantity": quantity, "currentQuantity": quantity - refundedQuantity,
            "refundableQuantity": quantity - refundedQuantity, "fulfillableQuantity": unfulfilled,
            "unfulfilledQuantity": unfulfilled, "nonFulfillableQuantity": 0,
            "fulfillmentStatus": line["fulfillment_status"]?.stringValue ?? (unfulfilled == 0 ? "fulfilled" : "unfulfilled"),
            "requiresShipping": line["requires_shipping"]?.boolValue ?? true, "taxable": line["taxable"]?.boolValue ?? true,
            "isGiftCard": line["gift_card"]?.boolValue ?? false, "canRestock": true, "restockable": true, "merchantEditable": false,
            "originalUnitPrice": MoneyText.string(price),
            "originalUnitPriceSet": Values.moneyBag(set: line["price_set"], amount: line["price"], shopCurrency: currency, presentmentCurrency: presentment),
            "originalTotal": MoneyText.string(price * Decimal(quantity)),
            "originalTotalSet": Values.moneyBag(price * Decimal(quantity), currency),
            "totalDiscount": MoneyText.string(discount),
            "totalDiscountSet": Values.moneyBag(set: line["total_discount_set"], amount: line["total_discount"], shopCurrency: currency, presentmentCurrency: presentment),
            "discountedUnitPrice": MoneyText.string(unitAfterDiscount),
            "discountedUnitPriceSet": Values.moneyBag(unitAfterDiscount, currency),
            "discountedUnitPriceAfterAllDiscountsSet": Values.moneyBag(unitAfterDiscount, currency),
            "discountedTotal": MoneyText.string(price * Decimal(quantity) - discount),
            "discountedTotalSet": Values.moneyBag(price * Decimal(quantity) - discount, currency),
            "taxLines": (line["tax_lines"]?.arrayValue ?? []).map { taxLine($0, currency, presentment) },
            "discountAllocations": discountAllocations(line, currency, presentment),
        ]
        if let sku = line["sku"]?.stringValue { object["sku"] = sku }
        if let vendor = line["vendor"]?.stringValue { object["vendor"] = vendor }
        if let variantTitle = line["variant_title"]?.stringValue { object["variantTitle"] = variantTitle }
        if let variant = state.variant(forLine: line) {
            object["variant"] = self.variant(record: variant)
            if let product = product(variant.productID) { object["product"] = product }
        }
        return object
    }

    func shippingLine(_ line: JSONValue, _ currency: String, _ presentment: String) -> GraphObject {
        let price = MoneyText.normalized(line["price"])
        let priceSet = Values.moneyBag(set: line["price_set"], amount: line["price"], shopCurrency: currency, presentmentCurrency: presentment)
        let discounted = line["discounted_price"].map { MoneyText.normalized($0) } ?? price
        var object: GraphObject = [
            "title": line["title"]?.stringValue ?? "", "price": price, "custom": false, "isRemoved": false,
            "originalPrice": Values.money(price, currency), "originalPriceSet": priceSet,
            "discountedPrice": Values.money(discounted, currency),
            "discountedPriceSet": Values.moneyBag(set: line["discounted_price_set"], amount: .string(discounted), shopCurrency: currency, presentmentCurrency: presentment),
            "currentDiscountedPriceSet": Values.moneyBag(set: line["discounted_price_set"], amount: .string(discounted), shopCurrency: currency, presentmentCurrency: presentment),
            "taxLines": (line["tax_lines"]?.arrayValue ?? []).map { taxLine($0, currency, presentment) },
            "discountAllocations": discountAllocations(line, currency, presentment),
        ]
        if let id = line["id"]?.int64Value { object["id"] = GID.make("ShippingLine", id) }
        for (key, field) in [("code", "code"), ("source", "source"), ("carrier_identifier", "carrierIdentifier"), ("phone", "phone")] {
            if let value = line[key]?.stringValue { object[field] = value }
        }
        return object
    }

    /// `DiscountAllocation`s of a REST line item or shipping line (`discount_allocations`, same shape on both).
    func discountAllocations(_ line: JSONValue, _ currency: String, _ presentment: String) -> [GraphObject] {
        (line["discount_allocations"]?.arrayValue ?? []).map { allocation -> GraphObject in
            [
                "allocatedAmount": Values.money(MoneyText.normalized(allocation["amount"]), currency),
                "allocatedAmountSet": Values.moneyBag(set: allocation["amount_set"], amount: allocation["amount"], shopCurrency: currency, presentmentCurrency: presentment),
            ]
        }
    }

    func customer(_ rest: JSONValue) -> GraphObject {
        let id = rest["id"]?.int64Value ?? 0
        let current = state.customers[id] ?? rest
        let first = current["first_name"]?.stringValue
        let last = current["last_name"]?.stringValue
        var object: GraphObject = [
            "id": GID.make("Customer", id), "legacyResourceId": String(id),
            "displayName": [first, last].compactMap { $0 }.joined(separator: " "),
            "tags": (current["tags"]?.stringValue ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            "taxExempt": current["tax_exempt"]?.boolValue ?? false, "verifiedEmail": current["verified_email"]?.boolValue ?? true,
            "createdAt": current["created_at"]?.stringValue ?? ISOTime.string(state.createdAt),
            "updatedAt": current["updated_at"]?.stringValue ?? ISOTime.string(state.createdAt),
            "numberOfOrders": String(current["orders_count"]?.int64Value ?? 0),
        ]
        for (key, field) in [("email", "email"), ("phone", "phone"), ("note", "note"), ("first_name", "firstName"), ("last_name", "lastName")] {
            if let value = current[key]?.stringValue { object[field] = value }
        }
        return object
    }

    func mailingAddress(_ rest: JSONValue) -> GraphObject {
        var object: GraphObject = ["coordinatesValidated": false]
        let fields = [
            ("address1", "address1"), ("address2", "address2"), ("city", "city"), ("company", "company"),
            ("country", "country"), ("country_code", "countryCodeV2"), ("first_name", "firstName"),
            ("last_name", "lastName"), ("name", "name"), ("phone", "phone"), ("province", "province"),
            ("province_code", "provinceCode"), ("zip", "zip"),
        ]
        for (key, field) in fields { if let value = rest[key]?.stringValue { object[field] = value } }
        if let code = rest["country_code"]?.stringValue { object["countryCode"] = code }
        object["formatted"] = [rest["address1"], rest["address2"], rest["city"], rest["zip"], rest["country"]]
            .compactMap { $0?.stringValue }.filter { !$0.isEmpty }
        object["formattedArea"] = [rest["city"]?.stringValue, rest["province"]?.stringValue, rest["country"]?.stringValue]
            .compactMap { $0 }.joined(separator: ", ")
        return object
    }
}
