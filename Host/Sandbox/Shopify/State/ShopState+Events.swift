import Foundation

extension ShopState {
    /// Applies a recorded event (REST document of `topic`) to the shop.
    mutating func apply(topic: String, document: JSONValue, now: Date) throws {
        let resource = topic.split(separator: "/").first.map(String.init) ?? ""
        switch (resource, topic) {
        case (_, "orders/delete"):
            if let id = document["id"]?.int64Value { orders[id] = nil }
        case ("orders", _):
            try upsertOrder(document, cancelled: topic == "orders/cancelled", now: now)
        case ("refunds", _):
            try attachRefund(document, now: now)
        case ("fulfillments", _):
            try attachFulfillment(document, now: now)
        case ("order_transactions", _):
            try attachTransaction(document)
        case (_, "customers/delete"):
            if let id = document["id"]?.int64Value { customers[id] = nil }
        case ("customers", _):
            if let id = document["id"]?.int64Value { customers[id] = document }
        default:
            // Other topics carry no state the sandbox serves; they are still delivered.
            break
        }
    }

    private mutating func upsertOrder(_ document: JSONValue, cancelled: Bool, now: Date) throws {
        guard let id = document["id"]?.int64Value else {
            throw ShopifySandboxError(.invalidPayload, "the order has no id")
        }
        let createdAt = document["created_at"]?.stringValue.flatMap(ISOTime.parse) ?? orders[id]?.createdAt ?? now
        let updatedAt = document["updated_at"]?.stringValue.flatMap(ISOTime.parse) ?? now
        let processedAt = document["processed_at"]?.stringValue.flatMap(ISOTime.parse) ?? createdAt
        var cancelledAt = document["cancelled_at"]?.stringValue.flatMap(ISOTime.parse)
        if cancelled && cancelledAt == nil { cancelledAt = updatedAt }
        if var existing = orders[id] {
            existing.rest = document
            existing.createdAt = createdAt
            existing.updatedAt = updatedAt
            existing.processedAt = processedAt
            let wasCancelled = existing.cancelledAt != nil
            existing.cancelledAt = cancelledAt ?? existing.cancelledAt
            orders[id] = existing
            if !wasCancelled && existing.cancelledAt != nil { releaseCommitted(orderID: id, now: now) }
            return
        }
        orders[id] = OrderRecord(
            id: id, rest: document, createdAt: createdAt, updatedAt: updatedAt, processedAt: processedAt,
            cancelledAt: cancelledAt, refunds: [], fulfillmentIDs: [], fulfillmentOrderIDs: [], committedLines: [:])
        // Webhooks are not ordered: a payment may have arrived before its order.
        orders[id]?.transactions = pendingTransactions.removeValue(forKey: id) ?? []
        createFulfillmentOrders(orderID: id, document: document, now: now)
        if cancelledAt != nil { releaseCommitted(orderID: id, now: now) }
    }

    /// Attaches a REST order transaction to the order named by `order_id`, replacing one with the same id
    /// (a redelivery). A transaction whose order is not recorded yet waits for it. The order's `updated_at`
    /// is left to its own documents: Shopify sends an `orders/updated` when a payment changes the order.
    private mutating func attachTransaction(_ document: JSONValue) throws {
        guard let orderID = document["order_id"]?.int64Value else {
            throw ShopifySandboxError(.invalidPayload, "the order transaction has no numeric order_id")
        }
        func upsert(_ list: inout [JSONValue]) {
            let id = document["id"]?.int64Value
            if let index = list.firstIndex(where: { $0["id"]?.int64Value == id }) { list[index] = document } else { list.append(document) }
        }
        if var order = orders[orderID] {
            upsert(&order.transactions)
            orders[orderID] = order
        } else {
            upsert(&pendingTransactions[orderID, default: []])
        }
    }

    /// The variant an order line refers to, by `variant_id` or else by `sku`.
    func variant(forLine line: JSONValue) -> VariantRecord? {
        if let variantID = line["variant_id"]?.int64Value, let variant = variants[variantID] { return variant }
        if let sku = line["sku"]?.stringValue, !sku.isEmpty {
            return variants.values.first { $0.sku == sku }
        }
        return nil
    }

    /// One fulfillment order per location the order's lines ship from; the lines' units are committed there.
    private mutating func createFulfillmentOrders(orderID: Int64, document: JSONValue, now: Date) {
        var linesByLocation: [Int64: [FulfillmentOrderLineRecord]] = [:]
        var locationOrderSeen: [Int64] = []
        var committed: [Int64: Int] = [:]
        for line in document["line_items"]?.arrayValue ?? [] {
            guard let lineID = line["id"]?.int64Value, let quantity = line["quantity"]?.intValue, quantity > 0 else {
                continue
            }
            if line["requires_shipping"]?.boolValue == false { continue }
            let variant = variant(forLine: line)
            guard let locationID = fulfillingLocation(forItem: variant?.inventoryItemID, quantity: quantity) else {
                continue
            }
            let record = FulfillmentOrderLineRecord(
                id: nextID(), lineItemID: lineID, variantID: variant?.id, inventoryItemID: variant?.inventoryItemID,
                sku: line["sku"]?.stringValue ?? variant?.sku, title: line["title"]?.stringValue ?? "",
                totalQuantity: quantity, remainingQuantity: quantity)
            if linesByLocation[locationID] == nil { locationOrderSeen.append(locationID) }
            linesByLocation[locationID, default: []].append(record)
            if let itemID = variant?.inventoryItemID {
                let key = InventoryKey(itemID: itemID, locationID: locationID)
                if var level = inventory[key] {
                    level.available -= quantity
                    level.committed += quantity
                    level.updatedAt = now
                    inventory[key] = level
                    committed[lineID] = quantity
                }
            }
        }
        var ids: [Int64] = []
        for locationID in locationOrderSeen {
            let fulfillmentOrder = FulfillmentOrderRecord(
                id: nextID(), orderID: orderID, locationID: locationID, status: "OPEN",
                lines: linesByLocation[locationID] ?? [], createdAt: now, updatedAt: now, fulfillmentIDs: [])
            fulfillmentOrders[fulfillmentOrder.id] = fulfillmentOrder
            ids.append(fulfillmentOrder.id)
        }
        orders[orderID]?.fulfillmentOrderIDs = ids
        orders[orderID]?.committedLines = committed
    }

    /// A cancelled order gives its unshipped committed units back and its open fulfillment orders close.
    private mutating func releaseCommitted(orderID: Int64, now: Date) {
        guard let order = orders[orderID] else { return }
        for foID in order.fulfillmentOrderIDs {
            guard var fulfillmentOrder = fulfillmentOrders[foID] else { continue }
            for index in fulfillmentOrder.lines.indices {
                let line = fulfillmentOrder.lines[index]
                if let itemID = line.inventoryItemID, order.committedLines[line.lineItemID] != nil {
                    let key = InventoryKey(itemID: itemID, locationID: fulfillmentOrder.locationID)
                    inventory[key]?.available += line.remainingQuantity
                    inventory[key]?.committed -= line.remainingQuantity
                    inventory[key]?.updatedAt = now
                }
                fulfillmentOrder.lines[index].remainingQuantity = 0
            }
            if fulfillmentOrder.status != "CLOSED" { fulfillmentOrder.status = "CANCELLED" }
            fulfillmentOrder.updatedAt = now
            fulfillmentOrders[foID] = fulfillmentOrder
        }
    }

    private mutating func attachRefund(_ document: JSONValue, now: Date) throws {
        let refundID = document["id"]?.int64Value
        guard let orderID = document["order_id"]?.int64Value, orders[orderID] != nil else {
            throw ShopifySandboxError(.invalidPayload, "the refund's order_id does not name an order of \(domain)")
        }
        if let index = orders[orderID]?.refunds.firstIndex(where: { $0["id"]?.int64Value == refundID }) {
            orders[orderID]?.refunds[index] = document
            return
        }
        orders[orderID]?.refunds.append(document)
        let previousUpdate = orders[orderID]?.updatedAt ?? now
        orders[orderID]?.updatedAt = max(previousUpdate, now)
        for refundLine in document["refund_line_items"]?.arrayValue ?? [] {
            restock(refundLine, orderID: orderID, now: now)
        }
    }

    /// Restocks a refund line: `cancel` gives committed units back, `return` puts shipped units back on hand.
    private mutating func restock(_ refundLine: JSONValue, orderID: Int64, now: Date) {
        let restockType = refundLine["restock_type"]?.stringValue ?? "no_restock"
        guard restockType == "cancel" || restockType == "return",
            let lineID = refundLine["line_item_id"]?.int64Value,
            let quantity = refundLine["quantity"]?.intValue, quantity > 0
        else { return }
        let line = orders[orderID]?.rest["line_items"]?.arrayValue.first { $0["id"]?.int64Value == lineID }
        guard let line, let variant = variant(forLine: line) else { return }
        let orderLocations = orders[orderID]?.fulfillmentOrderIDs.compactMap { fulfillmentOrders[$0]?.locationID } ?? []
        guard let locationID = refundLine["location_id"]?.int64Value ?? orderLocations.first ?? locationOrder.first
        else { return }
        let key = InventoryKey(itemID: variant.inventoryItemID, locationID: locationID)
        guard var level = inventory[key] else { return }
        level.available += quantity
        if restockType == "cancel" {
            level.committed = max(0, level.committed - quantity)
            reduceRemaining(orderID: orderID, lineItemID: lineID, by: quantity, now: now)
        }
        level.updatedAt = now
        inventory[key] = level
    }
}
