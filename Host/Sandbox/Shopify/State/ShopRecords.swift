import Foundation

/// A location of a shop.
struct LocationRecord: Sendable {
    let id: Int64
    var name: String
    let createdAt: Date
    var updatedAt: Date
}

/// A product; its variants are kept in `ShopState.variants`.
struct ProductRecord: Sendable {
    let id: Int64
    var title: String
    var handle: String
    var status: String
    var vendor: String
    var productType: String
    var descriptionHtml: String
    var tags: [String]
    let createdAt: Date
    var updatedAt: Date
    var variantIDs: [Int64]
}

/// A product variant and its inventory item (one item per variant, as in Shopify).
struct VariantRecord: Sendable {
    let id: Int64
    let productID: Int64
    var sku: String?
    var title: String
    var price: Decimal
    var compareAtPrice: Decimal?
    var barcode: String?
    var position: Int
    let inventoryItemID: Int64
    let createdAt: Date
    var updatedAt: Date
}

/// Key of an inventory level: one inventory item at one location.
struct InventoryKey: Hashable, Sendable {
    let itemID: Int64
    let locationID: Int64
}

/// Quantities of one inventory level. `on_hand` is available plus committed: an order commits
/// units (available goes down), its fulfillment ships them (committed and on_hand go down).
struct InventoryLevelRecord: Sendable {
    var available: Int
    var committed: Int
    var updatedAt: Date

    var onHand: Int { available + committed }

    /// The named quantity, for the names the sandbox keeps ("available", "on_hand", "committed").
    func quantity(named name: String) -> Int? {
        switch name {
        case "available": available
        case "on_hand": onHand
        case "committed": committed
        case "incoming", "reserved", "damaged", "safety_stock", "quality_control": 0
        default: nil
        }
    }
}

/// An order as recorded from its REST document.
struct OrderRecord: Sendable {
    let id: Int64
    var rest: JSONValue
    var createdAt: Date
    var updatedAt: Date
    var processedAt: Date
    var cancelledAt: Date?
    var refunds: [JSONValue]
    var fulfillmentIDs: [Int64]
    var fulfillmentOrderIDs: [Int64]
    /// Line item id -> quantity already committed in inventory (so an update does not commit twice).
    var committedLines: [Int64: Int]
    /// REST order transactions recorded from `order_transactions/create`, in arrival order, one per id.
    var transactions: [JSONValue] = []
}

/// A line of a fulfillment order.
struct FulfillmentOrderLineRecord: Sendable {
    let id: Int64
    let lineItemID: Int64
    let variantID: Int64?
    let inventoryItemID: Int64?
    let sku: String?
    let title: String
    let totalQuantity: Int
    var remainingQuantity: Int
}

/// A fulfillment order: the lines of one order assigned to one location.
struct FulfillmentOrderRecord: Sendable {
    let id: Int64
    let orderID: Int64
    let locationID: Int64
    var status: String
    var lines: [FulfillmentOrderLineRecord]
    let createdAt: Date
    var updatedAt: Date
    var fulfillmentIDs: [Int64]
}

/// A fulfillment, created by `fulfillmentCreate` or recorded from a `fulfillments/create` event.
struct FulfillmentRecord: Sendable {
    let id: Int64
    let orderID: Int64
    var locationID: Int64?
    var status: String
    var trackingCompany: String?
    var trackingNumbers: [String]
    var trackingURLs: [String]
    /// (line item id, quantity, fulfillment order line id if any)
    var lines: [(lineItemID: Int64, quantity: Int)]
    var fulfillmentOrderIDs: [Int64]
    let createdAt: Date
    var updatedAt: Date
}

/// A webhook subscription made with `webhookSubscriptionCreate`.
struct SubscriptionRecord: Sendable {
    let id: Int64
    let topic: String
    var uri: String
    var format: String
    var includeFields: [String]
    var filter: String?
    let createdAt: Date
    var updatedAt: Date
}

/// An adjustment group returned by the inventory mutations.
struct InventoryAdjustmentGroupRecord: Sendable {
    struct Change: Sendable {
        let itemID: Int64
        let locationID: Int64
        let name: String
        let delta: Int
        let quantityAfterChange: Int
        let ledgerDocumentUri: String?
    }

    let id: Int64
    let reason: String
    let referenceDocumentUri: String?
    let createdAt: Date
    let changes: [Change]
}

/// A bulk query run with `bulkOperationRunQuery`; its JSONL result is kept in `ShopState.bulkFiles`.
struct BulkOperationRecord: Sendable {
    let id: Int64
    let query: String
    let status: String
    let createdAt: Date
    let completedAt: Date
    let objectCount: Int
    let rootObjectCount: Int
    let fileSize: Int
}
