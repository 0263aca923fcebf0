import Foundation
import NetSuite

/// What the orders flow reads back from a NetSuite sales order: its status and total.
struct SalesOrderState: Sendable {
    /// NetSuite's status id: `A` Pending Approval, `B` Pending Fulfillment, `D` Partially
    /// Fulfilled, `F` Pending Billing, `H` Closed, ...
    let statusID: String?
    /// The status as NetSuite names it, for notes.
    let statusName: String
    /// The record's total.
    let total: Decimal?
    /// Whether any line has shipped units.
    let hasFulfilledUnits: Bool

    init(_ record: JSONValue) {
        statusID = record["status"]?["id"]?.stringValue
        statusName = record["status"]?["refName"]?.stringValue ?? statusID ?? "unknown"
        total = record["total"]?.decimalValue
        let lines = record["item"]?["items"]?.arrayValue ?? []
        hasFulfilledUnits = lines.contains { ($0["quantityFulfilled"]?.decimalValue ?? 0) > 0 }
    }

    /// Every line closed.
    var isClosed: Bool { statusID == "H" }

    /// Open and nothing shipped: the only state in which an edit is applied (MAPPING "Edits").
    /// Pending Approval or Pending Fulfillment, with no fulfilled units.
    var isOpenAndUnfulfilled: Bool {
        guard !hasFulfilledUnits else { return false }
        guard let statusID else { return true }
        return statusID == "A" || statusID == "B"
    }
}
