import PluginKit

/// A fulfillment order of an order: the unit Shopify fulfills from one location.
public struct ShopifyFulfillmentOrder: Sendable, Equatable, Decodable {
    /// The fulfillment order's global id.
    public let id: String
    /// OPEN, IN_PROGRESS, CLOSED, ...
    public let status: String
    /// Its line items (up to the page size asked for).
    public let lineItems: [LineItem]

    /// One line of a fulfillment order.
    public struct LineItem: Sendable, Equatable, Decodable {
        /// The fulfillment order line item's global id (what `fulfillmentCreate` takes).
        public let id: String
        /// The SKU.
        public let sku: String?
        /// Units still to fulfill.
        public let remainingQuantity: Int
        /// Units on the line.
        public let totalQuantity: Int
    }

    private enum CodingKeys: String, CodingKey { case id, status, lineItems }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(String.self, forKey: .status)
        lineItems = try container.decode(ShopifyNodes<LineItem>.self, forKey: .lineItems).nodes
    }
}

struct FulfillmentOrdersOfOrderQuery: ShopifyOperation {
    static let name = "fulfillmentOrdersOfOrder"
    let document = """
        query fulfillmentOrdersOfOrder($id: ID!, $first: Int!, $lines: Int!) {
          order(id: $id) {
            id
            fulfillmentOrders(first: $first) {
              nodes {
                id status
                lineItems(first: $lines) { nodes { id sku remainingQuantity totalQuantity } }
              }
            }
          }
        }
        """
    struct Variables: Encodable, Sendable {
        let id: String
        let first: Int
        let lines: Int
    }
    let variables: Variables
    var estimatedCost: Double { Double(variables.first) * (Double(variables.lines) + 1) + 2 }
    var costKey: String { "\(Self.name)/\(variables.first)/\(variables.lines)" }

    struct Order: Decodable, Sendable { let fulfillmentOrders: ShopifyNodes<ShopifyFulfillmentOrder> }
    struct Result: Decodable, Sendable { let order: Order? }
}

/// Units of one fulfillment order line to ship.
public struct ShopifyFulfillmentLine: Sendable, Equatable, Encodable {
    /// The fulfillment order line item's global id.
    public let id: String
    /// Units shipped.
    public let quantity: Int

    /// Creates a line.
    public init(id: String, quantity: Int) {
        self.id = id
        self.quantity = quantity
    }
}

/// Tracking information for a shipment.
public struct ShopifyTracking: Sendable, Equatable, Codable {
    /// The carrier, e.g. `UPS`.
    public let company: String?
    /// The tracking number.
    public let number: String?
    /// The tracking URL.
    public let url: String?

    /// Creates tracking information.
    public init(company: String?, number: String?, url: String? = nil) {
        self.company = company
        self.number = number
        self.url = url
    }
}

/// A fulfillment Shopify created.
public struct ShopifyFulfillment: Sendable, Equatable, Decodable {
    /// The fulfillment's global id.
    public let id: String
    /// SUCCESS, CANCELLED, ...
    public let status: String
    /// The tracking information Shopify stored.
    public let trackingInfo: [ShopifyTracking]
}

struct FulfillmentCreateMutation: ShopifyOperation {
    static let name = "fulfillmentCreate"
    let document = """
        mutation fulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
          fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
            fulfillment { id status trackingInfo { company number url } }
            userErrors { field message }
          }
        }
        """
    struct LineItemsByFulfillmentOrder: Encodable, Sendable {
        let fulfillmentOrderId: String
        let fulfillmentOrderLineItems: [ShopifyFulfillmentLine]
    }
    struct Input: Encodable, Sendable {
        let lineItemsByFulfillmentOrder: [LineItemsByFulfillmentOrder]
        let notifyCustomer: Bool
        let trackingInfo: ShopifyTracking?
    }
    struct Variables: Encodable, Sendable {
        let fulfillment: Input
        let message: String?
    }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Payload: Decodable, Sendable {
        let fulfillment: ShopifyFulfillment?
        let userErrors: [ShopifyUserError]
    }
    struct Result: Decodable, Sendable { let fulfillmentCreate: Payload? }
}

extension ShopifyAdminClient {
    /// The fulfillment orders of an order (by the order's global id), with their lines.
    /// Throws a permanent error when the order does not exist.
    public func fulfillmentOrders(orderID: String, maximumOrders: Int = 10, linesPerOrder: Int = 50) async throws -> [ShopifyFulfillmentOrder] {
        let variables = FulfillmentOrdersOfOrderQuery.Variables(
            id: orderID, first: min(max(maximumOrders, 1), 250), lines: min(max(linesPerOrder, 1), 250))
        guard let order = try await execute(FulfillmentOrdersOfOrderQuery(variables: variables)).order else {
            throw ShopifyError(failureClass: .permanent, code: "shopify_order_not_found", message: "no order \(orderID) in the shop")
        }
        return order.fulfillmentOrders.nodes
    }

    /// Fulfills lines of one fulfillment order with tracking. User errors are thrown as a
    /// permanent ``ShopifyError``.
    public func createFulfillment(
        fulfillmentOrderID: String,
        lines: [ShopifyFulfillmentLine],
        tracking: ShopifyTracking?,
        notifyCustomer: Bool = false,
        message: String? = nil
    ) async throws -> ShopifyFulfillment {
        let input = FulfillmentCreateMutation.Input(
            lineItemsByFulfillmentOrder: [.init(fulfillmentOrderId: fulfillmentOrderID, fulfillmentOrderLineItems: lines)],
            notifyCustomer: notifyCustomer,
            trackingInfo: tracking)
        let result = try await execute(FulfillmentCreateMutation(variables: .init(fulfillment: input, message: message)))
        guard let payload = result.fulfillmentCreate else {
            throw ShopifyError.malformedResponse(detail: "fulfillmentCreate returned no payload")
        }
        guard payload.userErrors.isEmpty else {
            throw ShopifyError.userErrors(payload.userErrors, operation: FulfillmentCreateMutation.name)
        }
        guard let fulfillment = payload.fulfillment else {
            throw ShopifyError.malformedResponse(detail: "fulfillmentCreate returned neither a fulfillment nor user errors")
        }
        return fulfillment
    }
}
