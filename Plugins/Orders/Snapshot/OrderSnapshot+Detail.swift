import Foundation
import PluginKit
import RecordMapping
import Shopify

extension OrderSnapshot {
    /// The snapshot of an order fetched through the Admin GraphQL API (the reconciliation
    /// path). The gift-card amount is filled from the order's own transactions. It maps to
    /// the same sales order as the webhook's REST order of the same version: discount codes
    /// (the memo), gift-card lines, the date (`processedAt`) and the statuses in their REST
    /// spelling (see ``restFulfillmentStatus(_:)``), so edits and cancellations are judged alike.
    /// - Throws: ``OrderMappingError`` when the order's or its customer's REST id is not a number.
    public init(detail: ShopifyOrderDetail) throws {
        guard let id = Int64(detail.legacyResourceId) else {
            throw OrderMappingError(code: "order_invalid_id", message: "Shopify order \(detail.name) has no numeric id")
        }
        func amount(_ bag: ShopifyMoneyBag) -> OrderAmount {
            OrderAmount(shop: bag.shopMoney.amount, presentment: bag.presentmentMoney.amount)
        }
        let lines = detail.lineItems.map { line in
            Line(id: ShopifyGID.legacyID(of: line.id), sku: line.sku, title: line.title ?? line.sku ?? line.id, quantity: line.quantity,
                 unitPrice: amount(line.originalUnitPriceSet),
                 discountAllocations: line.discountAllocations.map { amount($0.allocatedAmountSet) },
                 taxes: line.taxLines.map { amount($0.priceSet) }, isGiftCard: line.isGiftCard)
        }
        let shipping = detail.shippingLines.map { line in
            ShippingLine(title: line.title, code: line.code, price: amount(line.originalPriceSet),
                         discountAllocations: line.discountAllocations.map { amount($0.allocatedAmountSet) },
                         taxes: line.taxLines.map { amount($0.priceSet) })
        }
        var customer: CustomerSnapshot?
        if let buyer = detail.customer {
            // Never book a known buyer on the guest customer because its id is unreadable.
            guard let customerID = Int64(buyer.legacyResourceId) else {
                throw OrderMappingError(code: "order_invalid_customer_id", message: "Shopify order \(detail.name) has a customer without a numeric id")
            }
            customer = CustomerSnapshot(id: customerID, email: buyer.email, firstName: buyer.firstName, lastName: buyer.lastName,
                                        phone: buyer.phone, companyName: nil, updatedAt: buyer.updatedAt)
        }
        let giftCard = detail.giftCardPayments
        self.init(id: id, name: detail.name, createdAt: detail.processedAt ?? detail.createdAt, updatedAt: detail.updatedAt,
                  cancelledAt: detail.cancelledAt, financialStatus: detail.displayFinancialStatus,
                  fulfillmentStatus: Self.restFulfillmentStatus(detail.displayFulfillmentStatus),
                  shopCurrency: detail.currencyCode, presentmentCurrency: detail.presentmentCurrencyCode,
                  taxesIncluded: detail.taxesIncluded, lines: lines, shippingLines: shipping, totalPrice: amount(detail.totalPriceSet),
                  discountCodes: detail.discountCodes, paymentGatewayNames: detail.paymentGatewayNames, customer: customer,
                  giftCardAmount: OrderAmount(shop: giftCard.shopAmount.amount, presentment: giftCard.presentmentAmount.amount))
    }

    /// GraphQL's `displayFulfillmentStatus` in the REST order's `fulfillment_status` spelling:
    /// nil while nothing shipped (UNFULFILLED, OPEN, SCHEDULED, ON_HOLD, IN_PROGRESS,
    /// PENDING_FULFILLMENT), `partial`, `fulfilled` or `restocked`.
    static func restFulfillmentStatus(_ display: String) -> String? {
        switch display.uppercased() {
        case "FULFILLED": "fulfilled"
        case "PARTIALLY_FULFILLED": "partial"
        case "RESTOCKED": "restocked"
        default: nil
        }
    }
}
