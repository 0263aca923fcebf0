import Foundation

/// What a simulation played into the shop, so tests and the demo can check what should
/// have synced. Ids are Shopify's numeric ids.
public struct SimulationSummary: Sendable {
    /// Customers created (`customers/create`).
    public var customersCreated: [Int64] = []
    /// Orders placed (`orders/create`), in creation order.
    public var ordersCreated: [Int64] = []
    /// Payments recorded (`order_transactions/create`): gift-card and card parts.
    public var transactionIDs: [Int64] = []
    /// Orders edited with a note or tag change (`orders/updated`).
    public var ordersUpdated: [Int64] = []
    /// Orders cancelled (`orders/cancelled`).
    public var ordersCancelled: [Int64] = []
    /// Orders partially refunded (cancellation refunds are not counted here).
    public var ordersRefunded: [Int64] = []
    /// Every refund (`refunds/create`), partial and cancellation refunds alike.
    public var refundIDs: [Int64] = []
    /// Orders fulfilled (`fulfillments/create`).
    public var ordersFulfilled: [Int64] = []
    /// Fulfillment ids, one per fulfilled order.
    public var fulfillmentIDs: [Int64] = []
    /// Payouts booked with `settlePayouts()`.
    public var payouts: [SimulatedPayout] = []
    /// Events recorded in the sandbox.
    public var eventsRecorded = 0
    /// The expected totals of every order created, by order id, in their latest state.
    public var expectedTotals: [Int64: ExpectedOrderTotals] = [:]

    /// An empty summary.
    public init() {}

    /// Adds the events of one played chain.
    mutating func add(_ chain: OrderChain) {
        for event in chain.events {
            eventsRecorded += 1
            switch event.kind {
            case .customerCreated(let id): customersCreated.append(id)
            case .orderCreated(let id): ordersCreated.append(id)
            case .transactionCreated(_, let transactionID): transactionIDs.append(transactionID)
            case .orderUpdated(let id): ordersUpdated.append(id)
            case .orderCancelled(let id): ordersCancelled.append(id)
            case .refundCreated(let orderID, let refundID, let isCancellation):
                refundIDs.append(refundID)
                if !isCancellation { ordersRefunded.append(orderID) }
            case .fulfillmentCreated(let orderID, let fulfillmentID):
                ordersFulfilled.append(orderID)
                fulfillmentIDs.append(fulfillmentID)
            }
        }
    }

    /// Adds everything `other` holds; its expected totals replace older ones.
    mutating func merge(_ other: SimulationSummary) {
        customersCreated += other.customersCreated
        ordersCreated += other.ordersCreated
        transactionIDs += other.transactionIDs
        ordersUpdated += other.ordersUpdated
        ordersCancelled += other.ordersCancelled
        ordersRefunded += other.ordersRefunded
        refundIDs += other.refundIDs
        ordersFulfilled += other.ordersFulfilled
        fulfillmentIDs += other.fulfillmentIDs
        payouts += other.payouts
        eventsRecorded += other.eventsRecorded
        expectedTotals.merge(other.expectedTotals) { _, newer in newer }
    }
}
