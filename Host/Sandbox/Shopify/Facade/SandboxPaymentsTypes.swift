import Foundation

/// A Shopify Payments payout, as the REST `payouts.json` resource describes it (amounts are
/// decimal strings in the payout currency).
public struct SandboxPayout: Sendable, Equatable {
    /// Numeric payout id.
    public var id: Int64
    /// REST status: "scheduled", "in_transit", "paid", "failed" or "canceled".
    public var status: String
    /// Payout date, `yyyy-MM-dd`.
    public var date: String
    /// ISO currency code.
    public var currency: String
    /// Net amount deposited.
    public var amount: String
    /// `summary.charges_gross_amount`.
    public var chargesGrossAmount: String
    /// `summary.charges_fee_amount`.
    public var chargesFeeAmount: String
    /// `summary.refunds_gross_amount`.
    public var refundsGrossAmount: String
    /// `summary.refunds_fee_amount`.
    public var refundsFeeAmount: String
    /// `summary.adjustments_gross_amount`.
    public var adjustmentsGrossAmount: String
    /// `summary.adjustments_fee_amount`.
    public var adjustmentsFeeAmount: String
    /// `summary.reserved_funds_gross_amount`.
    public var reservedFundsGrossAmount: String
    /// `summary.reserved_funds_fee_amount`.
    public var reservedFundsFeeAmount: String
    /// `summary.retried_payouts_gross_amount`.
    public var retriedPayoutsGrossAmount: String
    /// `summary.retried_payouts_fee_amount`.
    public var retriedPayoutsFeeAmount: String

    /// Creates a payout; summary amounts default to "0.00".
    public init(
        id: Int64, status: String, date: String, currency: String, amount: String,
        chargesGrossAmount: String = "0.00", chargesFeeAmount: String = "0.00",
        refundsGrossAmount: String = "0.00", refundsFeeAmount: String = "0.00",
        adjustmentsGrossAmount: String = "0.00", adjustmentsFeeAmount: String = "0.00",
        reservedFundsGrossAmount: String = "0.00", reservedFundsFeeAmount: String = "0.00",
        retriedPayoutsGrossAmount: String = "0.00", retriedPayoutsFeeAmount: String = "0.00"
    ) {
        self.id = id
        self.status = status
        self.date = date
        self.currency = currency
        self.amount = amount
        self.chargesGrossAmount = chargesGrossAmount
        self.chargesFeeAmount = chargesFeeAmount
        self.refundsGrossAmount = refundsGrossAmount
        self.refundsFeeAmount = refundsFeeAmount
        self.adjustmentsGrossAmount = adjustmentsGrossAmount
        self.adjustmentsFeeAmount = adjustmentsFeeAmount
        self.reservedFundsGrossAmount = reservedFundsGrossAmount
        self.reservedFundsFeeAmount = reservedFundsFeeAmount
        self.retriedPayoutsGrossAmount = retriedPayoutsGrossAmount
        self.retriedPayoutsFeeAmount = retriedPayoutsFeeAmount
    }
}

/// A Shopify Payments balance transaction, as the REST `balance/transactions.json` resource describes it.
public struct SandboxBalanceTransaction: Sendable, Equatable {
    /// Numeric transaction id.
    public var id: Int64
    /// REST type: "charge", "refund", "adjustment", "dispute", ...
    public var type: String
    /// The payout this transaction is paid out in.
    public var payoutID: Int64
    /// ISO currency code.
    public var currency: String
    /// Gross amount (negative for refunds).
    public var amount: String
    /// Fee.
    public var fee: String
    /// Net: amount minus fee.
    public var net: String
    /// REST source type: "charge", "refund", "adjustment", ...
    public var sourceType: String
    /// The order the transaction belongs to, if any.
    public var sourceOrderID: Int64?
    /// ISO 8601 time the transaction was processed.
    public var processedAt: String

    /// Creates a balance transaction.
    public init(
        id: Int64, type: String, payoutID: Int64, currency: String, amount: String, fee: String,
        net: String, sourceType: String, sourceOrderID: Int64? = nil, processedAt: String
    ) {
        self.id = id
        self.type = type
        self.payoutID = payoutID
        self.currency = currency
        self.amount = amount
        self.fee = fee
        self.net = net
        self.sourceType = sourceType
        self.sourceOrderID = sourceOrderID
        self.processedAt = processedAt
    }
}
