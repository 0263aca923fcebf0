import Foundation
import GraphQL

/// `Order.transactions`: the payments recorded from `order_transactions/create`, and the refund
/// transactions carried by the order's refunds, as Shopify lists them together.
extension ObjectBuilder {
    /// REST `kind` values and the `OrderTransactionKind` each is served as.
    static let transactionKinds: [String: String] = [
        "authorization": "AUTHORIZATION", "capture": "CAPTURE", "change": "CHANGE", "emv_authorization": "EMV_AUTHORIZATION",
        "refund": "REFUND", "sale": "SALE", "suggested_refund": "SUGGESTED_REFUND", "void": "VOID",
    ]

    /// REST `status` values and the `OrderTransactionStatus` each is served as; anything else is `UNKNOWN`.
    static let transactionStatuses: [String: String] = [
        "awaiting_response": "AWAITING_RESPONSE", "error": "ERROR", "failure": "FAILURE", "pending": "PENDING", "success": "SUCCESS",
    ]

    /// The order's transactions oldest first; `capturable: true` keeps successful authorizations no capture
    /// or void has consumed yet (on an order not cancelled); `manuallyResolvable: true` keeps none, as the
    /// sandbox has no payment that needs a merchant's resolution; `first` keeps the first n.
    func transactions(_ record: OrderRecord, arguments: Map, _ currency: String, _ presentment: String) -> [GraphObject] {
        var documents = record.transactions
        var seen = Set(documents.compactMap { $0["id"]?.int64Value })
        for refund in record.refunds {
            for transaction in refund["transactions"]?.arrayValue ?? [] {
                guard let id = transaction["id"]?.int64Value, seen.insert(id).inserted else { continue }
                var document = transaction
                // A refund's transactions may leave out what the refund says for them.
                if case .object(var members) = document {
                    members["kind"] = members["kind"] ?? .string("refund")
                    members["created_at"] = members["created_at"] ?? refund["created_at"]
                    members["processed_at"] = members["processed_at"] ?? refund["processed_at"]
                    document = .object(members)
                }
                documents.append(document)
            }
        }
        documents = documents.filter { Self.transactionKinds[$0["kind"]?.stringValue ?? ""] != nil }
        let created = { (document: JSONValue) in
            document["created_at"]?.stringValue.flatMap(ISOTime.parse) ?? record.createdAt
        }
        documents = documents.enumerated().sorted { lhs, rhs in
            let (left, right) = (created(lhs.element), created(rhs.element))
            return left == right ? lhs.offset < rhs.offset : left < right
        }.map(\.element)
        if arguments["capturable"].bool == true {
            let consumed = Set(documents.filter { ["capture", "void"].contains($0["kind"]?.stringValue) }
                .compactMap { $0["parent_id"]?.int64Value })
            documents = record.cancelledAt != nil ? [] : documents.filter { document in
                document["kind"]?.stringValue == "authorization" && (document["status"]?.stringValue ?? "success") == "success"
                    && !(document["id"]?.int64Value.map(consumed.contains) ?? false)
            }
        }
        if arguments["manuallyResolvable"].bool == true { documents = [] }
        if let first = arguments["first"].int { documents = Array(documents.prefix(max(0, first))) }
        return documents.map { orderTransaction($0, order: record, currency, presentment) }
    }

    func orderTransaction(_ rest: JSONValue, order: OrderRecord, _ currency: String, _ presentment: String) -> GraphObject {
        let created = rest["created_at"]?.stringValue.flatMap(ISOTime.parse) ?? order.createdAt
        var object: GraphObject = [
            "id": GID.make("OrderTransaction", rest["id"]?.int64Value ?? 0),
            "kind": Self.transactionKinds[rest["kind"]?.stringValue ?? ""] ?? "SALE",
            "status": Self.transactionStatuses[rest["status"]?.stringValue ?? "success"] ?? "UNKNOWN",
            "amountSet": transactionAmount(rest, order: order, currency, presentment),
            "createdAt": ISOTime.string(created),
            "processedAt": ISOTime.string(rest["processed_at"]?.stringValue.flatMap(ISOTime.parse) ?? created),
            "test": rest["test"]?.boolValue ?? false,
        ]
        if let gateway = rest["gateway"]?.stringValue { object["gateway"] = gateway }
        return object
    }

    /// REST writes a transaction's `amount` in its `currency` (the presentment currency) only; Shopify also
    /// knows it in the shop currency. The sandbox converts at the order's own rate (its total in both
    /// currencies), to the cent, and takes the shop total exactly when the transaction is the whole order.
    private func transactionAmount(_ rest: JSONValue, order: OrderRecord, _ currency: String, _ presentment: String) -> GraphObject {
        if let set = rest["amount_set"], set["shop_money"] != nil {
            return Values.moneyBag(set: set, amount: rest["amount"], shopCurrency: currency, presentmentCurrency: presentment)
        }
        let amount = MoneyText.decimal(MoneyText.normalized(rest["amount"])) ?? 0
        let transactionCurrency = rest["currency"]?.stringValue ?? presentment
        guard transactionCurrency != currency || presentment != currency else { return Values.moneyBag(amount, currency) }
        let totals = order.rest["total_price_set"]
        let shopTotal = MoneyText.decimal(MoneyText.normalized(totals?["shop_money"]?["amount"] ?? order.rest["total_price"])) ?? 0
        let presentmentTotal = MoneyText.decimal(MoneyText.normalized(totals?["presentment_money"]?["amount"] ?? order.rest["total_price"])) ?? 0
        let converted: (shop: Decimal, presentment: Decimal)
        if transactionCurrency == currency {
            converted = (amount, amount == shopTotal ? presentmentTotal : Self.convert(amount, from: shopTotal, to: presentmentTotal))
        } else {
            converted = (amount == presentmentTotal ? shopTotal : Self.convert(amount, from: presentmentTotal, to: shopTotal), amount)
        }
        return ["shopMoney": Values.money(converted.shop, currency), "presentmentMoney": Values.money(converted.presentment, presentment)]
    }

    /// `amount * to / from`, rounded to the cent; `amount` itself when the rate is unknown.
    private static func convert(_ amount: Decimal, from: Decimal, to: Decimal) -> Decimal {
        guard from != 0, to != 0 else { return amount }
        var exact = amount * to / from
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return rounded
    }
}
