import Foundation

extension RecordService {
    /// `POST .../salesOrder/{id}/!transform/itemFulfillment`: ships the order's remaining
    /// quantities, or the lines the body picks (`item.items[{orderLine, quantity, itemReceive}]`).
    /// The body may also carry `shipMethod`, `memo`, `tranDate`, `shipStatus` and a
    /// `package.items[{packageTrackingNumber}]` sublist.
    mutating func transform(_ request: SandboxRequest, key: String, target: String) -> SandboxResponse {
        guard type == .salesOrder, RecordType(pathSegment: target) == .itemFulfillment else {
            return NetSuiteError.badRequest("The transformation from \(type.rawValue) to \(target) is not supported.",
                                            code: "INVALID_REQUEST")
        }
        guard let orderID = resolve(key), let order = state.tables[.salesOrder]?[orderID] else { return NetSuiteError.nonexistentRecord }
        var body: [String: SandboxJSON] = [:]
        if !request.body.isEmpty {
            guard let parsed = try? SandboxJSON.parse(request.body), let object = parsed.objectValue else {
                return RecordRefusal.invalidContent("The request body must be a JSON object.").response
            }
            body = object
        }
        do {
            let (fulfillment, shipped) = try buildFulfillment(order: order, orderID: orderID, body: body)
            let id = state.allocateID()
            var record = fulfillment
            record["tranId"] = .string(state.allocateTransactionNumber(for: .itemFulfillment))
            state.store(record, type: .itemFulfillment, id: id)
            applyShipment(shipped, to: order, orderID: orderID, defaultLocation: order["location"]?.referenceID)
            return .noContent(location: links.record(id, of: .itemFulfillment))
        } catch {
            return error.response
        }
    }

    private struct ShippedLine {
        let orderLine: Int
        let item: String
        let quantity: Decimal
        let location: String?
    }

    private func buildFulfillment(
        order: [String: SandboxJSON], orderID: String, body: [String: SandboxJSON]
    ) throws(RecordRefusal) -> ([String: SandboxJSON], [ShippedLine]) {
        let orderLines = order["item"]?["items"]?.arrayValue ?? []
        var requested: [(index: Int, quantity: Decimal?, path: String)] = []
        if let picked = body["item"]?["items"]?.arrayValue {
            // Each order line may appear once: checking every request against the same remaining quantity
            // would otherwise let two requests for one line ship more than it holds.
            var named: Set<Int> = []
            for (position, line) in picked.enumerated() where line["itemReceive"]?.boolValue != false {
                let path = "item.items[\(position)]"
                guard let number = line["orderLine"]?.decimalValue, let orderLine = Int("\(number)"),
                      orderLine >= 1, orderLine <= orderLines.count else {
                    throw .invalidReference(line["orderLine"]?.scalarText ?? "", path: "\(path).orderLine")
                }
                guard named.insert(orderLine).inserted else {
                    throw .userError("Order line \(orderLine) appears more than once in this fulfillment.", path: "\(path).orderLine")
                }
                requested.append((orderLine - 1, line["quantity"]?.decimalValue, "\(path).quantity"))
            }
        } else {
            requested = orderLines.indices.map { ($0, nil, "item.items[\($0)].quantity") }
        }
        var shipped: [ShippedLine] = []
        let picked = body["item"]?["items"]?.arrayValue != nil
        for request in requested {
            let line = orderLines[request.index]
            // Closed lines and lines of items that ship no goods (discounts, other charges) are not fulfilled.
            let itemType = line["item"]?.referenceID.flatMap { state.item(id: $0)?.type }
            guard line["isClosed"]?.boolValue != true, itemType?.isFulfillableItem == true else {
                guard !picked else {
                    throw .userError("Order line \(request.index + 1) cannot be fulfilled; it is closed or ships no goods.",
                                     path: request.path)
                }
                continue
            }
            let remaining = (line["quantity"]?.decimalValue ?? 0) - (line["quantityFulfilled"]?.decimalValue ?? 0)
            let quantity = request.quantity ?? remaining
            guard quantity <= remaining, quantity >= 0 else {
                throw .userError("You cannot fulfill more than the remaining quantity (\(remaining)) of order line \(request.index + 1).",
                                 path: request.path)
            }
            guard quantity > 0, let item = line["item"]?.referenceID else { continue }
            shipped.append(ShippedLine(orderLine: request.index + 1, item: item, quantity: quantity,
                                       location: line["location"]?.referenceID ?? order["location"]?.referenceID))
        }
        guard !shipped.isEmpty else { throw .userError("You must enter at least one line item for this transaction.", path: "item") }

        var record: [String: SandboxJSON] = [
            "createdFrom": ["id": .string(orderID)], "entity": order["entity"] ?? .null, "subsidiary": order["subsidiary"] ?? .null,
            "shipStatus": body["shipStatus"] ?? ["id": "C", "refName": "Shipped"],
            "tranDate": body["tranDate"] ?? .string(ISO8601.day(Date())),
            "item": ["items": .array(shipped.map { line in
                var object: [String: SandboxJSON] = [
                    "orderLine": .number(Decimal(line.orderLine)), "item": ["id": .string(line.item)],
                    "quantity": .number(line.quantity), "itemReceive": true,
                ]
                if let location = line.location { object["location"] = ["id": .string(location)] }
                return .object(object)
            })],
        ]
        for passthrough in ["shipMethod", "memo", "package", "externalId"] where body[passthrough] != nil {
            record[passthrough] = body[passthrough]
        }
        return (record, shipped)
    }

    /// Marks the order's lines fulfilled and takes the units out of stock at their locations.
    private mutating func applyShipment(_ shipped: [ShippedLine], to order: [String: SandboxJSON], orderID: String, defaultLocation: String?) {
        var updated = order
        var lines = order["item"]?["items"]?.arrayValue ?? []
        let now = Date()
        for line in shipped {
            guard var object = lines[line.orderLine - 1].objectValue else { continue }
            object["quantityFulfilled"] = .number((object["quantityFulfilled"]?.decimalValue ?? 0) + line.quantity)
            if let location = line.location {
                let committed = AccountState.units(object["quantityCommitted"])
                let used = state.shipStock(item: line.item, location: location, quantity: AccountState.units(.number(line.quantity)),
                                           committed: committed, now: now)
                object["quantityCommitted"] = .number(Decimal(committed - used))
            }
            lines[line.orderLine - 1] = .object(object)
        }
        updated["item"] = ["items": .array(lines)]
        state.store(SalesOrderStatus.stamped(updated, in: state), type: .salesOrder, id: orderID)
    }
}
