import Foundation

/// Shopify Payments money movements not paid out yet, and the payouts made from them.
struct PayoutLedger: Sendable {
    struct Entry: Sendable {
        var orderID: Int64
        var type: String
        var amount: Decimal
        var fee: Decimal
        var processedAt: Date
    }

    private(set) var pending: [Entry] = []

    /// A card charge for `order` (its card part in the shop currency) with its fee.
    mutating func charge(_ order: SimulatedOrder, fee: CardFee) {
        guard order.isCardCaptured else { return }
        pending.append(Entry(orderID: order.id, type: "charge", amount: order.payment.card.shop, fee: fee.fee(on: order.payment.card.shop), processedAt: order.createdAt))
    }

    /// Money returned to the card: a negative balance transaction without a fee.
    mutating func refund(_ refund: SimulatedRefund) {
        let card = DecimalMoney.sum(refund.transactions.filter { $0.gateway == "shopify_payments" }.map(\.amount.shop))
        guard card > 0 else { return }
        pending.append(Entry(orderID: refund.orderID, type: "refund", amount: -card, fee: 0, processedAt: refund.createdAt))
    }

    /// Pays out the pending entries of the orders in `eligible` (all when `nil`): one
    /// payout per shop-local day of processing, as Shopify Payments pays out daily. A day
    /// whose refunds outweigh its charges rolls into the next day; if the last one is still
    /// negative it is paid out as such (Shopify debits the bank: a withdrawal).
    /// `adjustment` is asked once per payout.
    mutating func settle(
        eligible: Set<Int64>?, adjustment: () -> Decimal?, currency: String,
        timestamps: ShopifyTimestamps, ids: inout IDSequence
    ) -> [SimulatedPayout] {
        let taken = pending.filter { eligible?.contains($0.orderID) ?? true }.sorted { $0.processedAt < $1.processedAt }
        let kept = pending.filter { !(eligible?.contains($0.orderID) ?? true) }
        var days: [[Entry]] = []
        for entry in taken {
            if let last = days.last?.last, timestamps.day(last.processedAt) == timestamps.day(entry.processedAt) {
                days[days.count - 1].append(entry)
            } else {
                days.append([entry])
            }
        }
        var payouts: [SimulatedPayout] = []
        var carried: [Entry] = []
        for (index, entries) in days.enumerated() {
            carried += entries
            let isLast = index == days.count - 1
            guard isLast || DecimalMoney.sum(carried.map { $0.amount - $0.fee }) > 0 else { continue }
            let batch = carried
            carried = []
            let payoutID = ids.take()
            var transactions = batch.map { entry in
                SimulatedBalanceTransaction(
                    id: ids.take(), type: entry.type, amount: entry.amount, fee: entry.fee,
                    sourceType: entry.type, sourceOrderID: entry.orderID, processedAt: entry.processedAt
                )
            }
            // Shopify pays out the day after the money was processed, never before; the
            // entries are sorted, so the last one is the latest.
            let latest = batch[batch.count - 1].processedAt
            if let amount = adjustment(), amount != 0 {
                transactions.append(SimulatedBalanceTransaction(
                    id: ids.take(), type: "adjustment", amount: amount, fee: 0,
                    sourceType: "adjustment", sourceOrderID: nil, processedAt: latest
                ))
            }
            payouts.append(SimulatedPayout(
                id: payoutID, status: "paid", date: latest.addingTimeInterval(86_400),
                currency: currency, transactions: transactions
            ))
        }
        pending = kept
        return payouts
    }
}
