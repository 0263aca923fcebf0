import Foundation
import GraphQL

extension ObjectBuilder {
    func fulfillmentOrders(_ arguments: Map) throws -> GraphObject {
        let includeClosed = arguments["includeClosed"].bool ?? false
        let search = SearchQuery(arguments["query"].string)
        let items = state.fulfillmentOrders.values.filter { record in
            (includeClosed || (record.status != "CLOSED" && record.status != "CANCELLED")) && search.matches { term in
                switch term.field {
                case "status": SearchQuery.text(record.status, term)
                case "id": SearchQuery.compare(record.id, term)
                case "order_id": SearchQuery.compare(record.orderID, term)
                case "assigned_location_id": SearchQuery.compare(record.locationID, term)
                case "updated_at": SearchQuery.compare(record.updatedAt, term)
                default: nil
                }
            }
        }
        return try Connection(items: Array(items), sortKey: { SortKey.number($0.id) }, id: { $0.id })
            .resolve(arguments) { fulfillmentOrder(record: $0) }
    }

    func fulfillmentOrder(record: FulfillmentOrderRecord) -> GraphObject {
        let builder = self
        let order = state.orders[record.orderID]
        let currency = order?.rest["currency"]?.stringValue ?? state.currency
        let orderLines = order?.rest["line_items"]?.arrayValue ?? []
        let location = state.locations[record.locationID]
        return [
            "id": GID.make("FulfillmentOrder", record.id), "status": record.status, "requestStatus": "UNSUBMITTED",
            "orderId": GID.make("Order", record.orderID), "orderName": order?.rest["name"]?.stringValue ?? "#\(record.orderID)",
            "orderProcessedAt": ISOTime.string(order?.processedAt ?? record.createdAt),
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "fulfillmentHolds": [GraphObject](), "supportedActions": [GraphObject](),
            "assignedLocation": [
                "name": location?.name ?? "", "location": builder.location(record.locationID) as (any Sendable)?,
            ].compactMapValues { $0 } as GraphObject,
            "order": FieldThunk { _ in builder.order(record.orderID) },
            "lineItems": FieldThunk { arguments in
                try Connection(items: record.lines, sortKey: { SortKey.number($0.id) }, id: { $0.id }).resolve(arguments) { line in
                    let orderLine = orderLines.first { $0["id"]?.int64Value == line.lineItemID } ?? .object([:])
                    var object: GraphObject = [
                        "id": GID.make("FulfillmentOrderLineItem", line.id), "totalQuantity": line.totalQuantity,
                        "remainingQuantity": line.remainingQuantity, "productTitle": line.title, "requiresShipping": true,
                        "warnings": [GraphObject](), "financialSummaries": [GraphObject](),
                        "originalUnitPriceSet": Values.moneyBag(
                            set: orderLine["price_set"], amount: orderLine["price"], shopCurrency: currency, presentmentCurrency: currency),
                        "lineItem": builder.lineItem(orderLine, order: order ?? Self.emptyOrder, currency, currency),
                    ]
                    if let sku = line.sku { object["sku"] = sku }
                    if let itemID = line.inventoryItemID { object["inventoryItemId"] = GID.make("InventoryItem", itemID) }
                    if let variantID = line.variantID, let variant = builder.variant(variantID) { object["variant"] = variant }
                    return object
                }
            },
            "fulfillments": FieldThunk { arguments in
                let records = record.fulfillmentIDs.compactMap { builder.state.fulfillments[$0] }
                return try Connection(items: records, sortKey: { SortKey.number($0.id) }, id: { $0.id })
                    .resolve(arguments) { builder.fulfillment($0.id) ?? [:] }
            },
        ]
    }

    static let emptyOrder = OrderRecord(
        id: 0, rest: .object([:]), createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0),
        processedAt: Date(timeIntervalSince1970: 0), cancelledAt: nil, refunds: [], fulfillmentIDs: [],
        fulfillmentOrderIDs: [], committedLines: [:])

    func fulfillment(_ id: Int64) -> GraphObject? {
        guard let record = state.fulfillments[id] else { return nil }
        let builder = self
        let orderName = state.orders[record.orderID]?.rest["name"]?.stringValue ?? "#\(record.orderID)"
        let index = (state.orders[record.orderID]?.fulfillmentIDs.firstIndex(of: id) ?? 0) + 1
        let tracking: [GraphObject] = record.trackingNumbers.isEmpty && record.trackingCompany != nil
            ? [["company": record.trackingCompany as (any Sendable)?].compactMapValues { $0 }]
            : record.trackingNumbers.enumerated().map { offset, number in
                var info: GraphObject = ["number": number]
                if let company = record.trackingCompany { info["company"] = company }
                if offset < record.trackingURLs.count { info["url"] = record.trackingURLs[offset] }
                return info
            }
        var object: GraphObject = [
            "id": GID.make("Fulfillment", id), "legacyResourceId": String(id), "name": "\(orderName).\(index)",
            "status": ["CANCELLED", "ERROR", "FAILURE", "SUCCESS"].contains(record.status) ? record.status : "SUCCESS",
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "requiresShipping": true, "totalQuantity": record.lines.reduce(0) { $0 + $1.quantity },
            "trackingInfo": FieldThunk { arguments in arguments["first"].int.map { Array(tracking.prefix($0)) } ?? tracking },
            "order": FieldThunk { _ in builder.order(record.orderID) },
            "fulfillmentOrders": FieldThunk { arguments in
                let records = record.fulfillmentOrderIDs.compactMap { builder.state.fulfillmentOrders[$0] }
                return try Connection(items: records, sortKey: { SortKey.number($0.id) }, id: { $0.id })
                    .resolve(arguments) { builder.fulfillmentOrder(record: $0) }
            },
        ]
        if let locationID = record.locationID, let location = location(locationID) { object["location"] = location }
        return object
    }

    func refund(_ rest: JSONValue, order: OrderRecord, _ currency: String, _ presentment: String) -> GraphObject {
        let builder = self
        let id = rest["id"]?.int64Value ?? 0
        let amount = (rest["transactions"]?.arrayValue ?? []).reduce(Decimal(0)) {
            $0 + (MoneyText.decimal(MoneyText.normalized($1["amount"])) ?? 0)
        }
        let created = rest["created_at"]?.stringValue ?? ISOTime.string(order.updatedAt)
        var object: GraphObject = [
            "id": GID.make("Refund", id), "legacyResourceId": String(id), "createdAt": created,
            "processedAt": rest["processed_at"]?.stringValue ?? created, "updatedAt": created,
            "totalRefunded": Values.money(amount, currency), "totalRefundedSet": Values.moneyBag(amount, currency),
            "order": FieldThunk { _ in builder.order(order.id) },
            "refundLineItems": FieldThunk { arguments in
                let lines = rest["refund_line_items"]?.arrayValue ?? []
                return try Connection(items: lines, sortKey: { SortKey.number($0["id"]?.int64Value ?? 0) }, id: { $0["id"]?.int64Value ?? 0 })
                    .resolve(arguments) { line in
                        let orderLine = (order.rest["line_items"]?.arrayValue ?? [])
                            .first { $0["line_item_id"] == nil && $0["id"]?.int64Value == line["line_item_id"]?.int64Value }
                            ?? line["line_item"] ?? .object([:])
                        var object: GraphObject = [
                            "quantity": line["quantity"]?.intValue ?? 0,
                            "restocked": (line["restock_type"]?.stringValue ?? "no_restock") != "no_restock",
                            "price": MoneyText.normalized(orderLine["price"]),
                            "priceSet": Values.moneyBag(set: orderLine["price_set"], amount: orderLine["price"], shopCurrency: currency, presentmentCurrency: presentment),
                            "subtotal": MoneyText.normalized(line["subtotal"]),
                            "subtotalSet": Values.moneyBag(set: line["subtotal_set"], amount: line["subtotal"], shopCurrency: currency, presentmentCurrency: presentment),
                            "totalTax": MoneyText.normalized(line["total_tax"]),
                            "totalTaxSet": Values.moneyBag(set: line["total_tax_set"], amount: line["total_tax"], shopCurrency: currency, presentmentCurrency: presentment),
                            "lineItem": builder.lineItem(orderLine, order: order, currency, presentment),
                        ]
                        if let lineID = line["id"]?.int64Value { object["id"] = GID.make("RefundLineItem", lineID) }
                        if let locationID = line["location_id"]?.int64Value, let location = builder.location(locationID) {
                            object["location"] = location
                        }
                        return object
                    }
            },
        ]
        if let note = rest["note"]?.stringValue { object["note"] = note }
        return object
    }
}
