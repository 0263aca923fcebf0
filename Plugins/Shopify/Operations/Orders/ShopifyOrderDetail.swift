import Foundation
import PluginKit

/// A whole order as the Admin GraphQL API states it: everything the orders flow needs to
/// build a sales order when it has no webhook payload (the reconciliation poll).
///
/// Amounts are Shopify's own, in both currencies (`ShopifyMoneyBag`), never recomputed.
public struct ShopifyOrderDetail: Sendable, Equatable, Decodable {
    /// The order's global id.
    public let id: String
    /// The REST id (the id webhooks carry).
    public let legacyResourceId: String
    /// The order name, e.g. `#1001`.
    public let name: String
    /// When the order was created.
    public let createdAt: Date
    /// When the order was placed (differs from `createdAt` for imported orders): the sales
    /// order's date, as the webhook path takes `processed_at`.
    public let processedAt: Date?
    /// When the order last changed: the key of "stale updates lose".
    public let updatedAt: Date
    /// When the order was cancelled, if it was.
    public let cancelledAt: Date?
    /// The shop currency of the order (`shopMoney`).
    public let currencyCode: String
    /// The currency the customer paid in (`presentmentMoney`).
    public let presentmentCurrencyCode: String
    /// Whether prices include tax.
    public let taxesIncluded: Bool
    /// PAID, PARTIALLY_PAID, PARTIALLY_REFUNDED, ... (nil for some draft-like orders).
    public let displayFinancialStatus: String?
    /// FULFILLED, UNFULFILLED, ...
    public let displayFulfillmentStatus: String
    /// The gateways that took payments, e.g. `["gift_card", "shopify_payments"]`.
    public let paymentGatewayNames: [String]
    /// The discount codes applied to the order (the webhook's `discount_codes[].code`).
    public let discountCodes: [String]
    /// The order total after discounts, with shipping and tax.
    public let totalPriceSet: ShopifyMoneyBag
    /// The line items' total after discounts, before shipping and tax.
    public let subtotalPriceSet: ShopifyMoneyBag?
    /// The total tax.
    public let totalTaxSet: ShopifyMoneyBag?
    /// The total of all discounts.
    public let totalDiscountsSet: ShopifyMoneyBag?
    /// The customer; nil for a guest checkout.
    public let customer: Customer?
    /// Every line item (`order(id:)` reads all pages).
    public internal(set) var lineItems: [LineItem]
    /// Every shipping charge (`order(id:)` reads all pages).
    public internal(set) var shippingLines: [ShippingLine]
    /// The payment transactions (authorizations, captures, sales, refunds ...).
    public let transactions: [Transaction]

    /// The order's customer.
    public struct Customer: Sendable, Equatable, Decodable {
        /// The customer's REST id.
        public let legacyResourceId: String
        /// Email, when the customer has one.
        public let email: String?
        /// Given name.
        public let firstName: String?
        /// Family name.
        public let lastName: String?
        /// Phone number.
        public let phone: String?
        /// When the customer last changed.
        public let updatedAt: Date?
    }

    /// One line item.
    public struct LineItem: Sendable, Equatable, Decodable {
        /// The line item's global id.
        public let id: String
        /// The product title at the time of the order.
        public let title: String?
        /// The variant's SKU; nil or empty for custom lines.
        public let sku: String?
        /// Units ordered.
        public let quantity: Int
        /// Unit price before discounts.
        public let originalUnitPriceSet: ShopifyMoneyBag
        /// The line's share of every discount, order-level codes included.
        public let discountAllocations: [DiscountAllocation]
        /// The line's tax amounts, one per rate.
        public let taxLines: [TaxLine]
        /// Whether the line sells a gift card (the webhook's `gift_card`).
        public let isGiftCard: Bool

        private enum CodingKeys: String, CodingKey {
            case id, title, sku, quantity, originalUnitPriceSet, discountAllocations, taxLines, isGiftCard
        }

        /// Decodes the GraphQL shape; `isGiftCard` defaults to false when the selection left it out.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            sku = try container.decodeIfPresent(String.self, forKey: .sku)
            quantity = try container.decode(Int.self, forKey: .quantity)
            originalUnitPriceSet = try container.decode(ShopifyMoneyBag.self, forKey: .originalUnitPriceSet)
            discountAllocations = try container.decode([DiscountAllocation].self, forKey: .discountAllocations)
            taxLines = try container.decode([TaxLine].self, forKey: .taxLines)
            isGiftCard = try container.decodeIfPresent(Bool.self, forKey: .isGiftCard) ?? false
        }
    }

    /// One shipping charge.
    public struct ShippingLine: Sendable, Equatable, Decodable {
        /// The rate's title shown at checkout.
        public let title: String
        /// The rate's code, when it has one.
        public let code: String?
        /// Price before shipping discounts.
        public let originalPriceSet: ShopifyMoneyBag
        /// Shipping discounts on this line.
        public let discountAllocations: [DiscountAllocation]
        /// Tax on shipping, one per rate.
        public let taxLines: [TaxLine]
    }

    /// A discount's share of a line.
    public struct DiscountAllocation: Sendable, Equatable, Decodable {
        /// The amount allocated to the line.
        public let allocatedAmountSet: ShopifyMoneyBag
    }

    /// One tax amount.
    public struct TaxLine: Sendable, Equatable, Decodable {
        /// The tax's name, e.g. `State Tax`.
        public let title: String?
        /// The rate as a fraction (0.08), for information only: amounts are never derived from it.
        public let rate: Decimal?
        /// The tax amount.
        public let priceSet: ShopifyMoneyBag
    }

    /// One payment transaction.
    public struct Transaction: Sendable, Equatable, Decodable {
        /// AUTHORIZATION, CAPTURE, SALE, REFUND, VOID, CHANGE, ...
        public let kind: String
        /// SUCCESS, PENDING, FAILURE, ERROR, AWAITING_RESPONSE, UNKNOWN.
        public let status: String
        /// The gateway, e.g. `gift_card`, `shopify_payments`, `manual`.
        public let gateway: String?
        /// The amount in both currencies.
        public let amountSet: ShopifyMoneyBag

        /// Whether this transaction took money: a successful SALE or CAPTURE. Authorizations
        /// are left out because their capture counts them.
        public var isSuccessfulPayment: Bool {
            status == "SUCCESS" && (kind == "SALE" || kind == "CAPTURE")
        }
    }

    /// What gift cards paid on the order, from its transactions.
    public var giftCardPayments: ShopifyGiftCardPayments {
        ShopifyGiftCardPayments(transactions: transactions, currencyCode: currencyCode, presentmentCurrencyCode: presentmentCurrencyCode)
    }

    private enum CodingKeys: String, CodingKey {
        case id, legacyResourceId, name, createdAt, processedAt, updatedAt, cancelledAt, currencyCode, presentmentCurrencyCode
        case taxesIncluded, displayFinancialStatus, displayFulfillmentStatus, paymentGatewayNames, discountCodes
        case totalPriceSet, subtotalPriceSet, totalTaxSet, totalDiscountsSet, customer, lineItems, shippingLines, transactions
    }

    /// Decodes the GraphQL shape, flattening the `nodes` of the line and shipping connections.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        legacyResourceId = try container.decode(String.self, forKey: .legacyResourceId)
        name = try container.decode(String.self, forKey: .name)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        processedAt = try container.decodeIfPresent(Date.self, forKey: .processedAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        cancelledAt = try container.decodeIfPresent(Date.self, forKey: .cancelledAt)
        currencyCode = try container.decode(String.self, forKey: .currencyCode)
        presentmentCurrencyCode = try container.decode(String.self, forKey: .presentmentCurrencyCode)
        taxesIncluded = try container.decode(Bool.self, forKey: .taxesIncluded)
        displayFinancialStatus = try container.decodeIfPresent(String.self, forKey: .displayFinancialStatus)
        displayFulfillmentStatus = try container.decode(String.self, forKey: .displayFulfillmentStatus)
        paymentGatewayNames = try container.decodeIfPresent([String].self, forKey: .paymentGatewayNames) ?? []
        discountCodes = try container.decodeIfPresent([String].self, forKey: .discountCodes) ?? []
        totalPriceSet = try container.decode(ShopifyMoneyBag.self, forKey: .totalPriceSet)
        subtotalPriceSet = try container.decodeIfPresent(ShopifyMoneyBag.self, forKey: .subtotalPriceSet)
        totalTaxSet = try container.decodeIfPresent(ShopifyMoneyBag.self, forKey: .totalTaxSet)
        totalDiscountsSet = try container.decodeIfPresent(ShopifyMoneyBag.self, forKey: .totalDiscountsSet)
        customer = try container.decodeIfPresent(Customer.self, forKey: .customer)
        lineItems = try container.decode(ShopifyNodes<LineItem>.self, forKey: .lineItems).nodes
        shippingLines = try container.decode(ShopifyNodes<ShippingLine>.self, forKey: .shippingLines).nodes
        transactions = try container.decodeIfPresent([Transaction].self, forKey: .transactions) ?? []
    }
}

/// What gift cards paid on one order: the successful SALE and CAPTURE transactions of the
/// `gift_card` gateway, summed in both currencies.
///
/// The `orders/*` webhook payload names the `gift_card` gateway but not the amount, so the
/// orders flow asks for this when `payment_gateway_names` contains `gift_card`.
public struct ShopifyGiftCardPayments: Sendable, Equatable {
    /// The amount redeemed, in the shop currency.
    public let shopAmount: Money
    /// The amount redeemed, in the presentment currency.
    public let presentmentAmount: Money
    /// How many gift-card transactions were summed.
    public let transactionCount: Int

    /// The sum of the given transactions' successful gift-card payments.
    public init(transactions: [ShopifyOrderDetail.Transaction], currencyCode: String, presentmentCurrencyCode: String) {
        let payments = transactions.filter { $0.isSuccessfulPayment && $0.gateway == "gift_card" }
        shopAmount = Money(amount: payments.reduce(Decimal(0)) { $0 + $1.amountSet.shopMoney.amount }, currencyCode: currencyCode)
        presentmentAmount = Money(
            amount: payments.reduce(Decimal(0)) { $0 + $1.amountSet.presentmentMoney.amount }, currencyCode: presentmentCurrencyCode)
        transactionCount = payments.count
    }
}

/// The selections of one line item and one shipping line, shared by the first query and the
/// follow-up pages.
private enum OrderDetailSelections {
    static let lineItem = """
        id title sku quantity isGiftCard originalUnitPriceSet { ...bag }
        discountAllocations { allocatedAmountSet { ...bag } }
        taxLines { title rate priceSet { ...bag } }
        """
    static let shippingLine = """
        title code originalPriceSet { ...bag }
        discountAllocations { allocatedAmountSet { ...bag } }
        taxLines { title rate priceSet { ...bag } }
        """
    static let bag = "fragment bag on MoneyBag { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }"
    // Shopify charges a connection by its page size times a node's cost (about 11 points per
    // line with its money bags, allocations and taxes), and refuses a query over 1000 points:
    // 50 lines and 5 shipping lines keep the first query near 630 points.
    static let lineItemsPageSize = 50
    static let shippingLinesPageSize = 5
}

struct OrderDetailQuery: ShopifyOperation {
    static let name = "orderDetail"
    let document = """
        query orderDetail($id: ID!) {
          order(id: $id) {
            id legacyResourceId name createdAt processedAt updatedAt cancelledAt currencyCode presentmentCurrencyCode taxesIncluded
            displayFinancialStatus displayFulfillmentStatus paymentGatewayNames discountCodes
            totalPriceSet { ...bag } subtotalPriceSet { ...bag } totalTaxSet { ...bag } totalDiscountsSet { ...bag }
            customer { legacyResourceId email firstName lastName phone updatedAt }
            lineItems(first: \(OrderDetailSelections.lineItemsPageSize)) {
              nodes { \(OrderDetailSelections.lineItem) }
              pageInfo { hasNextPage endCursor }
            }
            shippingLines(first: \(OrderDetailSelections.shippingLinesPageSize)) {
              nodes { \(OrderDetailSelections.shippingLine) }
              pageInfo { hasNextPage endCursor }
            }
            transactions { kind status gateway amountSet { ...bag } }
          }
        }
        \(OrderDetailSelections.bag)
        """
    struct Variables: Encodable, Sendable { let id: String }
    let variables: Variables
    let estimatedCost: Double = 640

    /// The order and where its line and shipping connections stopped.
    struct Answer: Decodable, Sendable {
        let detail: ShopifyOrderDetail
        let lineItemsPage: ShopifyPageInfo
        let shippingLinesPage: ShopifyPageInfo

        private enum CodingKeys: String, CodingKey { case lineItems, shippingLines }
        private enum ConnectionKeys: String, CodingKey { case pageInfo }

        init(from decoder: any Decoder) throws {
            detail = try ShopifyOrderDetail(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lineItemsPage = try container.nestedContainer(keyedBy: ConnectionKeys.self, forKey: .lineItems)
                .decode(ShopifyPageInfo.self, forKey: .pageInfo)
            shippingLinesPage = try container.nestedContainer(keyedBy: ConnectionKeys.self, forKey: .shippingLines)
                .decode(ShopifyPageInfo.self, forKey: .pageInfo)
        }
    }
    struct Result: Decodable, Sendable { let order: Answer? }
}

struct OrderLineItemsPageQuery: ShopifyOperation {
    static let name = "orderLineItemsPage"
    let document = """
        query orderLineItemsPage($id: ID!, $after: String) {
          order(id: $id) {
            lineItems(first: \(OrderDetailSelections.lineItemsPageSize), after: $after) {
              nodes { \(OrderDetailSelections.lineItem) }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        \(OrderDetailSelections.bag)
        """
    struct Variables: Encodable, Sendable {
        let id: String
        let after: String
    }
    let variables: Variables
    let estimatedCost: Double = 560

    struct Order: Decodable, Sendable { let lineItems: ShopifyPage<ShopifyOrderDetail.LineItem> }
    struct Result: Decodable, Sendable { let order: Order? }
}

struct OrderShippingLinesPageQuery: ShopifyOperation {
    static let name = "orderShippingLinesPage"
    let document = """
        query orderShippingLinesPage($id: ID!, $after: String) {
          order(id: $id) {
            shippingLines(first: \(OrderDetailSelections.shippingLinesPageSize), after: $after) {
              nodes { \(OrderDetailSelections.shippingLine) }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        \(OrderDetailSelections.bag)
        """
    struct Variables: Encodable, Sendable {
        let id: String
        let after: String
    }
    let variables: Variables
    let estimatedCost: Double = 60

    struct Order: Decodable, Sendable { let shippingLines: ShopifyPage<ShopifyOrderDetail.ShippingLine> }
    struct Result: Decodable, Sendable { let order: Order? }
}

struct OrderGiftCardQuery: ShopifyOperation {
    static let name = "orderGiftCardPayments"
    let document = """
        query orderGiftCardPayments($id: ID!) {
          order(id: $id) {
            currencyCode presentmentCurrencyCode
            transactions {
              kind status gateway
              amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
            }
          }
        }
        """
    struct Variables: Encodable, Sendable { let id: String }
    let variables: Variables
    let estimatedCost: Double = 3

    struct Order: Decodable, Sendable {
        let currencyCode: String
        let presentmentCurrencyCode: String
        let transactions: [ShopifyOrderDetail.Transaction]
    }
    struct Result: Decodable, Sendable { let order: Order? }
}

extension ShopifyAdminClient {
    /// The whole order with this REST id, or nil when the shop has no such order (or it
    /// disappeared while its pages were read).
    ///
    /// One query of about 630 points for orders of up to 50 lines and 5 shipping lines; longer
    /// orders take one more query per further page, so no line is ever left out.
    public func order(id: Int64) async throws -> ShopifyOrderDetail? {
        let gid = ShopifyGID.make("Order", id)
        guard let answer = try await execute(OrderDetailQuery(variables: .init(id: gid))).order else { return nil }
        var order = answer.detail
        var page = answer.lineItemsPage
        while page.hasNextPage, let cursor = page.endCursor {
            guard let next = try await execute(OrderLineItemsPageQuery(variables: .init(id: gid, after: cursor))).order else { return nil }
            order.lineItems += next.lineItems.nodes
            // A cursor that does not move would loop forever; Shopify's always moves.
            guard next.lineItems.pageInfo.endCursor != cursor else { break }
            page = next.lineItems.pageInfo
        }
        page = answer.shippingLinesPage
        while page.hasNextPage, let cursor = page.endCursor {
            guard let next = try await execute(OrderShippingLinesPageQuery(variables: .init(id: gid, after: cursor))).order else { return nil }
            order.shippingLines += next.shippingLines.nodes
            guard next.shippingLines.pageInfo.endCursor != cursor else { break }
            page = next.shippingLines.pageInfo
        }
        return order
    }

    /// What gift cards paid on the order with this REST id (successful SALE and CAPTURE
    /// transactions of the `gift_card` gateway), or nil when the shop has no such order.
    /// A small query for the webhook path, whose payload lacks the amount.
    public func giftCardPayments(orderID: Int64) async throws -> ShopifyGiftCardPayments? {
        guard let order = try await execute(OrderGiftCardQuery(variables: .init(id: ShopifyGID.make("Order", orderID)))).order else {
            return nil
        }
        return ShopifyGiftCardPayments(
            transactions: order.transactions, currencyCode: order.currencyCode, presentmentCurrencyCode: order.presentmentCurrencyCode)
    }
}
