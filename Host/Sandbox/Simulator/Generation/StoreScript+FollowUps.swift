import Foundation

extension StoreScript {
    /// Plays the follow-ups of a new order in simulated time: an edit while unfulfilled,
    /// then either a cancellation or a partial refund and a fulfillment in either order.
    mutating func playFollowUps(order: inout SimulatedOrder, book: inout RefundBook, events: inout [SimulatedEvent], random: inout SeededRandom) {
        let probabilities = configuration.followUps
        var time = order.createdAt
        func later(_ range: ClosedRange<Int>) -> Date {
            time = time.addingTimeInterval(TimeInterval(random.int(in: range)))
            return time
        }

        if random.chance(probabilities.update) {
            order.updatedAt = later(120...7200)
            if random.chance(0.5) {
                order.note = random.pick(Self.notes)
            } else {
                order.tags.append(random.pick(Self.tags) ?? "vip")
            }
            events.append(orderEvent("orders/updated", order, .orderUpdated(orderID: order.id)))
        }

        if random.chance(probabilities.cancel) {
            cancel(&order, book: &book, at: later(300...14_400), events: &events, random: &random)
            return
        }
        let refundFirst = random.chance(0.5)
        let refundWanted = random.chance(probabilities.partialRefund)
        let fulfillmentWanted = random.chance(probabilities.fulfillment)
        for step in refundFirst ? ["refund", "fulfillment"] : ["fulfillment", "refund"] {
            if step == "refund", refundWanted, order.financialStatus != "authorized" {
                partialRefund(&order, book: &book, at: later(3600...172_800), events: &events, random: &random)
            }
            if step == "fulfillment", fulfillmentWanted {
                fulfill(&order, book: book, at: later(3600...172_800), events: &events, random: &random)
            }
        }
    }

    private func orderEvent(_ topic: String, _ order: SimulatedOrder, _ kind: SimulatedEvent.Kind) -> SimulatedEvent {
        SimulatedEvent(topic: topic, payload: OrderDocument.data(order, timestamps: timestamps), kind: kind)
    }

    private mutating func cancel(_ order: inout SimulatedOrder, book: inout RefundBook, at time: Date, events: inout [SimulatedEvent], random: inout SeededRandom) {
        let wasCaptured = order.financialStatus != "authorized"
        order.cancelledAt = time
        order.updatedAt = time
        order.cancelReason = random.pick(["customer", "inventory", "fraud", "declined", "other"])
        order.financialStatus = wasCaptured ? "refunded" : "voided"
        events.append(orderEvent("orders/cancelled", order, .orderCancelled(orderID: order.id)))
        guard wasCaptured else { return }
        let selections = order.lines.indices.map { index in
            RefundFactory.Selection(lineIndex: index, quantity: book.remainingQuantity(order, line: index), restockType: "cancel")
        }
        let refund = RefundFactory.refund(
            order: order, book: &book, selections: selections, includeShipping: true,
            isCancellation: true, createdAt: time, ids: &ids
        )
        record(refund, order: order, events: &events)
    }

    /// Refunds some units of one or two lines, never every unit of the order.
    private mutating func partialRefund(_ order: inout SimulatedOrder, book: inout RefundBook, at time: Date, events: inout [SimulatedEvent], random: inout SeededRandom) {
        let unitsLeft = order.lines.indices.reduce(0) { $0 + book.remainingQuantity(order, line: $1) }
        guard unitsLeft > 1 else { return }
        let fulfilled = order.fulfillmentStatus == "fulfilled"
        var budget = unitsLeft - 1
        var selections: [RefundFactory.Selection] = []
        let candidates = order.lines.indices.filter { book.remainingQuantity(order, line: $0) > 0 }.shuffled(using: &random)
        for index in candidates.prefix(random.int(in: 1...2)) where budget > 0 {
            let quantity = random.int(in: 1...min(book.remainingQuantity(order, line: index), budget))
            budget -= quantity
            let restock = random.pick(fulfilled ? ["return", "no_restock"] : ["cancel", "no_restock"]) ?? "no_restock"
            selections.append(RefundFactory.Selection(lineIndex: index, quantity: quantity, restockType: restock))
        }
        let refund = RefundFactory.refund(
            order: order, book: &book, selections: selections, includeShipping: random.chance(0.3),
            isCancellation: false, createdAt: time, ids: &ids
        )
        order.financialStatus = "partially_refunded"
        record(refund, order: order, events: &events)
    }

    private mutating func record(_ refund: SimulatedRefund, order: SimulatedOrder, events: inout [SimulatedEvent]) {
        refunds[order.id, default: []].append(refund)
        ledger.refund(refund)
        events.append(SimulatedEvent(
            topic: "refunds/create",
            payload: RefundDocument.data(refund, order: order, timestamps: timestamps),
            kind: .refundCreated(orderID: order.id, refundID: refund.id, isCancellation: refund.isCancellation)
        ))
    }

    /// Ships every unit not refunded, from the order's location.
    private mutating func fulfill(_ order: inout SimulatedOrder, book: RefundBook, at time: Date, events: inout [SimulatedEvent], random: inout SeededRandom) {
        let lines = order.lines.indices.compactMap { index -> (lineItemID: Int64, quantity: Int)? in
            let quantity = book.remainingQuantity(order, line: index)
            return quantity > 0 ? (order.lines[index].id, quantity) : nil
        }
        guard !lines.isEmpty else { return }
        let carrier = random.pick(Self.carriers) ?? Self.carriers[0]
        let number = "\(carrier.prefix)\(random.int(in: 100_000_000...999_999_999))"
        let fulfillment = SimulatedFulfillment(
            id: ids.take(), orderID: order.id, createdAt: time, locationID: order.locationID,
            trackingCompany: carrier.name, trackingNumber: number, trackingURL: carrier.url + number, lines: lines
        )
        order.fulfillmentStatus = "fulfilled"
        fulfillments[order.id, default: []].append(fulfillment)
        events.append(SimulatedEvent(
            topic: "fulfillments/create",
            payload: FulfillmentDocument.data(fulfillment, order: order, timestamps: timestamps),
            kind: .fulfillmentCreated(orderID: order.id, fulfillmentID: fulfillment.id)
        ))
    }

    static let notes = ["Please leave at the front desk", "Gift: no prices on the slip", "Customer called: deliver after 5 pm"]
    static let tags = ["vip", "wholesale", "gift", "priority"]
    static let carriers: [(name: String, prefix: String, url: String)] = [
        ("UPS", "1Z", "https://www.ups.com/track?tracknum="),
        ("USPS", "94", "https://tools.usps.com/go/TrackConfirmAction?tLabels="),
        ("DHL Express", "JD", "https://www.dhl.com/en/express/tracking.html?AWB="),
    ]
}
