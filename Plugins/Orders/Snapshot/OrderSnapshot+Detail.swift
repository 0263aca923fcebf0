import Foundation
import PluginKit
import RecordMapping
import Shopify

extension OrderSnapshot {
    /// The snapshot of an order fetched through the Admin GraphQL API (the reconciliation
    /// path). The gift-card amount is filled from the order's own transactions. GraphQL
    /// statuses (`PARTIALLY_REFUNDED`, `PARTIALLY_FULFILLED`) are kept lowercased. The
    /// GraphQL order carries no discount codes, so its memo names none.
    /// - Throws: ``OrderMappingError`` when the order's REST id is not a number.
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
                 taxes: line.taxLines.map { amount($0.priceSet) })
        }
        let shipping = detail.shippingLines.map { line in
            ShippingLine(title: line.title, code: line.code, price: amount(line.originalPriceSet),
                         discountAllocations: line.discountAllocations.map { amount($0.allocatedAmountSet) },
                         taxes: line.taxLines.map { amount($0.priceSet) })
        }
        let customer = detail.customer.flatMap { customer in
            Int64(customer.legacyResourceId).map {
                CustomerSnapshot(id: $0, email: customer.email, firstName: customer.firstName, lastName: customer.lastName,
                                 phone: customer.phone, companyName: nil, updatedAt: customer.updatedAt)
            }
        }
        let giftCard = detail.giftCardPayments
        self.init(id: id, name: detail.name, createdAt: detail.createdAt, updatedAt: detail.updatedAt, cancelledAt: detail.cancelledAt,
                  financialStatus: detail.displayFinancialStatus, fulfillmentStatus: detail.displayFulfillmentStatus,
                  shopCurrency: detail.currencyCode, presentmentCurrency: detail.presentmentCurrencyCode,
                  taxesIncluded: detail.taxesIncluded, lines: lines, shippingLines: shipping, totalPrice: amount(detail.totalPriceSet),
                  discountCodes: [], paymentGatewayNames: detail.paymentGatewayNames, customer: customer,
                  giftCardAmount: OrderAmount(shop: giftCard.shopAmount.amount, presentment: giftCard.presentmentAmount.amount))
    }
}
