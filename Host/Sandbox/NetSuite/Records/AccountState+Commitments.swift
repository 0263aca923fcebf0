import Foundation

/// Sales orders commit stock at their lines' locations and fulfillments take it out, so that
/// `AggregateItemLocation` moves the way the inventory flow sees it move in NetSuite:
/// an order lowers available (committed rises), a shipment lowers on hand (committed falls).
/// Kit items commit nothing here (NetSuite commits their members; the sandbox leaves that out).
extension AccountState {
    /// Commits what each open line still needs, as far as the location has it available,
    /// recording it in the line's `quantityCommitted`. A closed line needs nothing, and lines of
    /// items that ship no goods (discounts, other charges) never commit.
    mutating func commitStock(for order: [String: SandboxJSON], now: Date = Date()) -> [String: SandboxJSON] {
        guard var lines = order["item"]?["items"]?.arrayValue else { return order }
        for index in lines.indices {
            guard var line = lines[index].objectValue else { continue }
            // Whatever the body said, a line holds only what is committed here.
            line["quantityCommitted"] = 0
            defer { lines[index] = .object(line) }
            guard line["isClosed"]?.boolValue != true, let item = line["item"]?.referenceID,
                  self.item(id: item)?.type.isFulfillableItem == true,
                  let location = line["location"]?.referenceID ?? order["location"]?.referenceID,
                  var balance = inventory[item]?[location] else { continue }
            let open = Self.units(line["quantity"]) - Self.units(line["quantityFulfilled"])
            let committed = max(0, min(open, balance.available))
            guard committed > 0 else { continue }
            balance.available -= committed
            balance.lastModified = now
            inventory[item]?[location] = balance
            line["quantityCommitted"] = .number(Decimal(committed))
        }
        var updated = order
        updated["item"] = ["items": .array(lines)]
        return updated
    }

    /// Gives back what the order's lines still hold committed (the order is replaced or deleted).
    mutating func releaseStock(of order: [String: SandboxJSON], now: Date = Date()) {
        for line in order["item"]?["items"]?.arrayValue ?? [] {
            let committed = Self.units(line["quantityCommitted"])
            guard committed > 0, let item = line["item"]?.referenceID,
                  let location = line["location"]?.referenceID ?? order["location"]?.referenceID,
                  var balance = inventory[item]?[location] else { continue }
            balance.available = min(balance.onHand, balance.available + committed)
            balance.lastModified = now
            inventory[item]?[location] = balance
        }
    }

    /// Ships `quantity` units: on hand falls; what the line had committed is used first, and any
    /// rest comes out of available. Returns how much of the line's commitment was used.
    mutating func shipStock(item: String, location: String, quantity: Int, committed: Int, now: Date = Date()) -> Int {
        let used = min(committed, quantity)
        guard var balance = inventory[item]?[location] else { return used }
        balance.onHand -= quantity
        balance.available = max(0, min(balance.onHand, balance.available - (quantity - used)))
        balance.lastModified = now
        inventory[item]?[location] = balance
        return used
    }

    /// Whole units of a quantity field (fractions are dropped).
    static func units(_ value: SandboxJSON?) -> Int {
        guard let decimal = value?.decimalValue else { return 0 }
        return NSDecimalNumber(decimal: decimal).intValue
    }
}
