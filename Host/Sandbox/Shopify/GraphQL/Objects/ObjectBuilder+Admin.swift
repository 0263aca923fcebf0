import Foundation
import GraphQL

extension ObjectBuilder {
    func webhookSubscriptions(_ arguments: Map) throws -> GraphObject {
        let topics = Set((arguments["topics"].array ?? []).compactMap(\.string))
        let uri = arguments["uri"].string
        let format = arguments["format"].string
        let items = state.subscriptions.values.filter { record in
            (topics.isEmpty || topics.contains(record.topic)) && (uri == nil || record.uri == uri)
                && (format == nil || record.format == format)
        }
        let byCreation = arguments["sortKey"].string == "CREATED_AT"
        return try Connection(
            items: Array(items), sortKey: { byCreation ? SortKey.date($0.createdAt) : SortKey.number($0.id) }, id: { $0.id }
        ).resolve(arguments) { webhookSubscription($0) }
    }

    func webhookSubscription(_ record: SubscriptionRecord) -> GraphObject {
        var object: GraphObject = [
            "id": GID.make("WebhookSubscription", record.id), "legacyResourceId": String(record.id),
            "topic": record.topic, "uri": record.uri, "callbackUrl": record.uri, "format": record.format,
            "includeFields": record.includeFields, "metafieldNamespaces": [String](),
            "createdAt": ISOTime.string(record.createdAt), "updatedAt": ISOTime.string(record.updatedAt),
            "apiVersion": ["displayName": AdminAPIVersion.current, "handle": AdminAPIVersion.current, "supported": true] as GraphObject,
        ]
        if let filter = record.filter { object["filter"] = filter }
        return object
    }

    // MARK: Shopify Payments

    func paymentsAccount() -> GraphObject {
        let builder = self
        return [
            "id": GID.make("ShopifyPaymentsAccount", state.shopID), "activated": true, "onboardable": false,
            "country": "US", "defaultCurrency": state.currency,
            "balance": [Values.money(Decimal(0), state.currency)],
            "payouts": FieldThunk { try builder.payouts($0) },
            "balanceTransactions": FieldThunk { try builder.balanceTransactions($0) },
        ]
    }

    static func payoutStatus(_ rest: String) -> String {
        let upper = rest.uppercased()
        return ["CANCELED", "FAILED", "IN_TRANSIT", "PAID", "SCHEDULED"].contains(upper) ? upper
            : upper == "CANCELLED" ? "CANCELED" : "SCHEDULED"
    }

    func payouts(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.payouts.values.filter { payout in
            search.matches { term in
                switch term.field {
                case "status": SearchQuery.text(payout.status, term)
                case "id": SearchQuery.compare(payout.id, term)
                case "issued_at", "date": ISOTime.parse(payout.date).flatMap { SearchQuery.compare($0, term) } ?? false
                default: nil
                }
            }
        }
        return try Connection(items: Array(items), sortKey: { $0.date + SortKey.number($0.id) }, id: { $0.id })
            .resolve(arguments) { payout($0) }
    }

    func payout(_ payout: SandboxPayout) -> GraphObject {
        let currency = payout.currency
        let fee = [payout.chargesFeeAmount, payout.refundsFeeAmount, payout.adjustmentsFeeAmount,
            payout.reservedFundsFeeAmount, payout.retriedPayoutsFeeAmount]
            .reduce(Decimal(0)) { $0 + (MoneyText.decimal($1) ?? 0) }
        let net = MoneyText.decimal(payout.amount) ?? 0
        return [
            "id": GID.make("ShopifyPaymentsPayout", payout.id), "legacyResourceId": String(payout.id),
            "status": Self.payoutStatus(payout.status), "transactionType": net < 0 ? "WITHDRAWAL" : "DEPOSIT",
            "issuedAt": ISOTime.parse(payout.date).map(ISOTime.string) ?? payout.date,
            "net": Values.money(net, currency), "gross": Values.money(net + fee, currency),
            "summary": [
                "chargesGross": Values.money(payout.chargesGrossAmount, currency),
                "chargesFee": Values.money(payout.chargesFeeAmount, currency),
                "refundsFeeGross": Values.money(payout.refundsGrossAmount, currency),
                "refundsFee": Values.money(payout.refundsFeeAmount, currency),
                "adjustmentsGross": Values.money(payout.adjustmentsGrossAmount, currency),
                "adjustmentsFee": Values.money(payout.adjustmentsFeeAmount, currency),
                "reservedFundsGross": Values.money(payout.reservedFundsGrossAmount, currency),
                "reservedFundsFee": Values.money(payout.reservedFundsFeeAmount, currency),
                "retriedPayoutsGross": Values.money(payout.retriedPayoutsGrossAmount, currency),
                "retriedPayoutsFee": Values.money(payout.retriedPayoutsFeeAmount, currency),
                "advanceGross": Values.money(Decimal(0), currency), "advanceFees": Values.money(Decimal(0), currency),
                "usdcRebateCreditAmount": Values.money(Decimal(0), currency),
            ] as GraphObject,
        ]
    }

    func balanceTransactions(_ arguments: Map) throws -> GraphObject {
        let search = SearchQuery(arguments["query"].string)
        let items = state.balanceTransactions.values.filter { transaction in
            search.matches { term in
                switch term.field {
                case "payments_transfer_id": SearchQuery.compare(transaction.payoutID, term)
                case "payout_status": state.payouts[transaction.payoutID].map { SearchQuery.text($0.status, term) } ?? false
                case "payout_date":
                    state.payouts[transaction.payoutID].flatMap { ISOTime.parse($0.date) }.flatMap { SearchQuery.compare($0, term) } ?? false
                case "processed_at": ISOTime.parse(transaction.processedAt).flatMap { SearchQuery.compare($0, term) } ?? false
                case "id": SearchQuery.compare(transaction.id, term)
                default: nil
                }
            }
        }
        return try Connection(items: Array(items), sortKey: { SortKey.number($0.id) }, id: { $0.id })
            .resolve(arguments) { balanceTransaction($0) }
    }

    func balanceTransaction(_ transaction: SandboxBalanceTransaction) -> GraphObject {
        let currency = transaction.currency
        let types: [String: String] = [
            "charge": "CHARGE", "refund": "REFUND", "adjustment": "ADJUSTMENT",
            "reserve": "RESERVED_FUNDS", "payout": "TRANSFER", "payout_failure": "TRANSFER_FAILURE",
            "payout_cancellation": "TRANSFER_CANCEL",
        ]
        let sources: [String: String] = [
            "charge": "CHARGE", "refund": "REFUND", "adjustment": "ADJUSTMENT", "dispute": "DISPUTE",
            "adjustment_reversal": "ADJUSTMENT_REVERSAL", "payout": "TRANSFER",
        ]
        var associatedPayout: GraphObject = ["id": GID.make("ShopifyPaymentsPayout", transaction.payoutID)]
        if let payout = state.payouts[transaction.payoutID] { associatedPayout["status"] = Self.payoutStatus(payout.status) }
        var object: GraphObject = [
            "id": GID.make("ShopifyPaymentsBalanceTransaction", transaction.id), "test": false,
            "amount": Values.money(transaction.amount, currency), "fee": Values.money(transaction.fee, currency),
            "net": Values.money(transaction.net, currency), "adjustmentsOrders": [GraphObject](),
            "transactionDate": ISOTime.parse(transaction.processedAt).map(ISOTime.string) ?? transaction.processedAt,
            "associatedPayout": associatedPayout, "type": types[transaction.type] ?? "ADJUSTMENT",
        ]
        if let source = sources[transaction.sourceType] { object["sourceType"] = source }
        if let orderID = transaction.sourceOrderID {
            object["associatedOrder"] = [
                "id": GID.make("Order", orderID), "name": state.orders[orderID]?.rest["name"]?.stringValue ?? "#\(orderID)",
            ] as GraphObject
        }
        return object
    }
}
