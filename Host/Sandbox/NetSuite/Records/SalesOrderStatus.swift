import Foundation

/// The read-only `status` of a sales order, derived from its lines as NetSuite derives it:
/// `B` Pending Fulfillment while nothing has shipped, `D` Partially Fulfilled once some goods
/// have, `F` Pending Billing once every open goods line is fully shipped, and `H` Closed once
/// every line is closed. The sandbox bills nothing, so `E` and `G` never appear, and it has no
/// approval step, so neither does `A`.
enum SalesOrderStatus: String, Sendable {
    case pendingFulfillment = "B"
    case partiallyFulfilled = "D"
    case pendingBilling = "F"
    case closed = "H"

    /// The name NetSuite writes in `refName`.
    var name: String {
        switch self {
        case .pendingFulfillment: "Pending Fulfillment"
        case .partiallyFulfilled: "Partially Fulfilled"
        case .pendingBilling: "Pending Billing"
        case .closed: "Closed"
        }
    }

    /// `{"id": "B", "refName": "Pending Fulfillment"}`, as the REST record service writes a status.
    var json: SandboxJSON { ["id": .string(rawValue), "refName": .string(name)] }

    /// The status of `order` in `state` (which knows each line's item type).
    static func of(_ order: [String: SandboxJSON], in state: AccountState) -> SalesOrderStatus {
        let lines = order["item"]?["items"]?.arrayValue ?? []
        if !lines.isEmpty, lines.allSatisfy({ $0["isClosed"]?.boolValue == true }) { return .closed }
        let goods = lines.filter { line in
            line["isClosed"]?.boolValue != true
                && line["item"]?.referenceID.flatMap { state.item(id: $0)?.type.isFulfillableItem } == true
        }
        let fulfilled = goods.map { $0["quantityFulfilled"]?.decimalValue ?? 0 }
        guard fulfilled.contains(where: { $0 > 0 }) else { return .pendingFulfillment }
        let allShipped = zip(goods, fulfilled).allSatisfy { line, shipped in shipped >= (line["quantity"]?.decimalValue ?? 0) }
        return allShipped ? .pendingBilling : .partiallyFulfilled
    }

    /// `order` with its `status` set from its lines.
    static func stamped(_ order: [String: SandboxJSON], in state: AccountState) -> [String: SandboxJSON] {
        var stamped = order
        stamped["status"] = of(order, in: state).json
        return stamped
    }
}
