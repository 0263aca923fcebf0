import Foundation

/// The simulated shop's history, written one order at a time: deterministic for a
/// configuration and catalog, independent of how (or how fast) the events are played.
///
/// ```swift
/// var script = StoreScript(configuration: .init(seed: 7), catalog: catalog)
/// let chain = script.nextOrder()          // customer?, orders/create, follow-ups
/// let payout = script.settlePayout()      // Shopify Payments payout of what was captured
/// ```
public struct StoreScript: Sendable {
    /// What shapes the traffic.
    public let configuration: SimulatorConfiguration
    /// The catalog orders are drawn from.
    public let catalog: Catalog
    /// Writes dates as the shop does.
    public let timestamps: ShopifyTimestamps
    /// Every order in its latest state.
    public internal(set) var orders: [Int64: SimulatedOrder] = [:]
    /// Refunds per order, oldest first.
    public internal(set) var refunds: [Int64: [SimulatedRefund]] = [:]
    /// Fulfillments per order.
    public internal(set) var fulfillments: [Int64: [SimulatedFulfillment]] = [:]
    /// What has been refunded per order.
    public internal(set) var refundBooks: [Int64: RefundBook] = [:]
    /// Payouts made so far.
    public internal(set) var payouts: [SimulatedPayout] = []
    /// Order ids in creation order.
    public internal(set) var orderIDs: [Int64] = []

    var random: SeededRandom
    var ids: IDSequence
    var clock: Date
    var nextNumber: Int
    var customers: [SimulatedCustomer] = []
    var ledger = PayoutLedger()

    /// A script for `catalog` (which must have at least one variant and one location).
    public init(configuration: SimulatorConfiguration, catalog: Catalog) {
        self.configuration = configuration
        self.catalog = catalog
        timestamps = ShopifyTimestamps(utcOffsetSeconds: configuration.utcOffsetSeconds)
        random = SeededRandom(seed: configuration.seed ^ 0x5EED_0F_0D_E125)
        ids = IDSequence(start: 6_000_000_000_000 + Int64(configuration.seed % 100_000) * 10_000_000)
        clock = configuration.startDate
        nextNumber = configuration.firstOrderNumber
    }

    /// The expected totals of every order so far.
    public var expectedTotals: [Int64: ExpectedOrderTotals] {
        orders.reduce(into: [:]) { result, entry in
            result[entry.key] = ExpectedOrderTotals(order: entry.value, book: refundBooks[entry.key] ?? RefundBook(order: entry.value))
        }
    }

    /// The next order with its follow-ups. `secondsSincePrevious` spaces orders in
    /// simulated time (a flash sale passes a short range).
    public mutating func nextOrder(secondsSincePrevious: ClosedRange<Int> = 30...900) -> OrderChain {
        var random = self.random.fork()
        defer { self.random = random }
        clock = clock.addingTimeInterval(TimeInterval(random.int(in: secondsSincePrevious)))
        var events: [SimulatedEvent] = []
        let customer = drawCustomer(random: &random, events: &events)
        let factory = OrderFactory(configuration: configuration, catalog: catalog)
        let draft = OrderFactory.Draft(
            id: ids.take(), number: nextNumber, createdAt: clock, customer: customer,
            // Shopify ships from the first location in the shop's order that stocks the
            // items; every location is stocked alike, so that is the first one.
            locationID: catalog.locations.first?.id ?? 0
        )
        nextNumber += 1
        var order = factory.order(draft, ids: &ids, random: &random)
        var book = RefundBook(order: order)
        events.append(SimulatedEvent(topic: "orders/create", payload: OrderDocument.data(order, timestamps: timestamps), kind: .orderCreated(orderID: order.id)))
        for transaction in paymentTransactions(order) {
            events.append(SimulatedEvent(
                topic: "order_transactions/create",
                payload: TransactionDocument.data(transaction, order: order, timestamps: timestamps),
                kind: .transactionCreated(orderID: order.id, transactionID: transaction.id)
            ))
        }
        ledger.charge(order, fee: configuration.cardFee)
        playFollowUps(order: &order, book: &book, events: &events, random: &random)
        orders[order.id] = order
        refundBooks[order.id] = book
        orderIDs.append(order.id)
        return OrderChain(orderID: order.id, events: events)
    }

    /// Books Shopify Payments payouts of every captured charge and card refund not paid
    /// out yet, one per day of processing, limited to the orders in `eligibleOrders` when
    /// given (those already played into the shop). Empty when nothing is due.
    public mutating func settlePayouts(eligibleOrders: Set<Int64>? = nil) -> [SimulatedPayout] {
        var random = self.random.fork()
        defer { self.random = random }
        let share = configuration.payoutAdjustmentShare
        // A chargeback fee, a platform fee, or a credit back to the merchant.
        let adjustments = [DecimalMoney.fixed(-1500, scale: 2), DecimalMoney.fixed(-500, scale: 2), DecimalMoney.fixed(250, scale: 2)]
        let made = ledger.settle(
            eligible: eligibleOrders,
            adjustment: { random.chance(share) ? random.pick(adjustments) : nil },
            currency: configuration.shopCurrency, timestamps: timestamps, ids: &ids
        )
        if let last = made.last { clock = max(clock, last.date) }
        payouts += made
        return made
    }

    /// The order's payments: the gift-card redemption first, then the card.
    private mutating func paymentTransactions(_ order: SimulatedOrder) -> [SimulatedOrderTransaction] {
        var transactions: [SimulatedOrderTransaction] = []
        if order.payment.giftCard != .zero {
            transactions.append(SimulatedOrderTransaction(
                id: ids.take(), orderID: order.id, kind: "sale", gateway: "gift_card",
                amount: order.payment.giftCard, createdAt: order.createdAt
            ))
            _ = ids.take()  // the gift card's own id (transaction id + 1)
        }
        if order.payment.card != .zero {
            transactions.append(SimulatedOrderTransaction(
                id: ids.take(), orderID: order.id, kind: order.financialStatus == "authorized" ? "authorization" : "sale",
                gateway: "shopify_payments", amount: order.payment.card, createdAt: order.createdAt
            ))
        }
        return transactions
    }

    private mutating func drawCustomer(random: inout SeededRandom, events: inout [SimulatedEvent]) -> SimulatedCustomer? {
        guard !random.chance(configuration.guestCheckoutShare) else { return nil }
        if !customers.isEmpty, random.chance(configuration.returningCustomerShare) {
            return random.pick(customers)
        }
        let customer = CustomerFactory.customer(id: ids.take(), serial: customers.count + 1, createdAt: clock, random: &random)
        _ = ids.take()  // the customer's default address id (customer id + 1)
        customers.append(customer)
        events.append(SimulatedEvent(
            topic: "customers/create",
            payload: CustomerDocument.data(customer, currency: configuration.shopCurrency, timestamps: timestamps),
            kind: .customerCreated(customerID: customer.id)
        ))
        return customer
    }
}
