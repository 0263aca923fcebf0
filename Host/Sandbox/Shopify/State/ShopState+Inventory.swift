import Foundation

/// One quantity to set or change, as given to the inventory mutations (ids still as GIDs).
struct InventoryQuantityRequest: Sendable {
    let inventoryItemID: String
    let locationID: String
    /// The quantity to set (`inventorySetQuantities`) or the delta (`inventoryAdjustQuantities`).
    let value: Int
    let changeFromQuantity: ChangeFromQuantity
    let ledgerDocumentUri: String?
}

/// What an entry says about `changeFromQuantity`: GraphQL tells an absent field from an explicit null,
/// and Shopify 2026-01 gives them different meanings.
enum ChangeFromQuantity: Sendable, Equatable {
    /// The field was left out: `inventorySetQuantities` refuses it (COMPARE_QUANTITY_REQUIRED).
    case absent
    /// An explicit `null`: apply the change without comparing.
    case noCheck
    /// Apply the change only if the current quantity is this one.
    case expected(Int)
}

extension ShopState {
    /// Inventory reasons Shopify accepts.
    static let inventoryReasons: Set<String> = [
        "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
        "movement_received", "movement_canceled", "other", "promotion", "quality_control", "received",
        "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    ]

    /// Quantity names the sandbox can write: `on_hand` moves `available` with it, committed units stay.
    static let writableQuantityNames: Set<String> = ["available", "on_hand"]

    /// `inventorySetQuantities` (`isDelta` false) and `inventoryAdjustQuantities` (`isDelta` true):
    /// every entry is checked first, including its `changeFromQuantity`; one error changes nothing.
    mutating func changeInventory(
        name: String, reason: String, referenceDocumentUri: String?, entries: [InventoryQuantityRequest],
        isDelta: Bool, now: Date
    ) -> Result<InventoryAdjustmentGroupRecord, UserErrorList> {
        let listField = isDelta ? "changes" : "quantities"
        guard Self.writableQuantityNames.contains(name) else {
            return .failure(UserErrorList(items: [UserErrorRecord(field: ["input", "name"], message: "The quantity name must be available or on_hand.", code: isDelta ? "INVALID_QUANTITY_NAME" : "INVALID_NAME")]))
        }
        guard Self.inventoryReasons.contains(reason) else {
            return .failure(UserErrorList(items: [UserErrorRecord(field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON")]))
        }
        if let uri = referenceDocumentUri, !Self.isURI(uri) {
            return .failure(UserErrorList(items: [UserErrorRecord(field: ["input", "referenceDocumentUri"], message: "The specified reference document is invalid.", code: "INVALID_REFERENCE_DOCUMENT")]))
        }
        var errors: [UserErrorRecord] = []
        var resolved: [(key: InventoryKey, request: InventoryQuantityRequest)] = []
        var seen: Set<InventoryKey> = []
        for (index, entry) in entries.enumerated() {
            let field = ["input", listField, String(index)]
            guard let itemID = GID.parse(entry.inventoryItemID, type: "InventoryItem"), variantByItem[itemID] != nil else {
                errors.append(UserErrorRecord(field: field + ["inventoryItemId"], message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM"))
                continue
            }
            guard let locationID = GID.parse(entry.locationID, type: "Location"), locations[locationID] != nil else {
                errors.append(UserErrorRecord(field: field + ["locationId"], message: "The specified location could not be found.", code: "INVALID_LOCATION"))
                continue
            }
            let key = InventoryKey(itemID: itemID, locationID: locationID)
            guard let level = inventory[key] else {
                errors.append(UserErrorRecord(field: field + ["locationId"], message: "The specified inventory item is not stocked at the location.", code: "ITEM_NOT_STOCKED_AT_LOCATION"))
                continue
            }
            // Adjustments may name a pair twice (the deltas add up); a set may not.
            guard isDelta || seen.insert(key).inserted else {
                errors.append(UserErrorRecord(field: field, message: "The combination of inventoryItemId and locationId must be unique.", code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"))
                continue
            }
            let current = level.quantity(named: name) ?? 0
            // Only a set must state its compare quantity; an adjustment may leave it out.
            if !isDelta, entry.changeFromQuantity == .absent {
                errors.append(UserErrorRecord(field: field + ["changeFromQuantity"], message: "The changeFromQuantity argument must be given: pass null to skip the check.", code: "COMPARE_QUANTITY_REQUIRED"))
                continue
            }
            if case .expected(let expected) = entry.changeFromQuantity, expected != current {
                errors.append(UserErrorRecord(field: field + ["changeFromQuantity"], message: "The quantity couldn't be updated because the changeFromQuantity (\(expected)) doesn't match the current quantity.", code: "CHANGE_FROM_QUANTITY_STALE"))
                continue
            }
            let target = isDelta ? current + entry.value : entry.value
            if abs(target) > 1_000_000_000 {
                errors.append(UserErrorRecord(field: field + [isDelta ? "delta" : "quantity"], message: "The quantity is out of range.", code: target > 0 ? "INVALID_QUANTITY_TOO_HIGH" : "INVALID_QUANTITY_TOO_LOW"))
                continue
            }
            resolved.append((key, entry))
        }
        if !errors.isEmpty { return .failure(UserErrorList(items: errors)) }
        var changes: [InventoryAdjustmentGroupRecord.Change] = []
        for (key, entry) in resolved {
            guard var level = inventory[key] else { continue }
            let before = level.quantity(named: name) ?? 0
            let delta = isDelta ? entry.value : entry.value - before
            level.available += delta
            level.updatedAt = now
            inventory[key] = level
            // Shopify reports the named quantity and on_hand when available moves, and the reverse.
            let companion = name == "available" ? "on_hand" : "available"
            for changedName in [name, companion] {
                changes.append(.init(
                    itemID: key.itemID, locationID: key.locationID, name: changedName, delta: delta,
                    quantityAfterChange: level.quantity(named: changedName) ?? 0, ledgerDocumentUri: entry.ledgerDocumentUri))
            }
        }
        let group = InventoryAdjustmentGroupRecord(
            id: nextID(), reason: reason, referenceDocumentUri: referenceDocumentUri, createdAt: now, changes: changes)
        adjustmentGroups[group.id] = group
        return .success(group)
    }

    static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        return text[..<colon].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            && !text.contains(" ")
    }
}
