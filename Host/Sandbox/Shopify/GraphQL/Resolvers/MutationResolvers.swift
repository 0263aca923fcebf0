import Foundation
import GraphQL
import OrderedCollections
import Synchronization

/// Root values of `Mutation`: each changes the shop under its lock, then answers from the new state.
struct MutationResolvers: Sendable {
    let shop: ShopHandle
    /// Events the mutations cause, delivered once the request has run.
    let events: ShopEventLog
    /// Runs bulk queries.
    let bulk: BulkQueryRunner

    func root() -> GraphObject {
        [
            "inventorySetQuantities": FieldThunk { try inventory($0, isDelta: false) },
            "inventoryAdjustQuantities": FieldThunk { try inventory($0, isDelta: true) },
            "productVariantsBulkUpdate": FieldThunk { try productVariantsBulkUpdate($0) },
            "productSet": FieldThunk { try ProductSetMutation(shop: shop).run($0) },
            "fulfillmentCreate": FieldThunk { try fulfillmentCreate($0) },
            "webhookSubscriptionCreate": FieldThunk { try WebhookSubscriptionMutations(shop: shop).create($0) },
            "webhookSubscriptionDelete": FieldThunk { try WebhookSubscriptionMutations(shop: shop).delete($0) },
            "bulkOperationRunQuery": FieldThunk { try await bulk.run($0) },
        ]
    }

    static func userErrors(_ errors: [UserErrorRecord]) -> [GraphObject] {
        errors.map { error in
            var object: GraphObject = ["message": error.message]
            if let field = error.field { object["field"] = field }
            if let code = error.code { object["code"] = code }
            return object
        }
    }

    private func inventory(_ arguments: Map, isDelta: Bool) throws -> GraphObject {
        let input = arguments["input"]
        let entries = (input[isDelta ? "changes" : "quantities"].array ?? []).map { entry in
            InventoryQuantityRequest(
                inventoryItemID: entry["inventoryItemId"].string ?? "", locationID: entry["locationId"].string ?? "",
                value: entry[isDelta ? "delta" : "quantity"].int ?? 0, changeFromQuantity: Self.changeFromQuantity(entry),
                ledgerDocumentUri: entry["ledgerDocumentUri"].string)
        }
        let (result, state) = shop.state.withLock { state in
            let result = state.changeInventory(
                name: input["name"].string ?? "", reason: input["reason"].string ?? "",
                referenceDocumentUri: input["referenceDocumentUri"].string, entries: entries, isDelta: isDelta, now: Date())
            return (result, state)
        }
        switch result {
        case .failure(let errors):
            return ["userErrors": Self.userErrors(errors.items)]
        case .success(let group):
            let touched = Set(group.changes.map { InventoryKey(itemID: $0.itemID, locationID: $0.locationID) })
            for key in touched.sorted(by: { ($0.itemID, $0.locationID) < ($1.itemID, $1.locationID) }) {
                if let level = state.inventory[key] {
                    events.add(topic: "inventory_levels/update", document: RestDocuments.inventoryLevel(key, level: level))
                }
            }
            let builder = ObjectBuilder(state: state)
            let groupObject: GraphObject = [
                "id": GID.make("InventoryAdjustmentGroup", group.id), "reason": group.reason,
                "createdAt": ISOTime.string(group.createdAt),
                "referenceDocumentUri": group.referenceDocumentUri as (any Sendable)?,
                "changes": FieldThunk { arguments in
                    let names = Set((arguments["quantityNames"].array ?? []).compactMap(\.string))
                    return group.changes.filter { names.isEmpty || names.contains($0.name) }.map { change -> GraphObject in
                        [
                            "name": change.name, "delta": change.delta, "quantityAfterChange": change.quantityAfterChange,
                            "item": builder.inventoryItem(change.itemID) as (any Sendable)?,
                            "location": builder.location(change.locationID) as (any Sendable)?,
                            "ledgerDocumentUri": change.ledgerDocumentUri as (any Sendable)?,
                        ].compactMapValues { $0 }
                    }
                },
            ].compactMapValues { $0 }
            return ["inventoryAdjustmentGroup": groupObject, "userErrors": [GraphObject]()]
        }
    }

    /// Reads `changeFromQuantity` without merging a missing field (`Map.undefined`, or no key at all)
    /// into an explicit `null`: the two mean different things to `inventorySetQuantities`.
    static func changeFromQuantity(_ entry: Map) -> ChangeFromQuantity {
        guard let given = entry.dictionary?["changeFromQuantity"], given != .undefined else { return .absent }
        return given.int.map(ChangeFromQuantity.expected) ?? .noCheck
    }

    private func fulfillmentCreate(_ arguments: Map) throws -> GraphObject {
        let input = arguments["fulfillment"]
        let requests = (input["lineItemsByFulfillmentOrder"].array ?? []).map { entry in
            FulfillmentRequest(
                fulfillmentOrderID: entry["fulfillmentOrderId"].string ?? "",
                lines: entry["fulfillmentOrderLineItems"].array.map { lines in
                    lines.map { (id: $0["id"].string ?? "", quantity: $0["quantity"].int ?? 0) }
                })
        }
        let trackingInput = input["trackingInfo"]
        var tracking: TrackingRequest?
        if trackingInput.isDictionary {
            let numbers = (trackingInput["numbers"].array ?? []).compactMap(\.string)
            let urls = (trackingInput["urls"].array ?? []).compactMap(\.string)
            tracking = TrackingRequest(
                company: trackingInput["company"].string,
                numbers: numbers.isEmpty ? trackingInput["number"].string.map { [$0] } ?? [] : numbers,
                urls: urls.isEmpty ? trackingInput["url"].string.map { [$0] } ?? [] : urls)
        }
        let (result, state) = shop.state.withLock { state in
            (state.createFulfillment(requests, tracking: tracking, now: Date()), state)
        }
        switch result {
        case .failure(let error):
            return ["userErrors": Self.userErrors([error])]
        case .success(let record):
            events.add(topic: "fulfillments/create", document: RestDocuments.fulfillment(record, state: state))
            return [
                "fulfillment": ObjectBuilder(state: state).fulfillment(record.id) as (any Sendable)?,
                "userErrors": [GraphObject](),
            ].compactMapValues { $0 }
        }
    }
}
