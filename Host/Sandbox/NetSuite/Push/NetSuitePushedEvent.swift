import Foundation

/// An event the SuiteScript we ship posts to the host (see ``NetSuiteSandbox/pushEvent(account:to:secret:event:)``).
///
/// ```swift
/// let event = NetSuitePushedEvent.inventoryChanged(accountID: "1234567_SB1", items: [
///     .init(itemID: "12", sku: "TSHIRT-M", locationID: "3", quantityOnHand: 10, quantityAvailable: 8),
/// ])
/// ```
public struct NetSuitePushedEvent: Codable, Sendable, Equatable {
    /// One item's quantities at one location.
    public struct InventoryItem: Codable, Sendable, Equatable {
        /// Internal id of the item.
        public var itemId: String
        /// The item's `itemId` (SKU).
        public var sku: String
        /// Internal id of the location.
        public var locationId: String
        /// Units on hand.
        public var quantityOnHand: Int
        /// Units available (on hand less committed).
        public var quantityAvailable: Int

        /// Creates an inventory line.
        public init(itemID: String, sku: String, locationID: String, quantityOnHand: Int, quantityAvailable: Int) {
            itemId = itemID
            self.sku = sku
            locationId = locationID
            self.quantityOnHand = quantityOnHand
            self.quantityAvailable = quantityAvailable
        }
    }

    /// The sales order a fulfillment was created from.
    public struct CreatedFrom: Codable, Sendable, Equatable {
        /// Internal id of the sales order.
        public var id: String
        /// The order's external id, if it has one.
        public var externalId: String?

        /// Creates the reference.
        public init(id: String, externalID: String?) {
            self.id = id
            externalId = externalID
        }
    }

    /// One shipped line.
    public struct FulfillmentItem: Codable, Sendable, Equatable {
        /// Internal id of the item.
        public var itemId: String
        /// The item's SKU.
        public var sku: String
        /// Units shipped.
        public var quantity: Int

        /// Creates a shipped line.
        public init(itemID: String, sku: String, quantity: Int) {
            itemId = itemID
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// An item fulfillment as the event carries it.
    public struct Fulfillment: Codable, Sendable, Equatable {
        /// Internal id of the item fulfillment.
        public var id: String
        /// The sales order it ships.
        public var createdFrom: CreatedFrom
        /// Carrier name, e.g. `UPS`.
        public var carrier: String
        /// Tracking numbers of the packages.
        public var trackingNumbers: [String]
        /// `yyyy-MM-dd`.
        public var shipDate: String
        /// Shipped lines.
        public var items: [FulfillmentItem]

        /// Creates the fulfillment.
        public init(id: String, createdFrom: CreatedFrom, carrier: String, trackingNumbers: [String], shipDate: String,
                    items: [FulfillmentItem]) {
            self.id = id
            self.createdFrom = createdFrom
            self.carrier = carrier
            self.trackingNumbers = trackingNumbers
            self.shipDate = shipDate
            self.items = items
        }
    }

    /// Unique id of the event (a UUID), also sent as `X-SyncHost-Event-Id`.
    public var eventId: String
    /// `inventory.changed` or `itemFulfillment.created`.
    public var type: String
    /// The NetSuite account; the pusher fills it in with the account it pushes for.
    public var accountId: String
    /// ISO-8601 time of the change.
    public var occurredAt: String
    /// Present for `inventory.changed`.
    public var items: [InventoryItem]?
    /// Present for `itemFulfillment.created`.
    public var fulfillment: Fulfillment?

    /// An `inventory.changed` event.
    public static func inventoryChanged(
        accountID: String = "", items: [InventoryItem], eventID: String = UUID().uuidString, occurredAt: Date = Date()
    ) -> NetSuitePushedEvent {
        NetSuitePushedEvent(eventId: eventID, type: "inventory.changed", accountId: accountID,
                            occurredAt: ISO8601.format(occurredAt), items: items, fulfillment: nil)
    }

    /// An `itemFulfillment.created` event.
    public static func itemFulfillmentCreated(
        accountID: String = "", fulfillment: Fulfillment, eventID: String = UUID().uuidString, occurredAt: Date = Date()
    ) -> NetSuitePushedEvent {
        NetSuitePushedEvent(eventId: eventID, type: "itemFulfillment.created", accountId: accountID,
                            occurredAt: ISO8601.format(occurredAt), items: nil, fulfillment: fulfillment)
    }
}
