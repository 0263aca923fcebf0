import Foundation
import PluginKit

/// A sales order body for `upsert("salesOrder", ...)`.
///
/// ```swift
/// var order = SalesOrderRecord(externalID: try ExternalID("shopify-order-1001"), customerID: "42", subsidiaryID: "1")
/// order.lines.append(.init(itemID: "7", quantity: 2, rate: price))
/// try await client.upsert("salesOrder", externalID: order.externalID, record: order.json)
/// ```
public struct SalesOrderRecord: Sendable, Equatable {
    /// One `item.items` line.
    public struct Line: Sendable, Equatable {
        /// The item's internal id.
        public var itemID: String
        /// Units ordered.
        public var quantity: Decimal
        /// Unit price, exact.
        public var rate: Decimal?
        /// Line total, exact; NetSuite computes it from rate and quantity when absent.
        public var amount: Decimal?
        /// Further line fields (`location`, `description`, custom columns), set as given.
        public var extraFields: [String: JSONValue]

        /// A line of `quantity` units of `itemID`.
        public init(itemID: String, quantity: Decimal, rate: Decimal? = nil, amount: Decimal? = nil, extraFields: [String: JSONValue] = [:]) {
            self.itemID = itemID
            self.quantity = quantity
            self.rate = rate
            self.amount = amount
            self.extraFields = extraFields
        }
    }

    /// The idempotency key (`shopify-order-{id}`).
    public var externalID: ExternalID
    /// The customer's internal id (`entity`).
    public var customerID: String
    /// The subsidiary's internal id.
    public var subsidiaryID: String
    /// The fulfilling location's internal id.
    public var locationID: String?
    /// The currency's internal id; NetSuite uses the customer's when absent.
    public var currencyID: String?
    /// `yyyy-MM-dd`.
    public var tranDate: String?
    /// Shipping charged, exact.
    public var shippingCost: Decimal?
    /// The item lines.
    public var lines: [Line]
    /// Any further body fields (`memo`, `otherRefNum`, custom fields), set as given.
    public var extraFields: [String: JSONValue]

    /// An order; optional fields left nil are not sent.
    public init(
        externalID: ExternalID, customerID: String, subsidiaryID: String, locationID: String? = nil, currencyID: String? = nil,
        tranDate: String? = nil, shippingCost: Decimal? = nil, lines: [Line] = [], extraFields: [String: JSONValue] = [:]
    ) {
        self.externalID = externalID
        self.customerID = customerID
        self.subsidiaryID = subsidiaryID
        self.locationID = locationID
        self.currencyID = currencyID
        self.tranDate = tranDate
        self.shippingCost = shippingCost
        self.lines = lines
        self.extraFields = extraFields
    }

    /// The REST body.
    public var json: JSONValue {
        var body = extraFields
        body["externalId"] = .string(externalID.rawValue)
        body["entity"] = .reference(customerID)
        body["subsidiary"] = .reference(subsidiaryID)
        body["location"] = locationID.map(JSONValue.reference)
        body["currency"] = currencyID.map(JSONValue.reference)
        body["tranDate"] = tranDate.map(JSONValue.string)
        body["shippingCost"] = shippingCost.map(JSONValue.number)
        let items: [JSONValue] = lines.map { line in
            var fields = line.extraFields
            fields["item"] = .reference(line.itemID)
            fields["quantity"] = .number(line.quantity)
            fields["rate"] = line.rate.map(JSONValue.number)
            fields["amount"] = line.amount.map(JSONValue.number)
            return .object(fields)
        }
        body["item"] = ["items": .array(items)]
        return .object(body)
    }
}
