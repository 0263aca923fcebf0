import Foundation
import Synchronization

/// An event a mutation caused, to be delivered to the topic's subscribers as Shopify does
/// (an app's own `fulfillmentCreate` comes back to it as `fulfillments/create`).
struct ShopEvent: Sendable {
    let topic: String
    let payload: Data
}

/// Collects the events of one request while its mutations run.
final class ShopEventLog: Sendable {
    private let events = Mutex<[ShopEvent]>([])

    func add(topic: String, document: [String: Any]) {
        guard let payload = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]) else { return }
        events.withLock { $0.append(ShopEvent(topic: topic, payload: payload)) }
    }

    func drain() -> [ShopEvent] {
        events.withLock { current in
            defer { current.removeAll() }
            return current
        }
    }
}

/// REST documents of the webhook topics the sandbox emits itself.
enum RestDocuments {
    static func fulfillment(_ record: FulfillmentRecord, state: ShopState) -> [String: Any] {
        let orderLines = state.orders[record.orderID]?.rest["line_items"]?.arrayValue ?? []
        let orderName = state.orders[record.orderID]?.rest["name"]?.stringValue ?? "#\(record.orderID)"
        let index = (state.orders[record.orderID]?.fulfillmentIDs.firstIndex(of: record.id) ?? 0) + 1
        var document: [String: Any] = [
            "id": record.id, "order_id": record.orderID, "status": record.status.lowercased(),
            "created_at": ISOTime.string(record.createdAt), "updated_at": ISOTime.string(record.updatedAt),
            "name": "\(orderName).\(index)", "service": "manual", "shipment_status": NSNull(),
            "tracking_company": record.trackingCompany ?? NSNull(),
            "tracking_number": record.trackingNumbers.first ?? NSNull(), "tracking_numbers": record.trackingNumbers,
            "tracking_url": record.trackingURLs.first ?? NSNull(), "tracking_urls": record.trackingURLs,
            "location_id": record.locationID ?? NSNull(),
            "admin_graphql_api_id": GID.make("Fulfillment", record.id),
        ]
        document["line_items"] = record.lines.map { line -> [String: Any] in
            let orderLine = orderLines.first { $0["id"]?.int64Value == line.lineItemID }
            return [
                "id": line.lineItemID, "quantity": line.quantity,
                "sku": orderLine?["sku"]?.stringValue ?? NSNull(),
                "variant_id": orderLine?["variant_id"]?.int64Value ?? NSNull(),
                "title": orderLine?["title"]?.stringValue ?? "",
            ]
        }
        return document
    }

    static func inventoryLevel(_ key: InventoryKey, level: InventoryLevelRecord) -> [String: Any] {
        [
            "inventory_item_id": key.itemID, "location_id": key.locationID, "available": level.available,
            "updated_at": ISOTime.string(level.updatedAt),
            "admin_graphql_api_id": "gid://shopify/InventoryLevel/\(key.itemID)?inventory_item_id=\(key.itemID)&location_id=\(key.locationID)",
        ]
    }
}
