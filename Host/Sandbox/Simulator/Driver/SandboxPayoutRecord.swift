import Foundation
import ShopifySandbox

/// Converts a simulated payout into the sandbox's REST-shaped payout and transactions.
enum SandboxPayoutRecord {
    static func make(_ payout: SimulatedPayout, timestamps: ShopifyTimestamps) -> (SandboxPayout, [SandboxBalanceTransaction]) {
        let fields = Dictionary(uniqueKeysWithValues: payout.summary.map { ($0.name, $0.amount) })
        let record = SandboxPayout(
            id: payout.id, status: payout.status, date: timestamps.day(payout.date), currency: payout.currency,
            amount: DecimalMoney.string(payout.amount),
            chargesGrossAmount: fields["charges_gross_amount"] ?? "0.00",
            chargesFeeAmount: fields["charges_fee_amount"] ?? "0.00",
            refundsGrossAmount: fields["refunds_gross_amount"] ?? "0.00",
            refundsFeeAmount: fields["refunds_fee_amount"] ?? "0.00",
            adjustmentsGrossAmount: fields["adjustments_gross_amount"] ?? "0.00",
            adjustmentsFeeAmount: fields["adjustments_fee_amount"] ?? "0.00"
        )
        let transactions = payout.transactions.map { transaction in
            SandboxBalanceTransaction(
                id: transaction.id, type: transaction.type, payoutID: payout.id, currency: payout.currency,
                amount: DecimalMoney.string(transaction.amount), fee: DecimalMoney.string(transaction.fee),
                net: DecimalMoney.string(transaction.net), sourceType: transaction.sourceType,
                sourceOrderID: transaction.sourceOrderID, processedAt: timestamps.timestamp(transaction.processedAt)
            )
        }
        return (record, transactions)
    }
}
