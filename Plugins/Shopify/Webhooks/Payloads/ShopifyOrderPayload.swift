import Foundation
import PluginKit

/// The REST order of `orders/create`, `orders/updated`, `orders/cancelled` ... webhooks.
///
/// Money is kept exact: plain amounts (`total_price`) are in the shop currency `currency`,
/// `*_set` fields carry both the shop and the presentment currency. Unknown fields are ignored.
/// Properties are Shopify's REST fields, named in camel case (`order_id` is `orderId`).
public struct ShopifyOrderPayload: Sendable, Decodable {
    public let id: Int64
    /// `#1001`.
    public let name: String
    public let orderNumber: Int?
    public let email: String?
    /// The shop currency: the currency of every plain amount.
    public let currency: String
    /// The currency the customer paid in.
    public let presentmentCurrency: String?
    public let totalPrice: ShopifyAmount
    public let subtotalPrice: ShopifyAmount?
    public let totalTax: ShopifyAmount?
    public let totalDiscounts: ShopifyAmount?
    public let totalPriceSet: ShopifyPriceSet?
    public let taxesIncluded: Bool?
    /// pending, authorized, partially_paid, paid, partially_refunded, refunded, voided.
    public let financialStatus: String?
    public let fulfillmentStatus: String?
    public let lineItems: [LineItem]
    public let shippingLines: [ShippingLine]
    public let discountCodes: [DiscountCode]
    public let taxLines: [ShopifyTaxLine]
    public let customer: ShopifyCustomerPayload?
    public let billingAddress: ShopifyAddress?
    public let shippingAddress: ShopifyAddress?
    /// E.g. `["shopify_payments"]`, `["gift_card"]`.
    public let paymentGatewayNames: [String]
    public let createdAt: Date?
    public let processedAt: Date?
    /// The key of "stale updates lose".
    public let updatedAt: Date
    public let cancelledAt: Date?
    public let cancelReason: String?

    /// The order total in the shop currency.
    public var total: Money { totalPrice.money(currency) }
    /// The subtotal (lines after discounts, before shipping and tax) in the shop currency.
    public var subtotal: Money? { subtotalPrice?.money(currency) }
    /// The total tax in the shop currency.
    public var tax: Money? { totalTax?.money(currency) }
    /// The total discounts in the shop currency.
    public var discounts: Money? { totalDiscounts?.money(currency) }

    /// One line of the order.
    public struct LineItem: Sendable, Decodable {
        public let id: Int64
        public let variantId: Int64?
        public let productId: Int64?
        public let sku: String?
        public let title: String
        public let quantity: Int
        /// Unit price before discounts, shop currency.
        public let price: ShopifyAmount
        public let priceSet: ShopifyPriceSet?
        public let taxLines: [ShopifyTaxLine]
        public let discountAllocations: [DiscountAllocation]

        private enum CodingKeys: String, CodingKey {
            case id, variantId = "variant_id", productId = "product_id", sku, title, quantity, price
            case priceSet = "price_set", taxLines = "tax_lines", discountAllocations = "discount_allocations"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(Int64.self, forKey: .id)
            variantId = try c.decodeIfPresent(Int64.self, forKey: .variantId)
            productId = try c.decodeIfPresent(Int64.self, forKey: .productId)
            sku = try c.decodeIfPresent(String.self, forKey: .sku)
            title = try c.decode(String.self, forKey: .title)
            quantity = try c.decode(Int.self, forKey: .quantity)
            price = try c.decode(ShopifyAmount.self, forKey: .price)
            priceSet = try c.decodeIfPresent(ShopifyPriceSet.self, forKey: .priceSet)
            taxLines = try c.decodeIfPresent([ShopifyTaxLine].self, forKey: .taxLines) ?? []
            discountAllocations = try c.decodeIfPresent([DiscountAllocation].self, forKey: .discountAllocations) ?? []
        }
    }

    /// The part of a discount that falls on one line.
    public struct DiscountAllocation: Sendable, Decodable {
        public let amount: ShopifyAmount
        public let amountSet: ShopifyPriceSet?
        public let discountApplicationIndex: Int?

        private enum CodingKeys: String, CodingKey {
            case amount, amountSet = "amount_set", discountApplicationIndex = "discount_application_index"
        }
    }

    /// A shipping charge.
    public struct ShippingLine: Sendable, Decodable {
        public let title: String
        public let price: ShopifyAmount
        public let priceSet: ShopifyPriceSet?
        public let taxLines: [ShopifyTaxLine]

        private enum CodingKeys: String, CodingKey { case title, price, priceSet = "price_set", taxLines = "tax_lines" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title)
            price = try c.decode(ShopifyAmount.self, forKey: .price)
            priceSet = try c.decodeIfPresent(ShopifyPriceSet.self, forKey: .priceSet)
            taxLines = try c.decodeIfPresent([ShopifyTaxLine].self, forKey: .taxLines) ?? []
        }
    }

    /// A discount code used on the order.
    public struct DiscountCode: Sendable, Decodable {
        public let code: String
        public let amount: ShopifyAmount
        /// fixed_amount, percentage, shipping.
        public let type: String?
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, orderNumber = "order_number", email, currency, presentmentCurrency = "presentment_currency"
        case totalPrice = "total_price", subtotalPrice = "subtotal_price", totalTax = "total_tax"
        case totalDiscounts = "total_discounts", totalPriceSet = "total_price_set", taxesIncluded = "taxes_included"
        case financialStatus = "financial_status", fulfillmentStatus = "fulfillment_status", lineItems = "line_items"
        case shippingLines = "shipping_lines", discountCodes = "discount_codes", taxLines = "tax_lines", customer
        case billingAddress = "billing_address", shippingAddress = "shipping_address"
        case paymentGatewayNames = "payment_gateway_names", createdAt = "created_at", processedAt = "processed_at"
        case updatedAt = "updated_at", cancelledAt = "cancelled_at", cancelReason = "cancel_reason"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        orderNumber = try c.decodeIfPresent(Int.self, forKey: .orderNumber)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        currency = try c.decode(String.self, forKey: .currency)
        presentmentCurrency = try c.decodeIfPresent(String.self, forKey: .presentmentCurrency)
        totalPrice = try c.decode(ShopifyAmount.self, forKey: .totalPrice)
        subtotalPrice = try c.decodeIfPresent(ShopifyAmount.self, forKey: .subtotalPrice)
        totalTax = try c.decodeIfPresent(ShopifyAmount.self, forKey: .totalTax)
        totalDiscounts = try c.decodeIfPresent(ShopifyAmount.self, forKey: .totalDiscounts)
        totalPriceSet = try c.decodeIfPresent(ShopifyPriceSet.self, forKey: .totalPriceSet)
        taxesIncluded = try c.decodeIfPresent(Bool.self, forKey: .taxesIncluded)
        financialStatus = try c.decodeIfPresent(String.self, forKey: .financialStatus)
        fulfillmentStatus = try c.decodeIfPresent(String.self, forKey: .fulfillmentStatus)
        lineItems = try c.decodeIfPresent([LineItem].self, forKey: .lineItems) ?? []
        shippingLines = try c.decodeIfPresent([ShippingLine].self, forKey: .shippingLines) ?? []
        discountCodes = try c.decodeIfPresent([DiscountCode].self, forKey: .discountCodes) ?? []
        taxLines = try c.decodeIfPresent([ShopifyTaxLine].self, forKey: .taxLines) ?? []
        customer = try c.decodeIfPresent(ShopifyCustomerPayload.self, forKey: .customer)
        billingAddress = try c.decodeIfPresent(ShopifyAddress.self, forKey: .billingAddress)
        shippingAddress = try c.decodeIfPresent(ShopifyAddress.self, forKey: .shippingAddress)
        paymentGatewayNames = try c.decodeIfPresent([String].self, forKey: .paymentGatewayNames) ?? []
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
        processedAt = try c.decodeIfPresent(Date.self, forKey: .processedAt)
        updatedAt = try c.decode(Date.self, forKey: .updatedAt)
        cancelledAt = try c.decodeIfPresent(Date.self, forKey: .cancelledAt)
        cancelReason = try c.decodeIfPresent(String.self, forKey: .cancelReason)
    }
}
