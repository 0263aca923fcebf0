import Foundation

/// A `userErrors` entry of a mutation payload.
struct UserErrorRecord: Error, Sendable {
    var field: [String]?
    var message: String
    var code: String?
}

/// Several `userErrors` entries, as a failure value.
struct UserErrorList: Error, Sendable {
    let items: [UserErrorRecord]
}

/// One fulfillment order and the lines (id, quantity) asked for; nil lines mean "all remaining".
struct FulfillmentRequest: Sendable {
    let fulfillmentOrderID: String
    let lines: [(id: String, quantity: Int)]?
}

/// Tracking details given to `fulfillmentCreate`.
struct TrackingRequest: Sendable {
    var company: String?
    var numbers: [String]
    var urls: [String]
}

extension ShopState {
    /// Records a fulfillment from a `fulfillments/create` event on its order and ships its units.
    mutating func attachFulfillment(_ document: JSONValue, now: Date) throws {
        guard let fulfillmentID = document["id"]?.int64Value,
            let orderID = document["order_id"]?.int64Value, orders[orderID] != nil
        else {
            throw ShopifySandboxError(.invalidPayload, "the fulfillment's order_id does not name an order of \(domain)")
        }
        let numbers = document["tracking_numbers"]?.arrayValue.compactMap(\.stringValue)
            ?? document["tracking_number"]?.stringValue.map { [$0] } ?? []
        let urls = document["tracking_urls"]?.arrayValue.compactMap(\.stringValue)
            ?? document["tracking_url"]?.stringValue.map { [$0] } ?? []
        let lines = (document["line_items"]?.arrayValue ?? []).compactMap { line -> (lineItemID: Int64, quantity: Int)? in
            guard let id = line["id"]?.int64Value, let quantity = line["quantity"]?.intValue else { return nil }
            return (id, quantity)
        }
        let isNew = fulfillments[fulfillmentID] == nil
        fulfillments[fulfillmentID] = FulfillmentRecord(
            id: fulfillmentID, orderID: orderID, locationID: document["location_id"]?.int64Value,
            status: (document["status"]?.stringValue ?? "success").uppercased(),
            trackingCompany: document["tracking_company"]?.stringValue, trackingNumbers: numbers, trackingURLs: urls,
            lines: lines, fulfillmentOrderIDs: fulfillments[fulfillmentID]?.fulfillmentOrderIDs ?? [],
            createdAt: fulfillments[fulfillmentID]?.createdAt ?? now, updatedAt: now)
        guard isNew else { return }
        orders[orderID]?.fulfillmentIDs.append(fulfillmentID)
        for line in lines { reduceRemaining(orderID: orderID, lineItemID: line.lineItemID, by: line.quantity, now: now, ship: true) }
    }

    /// Takes `quantity` units of an order line off its fulfillment orders' remaining quantities;
    /// with `ship`, the units also leave the location's committed stock.
    mutating func reduceRemaining(orderID: Int64, lineItemID: Int64, by quantity: Int, now: Date, ship: Bool = false) {
        var left = quantity
        for foID in orders[orderID]?.fulfillmentOrderIDs ?? [] where left > 0 {
            guard var fulfillmentOrder = fulfillmentOrders[foID] else { continue }
            for index in fulfillmentOrder.lines.indices where fulfillmentOrder.lines[index].lineItemID == lineItemID {
                let taken = min(left, fulfillmentOrder.lines[index].remainingQuantity)
                fulfillmentOrder.lines[index].remainingQuantity -= taken
                left -= taken
                if ship, taken > 0, let itemID = fulfillmentOrder.lines[index].inventoryItemID {
                    shipCommitted(itemID: itemID, locationID: fulfillmentOrder.locationID, quantity: taken, now: now)
                }
            }
            fulfillmentOrder.status = Self.status(of: fulfillmentOrder)
            fulfillmentOrder.updatedAt = now
            fulfillmentOrders[foID] = fulfillmentOrder
        }
    }

    private mutating func shipCommitted(itemID: Int64, locationID: Int64, quantity: Int, now: Date) {
        let key = InventoryKey(itemID: itemID, locationID: locationID)
        guard var level = inventory[key] else { return }
        level.committed = max(0, level.committed - quantity)
        level.updatedAt = now
        inventory[key] = level
    }

    private static func status(of fulfillmentOrder: FulfillmentOrderRecord) -> String {
        if fulfillmentOrder.status == "CANCELLED" { return "CANCELLED" }
        let remaining = fulfillmentOrder.lines.reduce(0) { $0 + $1.remainingQuantity }
        let total = fulfillmentOrder.lines.reduce(0) { $0 + $1.totalQuantity }
        if remaining == 0 { return "CLOSED" }
        return remaining == total ? "OPEN" : "IN_PROGRESS"
    }

    /// `fulfillmentCreate`: validates every requested line first, then fulfils them all or nothing.
    mutating func createFulfillment(
        _ requests: [FulfillmentRequest], tracking: TrackingRequest?, now: Date
    ) -> Result<FulfillmentRecord, UserErrorRecord> {
        var plan: [(foID: Int64, lineIndex: Int, quantity: Int)] = []
        var orderID: Int64?
        var locationID: Int64?
        for (requestIndex, request) in requests.enumerated() {
            let field = ["fulfillment", "lineItemsByFulfillmentOrder", String(requestIndex), "fulfillmentOrderId"]
            guard let foID = GID.parse(request.fulfillmentOrderID, type: "FulfillmentOrder"),
                let fulfillmentOrder = fulfillmentOrders[foID]
            else {
                return .failure(UserErrorRecord(field: field, message: "Fulfillment order does not exist."))
            }
            guard fulfillmentOrder.status == "OPEN" || fulfillmentOrder.status == "IN_PROGRESS" else {
                return .failure(UserErrorRecord(field: field, message: "Fulfillment order \(foID) is not in a fulfillable state."))
            }
            if let orderID, orderID != fulfillmentOrder.orderID {
                return .failure(UserErrorRecord(field: field, message: "All fulfillment orders must belong to the same order."))
            }
            orderID = fulfillmentOrder.orderID
            // One fulfillment ships from one place: Shopify refuses fulfillment orders assigned to
            // different locations in the same request.
            if let locationID, locationID != fulfillmentOrder.locationID {
                return .failure(UserErrorRecord(field: field, message: "All fulfillment orders must be assigned to the same location."))
            }
            locationID = fulfillmentOrder.locationID
            guard let lines = request.lines else {
                for (index, line) in fulfillmentOrder.lines.enumerated() where line.remainingQuantity > 0 {
                    plan.append((foID, index, line.remainingQuantity))
                }
                continue
            }
            for line in lines {
                guard let lineID = GID.parse(line.id, type: "FulfillmentOrderLineItem"),
                    let index = fulfillmentOrder.lines.firstIndex(where: { $0.id == lineID })
                else {
                    return .failure(UserErrorRecord(field: field, message: "Fulfillment order line item does not exist."))
                }
                let alreadyPlanned = plan.filter { $0.foID == foID && $0.lineIndex == index }.reduce(0) { $0 + $1.quantity }
                guard line.quantity > 0, line.quantity + alreadyPlanned <= fulfillmentOrder.lines[index].remainingQuantity else {
                    return .failure(UserErrorRecord(field: field, message: "Invalid fulfillment order line item quantity requested."))
                }
                plan.append((foID, index, line.quantity))
            }
        }
        guard let orderID, !plan.isEmpty else {
            return .failure(UserErrorRecord(field: ["fulfillment"], message: "Line items are already fulfilled."))
        }
        let fulfillmentID = nextID()
        var shipped: [(lineItemID: Int64, quantity: Int)] = []
        var foIDs: [Int64] = []
        for step in plan {
            guard var fulfillmentOrder = fulfillmentOrders[step.foID] else { continue }
            let line = fulfillmentOrder.lines[step.lineIndex]
            fulfillmentOrder.lines[step.lineIndex].remainingQuantity -= step.quantity
            if let itemID = line.inventoryItemID {
                shipCommitted(itemID: itemID, locationID: fulfillmentOrder.locationID, quantity: step.quantity, now: now)
            }
            fulfillmentOrder.status = Self.status(of: fulfillmentOrder)
            fulfillmentOrder.updatedAt = now
            if !fulfillmentOrder.fulfillmentIDs.contains(fulfillmentID) { fulfillmentOrder.fulfillmentIDs.append(fulfillmentID) }
            fulfillmentOrders[step.foID] = fulfillmentOrder
            shipped.append((line.lineItemID, step.quantity))
            if !foIDs.contains(step.foID) { foIDs.append(step.foID) }
        }
        let record = FulfillmentRecord(
            id: fulfillmentID, orderID: orderID, locationID: foIDs.first.flatMap { fulfillmentOrders[$0]?.locationID },
            status: "SUCCESS", trackingCompany: tracking?.company, trackingNumbers: tracking?.numbers ?? [],
            trackingURLs: tracking?.urls ?? [], lines: shipped, fulfillmentOrderIDs: foIDs, createdAt: now,
            updatedAt: now)
        fulfillments[fulfillmentID] = record
        orders[orderID]?.fulfillmentIDs.append(fulfillmentID)
        orders[orderID]?.updatedAt = now
        return .success(record)
    }
}
