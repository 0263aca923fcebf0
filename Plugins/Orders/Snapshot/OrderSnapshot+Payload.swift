import Foundation
import PluginKit
import RecordMapping
import Shopify

extension OrderSnapshot {
    /// The snapshot of a webhook's REST order. `body` is the same raw payload: it is read a
    /// second time for the fields ``ShopifyOrderPayload`` does not model (a line item's
    /// `gift_card`, a shipping line's `code` and `discount_allocations`).
    public init(payload: ShopifyOrderPayload, body: Data) throws {
        let extras = try ShopifyWebhookPayloads.decode(PayloadExtras.self, from: body)
        let presentment = payload.presentmentCurrency ?? payload.currency
        func amount(_ plain: ShopifyAmount, _ set: ShopifyPriceSet?) -> OrderAmount {
            // Without a `_set`, the presentment amount is known only when both currencies are one.
            OrderAmount(shop: plain.value, presentment: set?.presentmentMoney.amount ?? (presentment == payload.currency ? plain.value : nil))
        }
        let lines = payload.lineItems.enumerated().map { index, line in
            Line(id: line.id, sku: line.sku, title: line.title, quantity: line.quantity,
                 unitPrice: amount(line.price, line.priceSet),
                 discountAllocations: line.discountAllocations.map { amount($0.amount, $0.amountSet) },
                 taxes: line.taxLines.map { amount($0.price, $0.priceSet) },
                 isGiftCard: extras.lineItems.indices.contains(index) && extras.lineItems[index].giftCard)
        }
        let shipping = payload.shippingLines.enumerated().map { index, line in
            let extra = extras.shippingLines.indices.contains(index) ? extras.shippingLines[index] : nil
            return ShippingLine(title: line.title, code: extra?.code, price: amount(line.price, line.priceSet),
                                discountAllocations: extra?.discountAllocations.map { amount($0.amount, $0.amountSet) } ?? [],
                                taxes: line.taxLines.map { amount($0.price, $0.priceSet) })
        }
        self.init(id: payload.id, name: payload.name, createdAt: payload.processedAt ?? payload.createdAt, updatedAt: payload.updatedAt,
                  cancelledAt: payload.cancelledAt, financialStatus: payload.financialStatus, fulfillmentStatus: payload.fulfillmentStatus,
                  shopCurrency: payload.currency, presentmentCurrency: presentment, taxesIncluded: payload.taxesIncluded ?? false,
                  lines: lines, shippingLines: shipping, totalPrice: amount(payload.totalPrice, payload.totalPriceSet),
                  discountCodes: payload.discountCodes.map(\.code), paymentGatewayNames: payload.paymentGatewayNames,
                  customer: payload.customer.map(CustomerSnapshot.init))
    }
}

/// The line and shipping-line fields of a REST order that ``ShopifyOrderPayload`` leaves out.
private struct PayloadExtras: Decodable {
    struct LineItem: Decodable {
        let giftCard: Bool

        private enum CodingKeys: String, CodingKey { case giftCard = "gift_card" }

        init(from decoder: any Decoder) throws {
            giftCard = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Bool.self, forKey: .giftCard) ?? false
        }
    }

    struct Line: Decodable {
        let code: String?
        let discountAllocations: [ShopifyOrderPayload.DiscountAllocation]

        private enum CodingKeys: String, CodingKey { case code, discountAllocations = "discount_allocations" }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeIfPresent(String.self, forKey: .code)
            discountAllocations = try c.decodeIfPresent([ShopifyOrderPayload.DiscountAllocation].self, forKey: .discountAllocations) ?? []
        }
    }

    let lineItems: [LineItem]
    let shippingLines: [Line]

    private enum CodingKeys: String, CodingKey { case lineItems = "line_items", shippingLines = "shipping_lines" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lineItems = try c.decodeIfPresent([LineItem].self, forKey: .lineItems) ?? []
        shippingLines = try c.decodeIfPresent([Line].self, forKey: .shippingLines) ?? []
    }
}
