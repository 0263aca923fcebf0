import Foundation
import NetSuite

/// What the mapper needs besides the order: the ids it already resolved in NetSuite.
public struct SalesOrderMappingInput: Sendable, Equatable {
    /// The sales order's external id (from the tenant's shop and the order id).
    public var externalID: ExternalID
    /// The customer's internal id (the synced customer, or the tenant's guest customer).
    public var customerID: String
    /// The tenant's subsidiary.
    public var subsidiaryID: String
    /// The booking currency's internal id; nil lets NetSuite use the customer's.
    public var currencyID: String?
    /// NetSuite item internal id per SKU: every line SKU that is not a bundle, and every
    /// component of the bundles the order contains.
    public var itemIDs: [String: String]
    /// List price per item internal id, in the booking currency, for spreading bundle prices.
    public var basePrices: [String: Decimal]

    /// The resolved ids for one order.
    public init(externalID: ExternalID, customerID: String, subsidiaryID: String, currencyID: String?,
                itemIDs: [String: String], basePrices: [String: Decimal] = [:]) {
        self.externalID = externalID
        self.customerID = customerID
        self.subsidiaryID = subsidiaryID
        self.currencyID = currencyID
        self.itemIDs = itemIDs
        self.basePrices = basePrices
    }
}

/// A sales order ready to upsert, with the totals it was checked against.
public struct MappedSalesOrder: Sendable, Equatable {
    /// The body to upsert.
    public var record: SalesOrderRecord
    /// The booking currency's code.
    public var currencyCode: String
    /// Shopify's `total_price` in the booking currency.
    public var shopifyTotal: Decimal
    /// Redeemed by gift card (booked as a negative line).
    public var giftCard: Decimal
    /// What NetSuite's total must be: Shopify's total less the gift card.
    public var expectedTotal: Decimal { shopifyTotal - giftCard }
    /// A tolerated difference booked on the variance item; zero when the totals matched.
    public var variance: Decimal
    /// Operator-facing remarks (a booked variance, bundle prices spread by units).
    public var notes: [String]

    /// A mapped order.
    public init(record: SalesOrderRecord, currencyCode: String, shopifyTotal: Decimal, giftCard: Decimal, variance: Decimal, notes: [String]) {
        self.record = record
        self.currencyCode = currencyCode
        self.shopifyTotal = shopifyTotal
        self.giftCard = giftCard
        self.variance = variance
        self.notes = notes
    }

    /// The lines' amounts plus shipping: what NetSuite will compute as the total.
    public var mappedTotal: Decimal {
        record.lines.reduce(record.shippingCost ?? 0) { $0 + ($1.amount ?? 0) }
    }
}
