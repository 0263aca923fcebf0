import Foundation

/// A Shopify Payments balance transaction inside a payout.
public struct SimulatedBalanceTransaction: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// `charge`, `refund` or `adjustment`.
    public var type: String
    /// Gross amount: positive for a charge, negative for a refund.
    public var amount: Decimal
    /// The processing fee withheld (zero for refunds and adjustments).
    public var fee: Decimal
    /// `amount − fee`.
    public var net: Decimal { amount - fee }
    /// `charge`, `refund` or `adjustment`: what the transaction stems from.
    public var sourceType: String
    /// The order behind the transaction, if any.
    public var sourceOrderID: Int64?
    /// When it was processed.
    public var processedAt: Date
}

/// A Shopify Payments payout: the net of its balance transactions paid to the bank.
public struct SimulatedPayout: Sendable, Equatable {
    /// Shopify numeric id.
    public var id: Int64
    /// `scheduled`, `in_transit`, `paid`, `failed` or `canceled`.
    public var status: String
    /// Payout date.
    public var date: Date
    /// ISO 4217 currency code.
    public var currency: String
    /// Money movements.
    public var transactions: [SimulatedBalanceTransaction]

    /// The payout amount: Σ net of its transactions.
    public var amount: Decimal { DecimalMoney.sum(transactions.map(\.net)) }

    /// Σ amount of the transactions of `type`.
    public func gross(_ type: String) -> Decimal {
        DecimalMoney.sum(transactions.filter { $0.type == type }.map(\.amount))
    }

    /// Σ fee of the transactions of `type`.
    public func fees(_ type: String) -> Decimal {
        DecimalMoney.sum(transactions.filter { $0.type == type }.map(\.fee))
    }

    /// The REST payout `summary` fields, as strings.
    public var summary: [(name: String, amount: String)] {
        [
            ("adjustments_fee_amount", DecimalMoney.string(fees("adjustment"))),
            ("adjustments_gross_amount", DecimalMoney.string(gross("adjustment"))),
            ("charges_fee_amount", DecimalMoney.string(fees("charge"))),
            ("charges_gross_amount", DecimalMoney.string(gross("charge"))),
            ("refunds_fee_amount", DecimalMoney.string(fees("refund"))),
            ("refunds_gross_amount", DecimalMoney.string(gross("refund"))),
            ("reserved_funds_fee_amount", "0.00"),
            ("reserved_funds_gross_amount", "0.00"),
            ("retried_payouts_fee_amount", "0.00"),
            ("retried_payouts_gross_amount", "0.00"),
        ]
    }
}
