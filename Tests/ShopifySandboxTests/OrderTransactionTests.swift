import Foundation
import ShopifySandbox
import Testing

/// Order transactions, shipping-line discount allocations and `updated_at:>=` order searches.
@Suite("Order transactions and order details")
struct OrderTransactionTests {
    /// A REST order of 100.00 USD shop money, 135.00 CAD presentment, with one discounted shipping line.
    static func foreignOrder(id: Int64) -> Data {
        let document: [String: Any] = [
            "id": id, "name": "#\(id)", "order_number": id, "currency": "USD", "presentment_currency": "CAD",
            "total_price": "135.00", "subtotal_price": "130.00", "total_tax": "0.00", "total_discounts": "2.00",
            "total_price_set": ["shop_money": ["amount": "100.00", "currency_code": "USD"],
                                "presentment_money": ["amount": "135.00", "currency_code": "CAD"]],
            "financial_status": "paid", "created_at": "2026-02-01T10:00:00Z", "updated_at": "2026-02-01T10:00:00Z",
            "line_items": [[String: Any]](),
            "shipping_lines": [[
                "id": id * 10, "title": "Standard", "price": "7.00", "discounted_price": "5.00",
                "discount_allocations": [[
                    "amount": "2.00", "discount_application_index": 0,
                    "amount_set": ["shop_money": ["amount": "1.48", "currency_code": "USD"],
                                   "presentment_money": ["amount": "2.00", "currency_code": "CAD"]],
                ]],
            ]],
        ]
        return (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
    }

    /// A REST order transaction as `order_transactions/create` carries it.
    static func transaction(id: Int64, orderID: Int64, kind: String, gateway: String, amount: String, currency: String = "CAD",
                            status: String = "success", parentID: Int64? = nil, createdAt: String = "2026-02-01T10:00:01Z") -> Data {
        var document: [String: Any] = [
            "id": id, "order_id": orderID, "kind": kind, "status": status, "gateway": gateway, "amount": amount,
            "currency": currency, "created_at": createdAt, "processed_at": createdAt, "test": false,
        ]
        if let parentID { document["parent_id"] = parentID }
        return (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
    }

    static let transactionsQuery = """
        query($id: ID!, $capturable: Boolean) {
          order(id: $id) {
            transactions(first: 10, capturable: $capturable) {
              id kind status gateway test createdAt processedAt
              amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
            }
          }
        }
        """

    @Test func transactionsAttachToTheirOrderEvenWhenTheyArriveFirst() async throws {
        try await withSandbox { harness in
            let shop = harness.shop.domain
            // The gift-card payment arrives before its order; the card one after.
            try await harness.sandbox.recordEvent(shop: shop, topic: "order_transactions/create",
                                                  payload: Self.transaction(id: 501, orderID: 50, kind: "sale", gateway: "gift_card", amount: "40.50"))
            try await harness.sandbox.recordEvent(shop: shop, topic: "orders/create", payload: Self.foreignOrder(id: 50))
            try await harness.sandbox.recordEvent(shop: shop, topic: "order_transactions/create",
                                                  payload: Self.transaction(id: 502, orderID: 50, kind: "sale", gateway: "shopify_payments",
                                                                            amount: "94.50", createdAt: "2026-02-01T10:00:02Z"))
            // A redelivery of the same transaction does not add a second one.
            try await harness.sandbox.recordEvent(shop: shop, topic: "order_transactions/create",
                                                  payload: Self.transaction(id: 501, orderID: 50, kind: "sale", gateway: "gift_card", amount: "40.50"))

            let answer = try await harness.graphQL(Self.transactionsQuery, variables: ["id": "gid://shopify/Order/50"])
            #expect(errorMessages(answer).isEmpty, "\(errorMessages(answer))")
            let transactions = value(answer, "data", "order", "transactions") as? [[String: Any]] ?? []
            #expect(transactions.count == 2)
            #expect(transactions.compactMap { $0["id"] as? String } == ["gid://shopify/OrderTransaction/501", "gid://shopify/OrderTransaction/502"])
            #expect(transactions.compactMap { $0["kind"] as? String } == ["SALE", "SALE"])
            #expect(transactions.compactMap { $0["status"] as? String } == ["SUCCESS", "SUCCESS"])
            #expect(transactions.compactMap { $0["gateway"] as? String } == ["gift_card", "shopify_payments"])
            #expect(value(transactions.first, "amountSet", "presentmentMoney", "amount") as? String == "40.50")
            #expect(value(transactions.first, "amountSet", "presentmentMoney", "currencyCode") as? String == "CAD")
            // 40.50 CAD at the order's 100.00 USD / 135.00 CAD.
            #expect(value(transactions.first, "amountSet", "shopMoney", "amount") as? String == "30.00")
            #expect(value(transactions.first, "amountSet", "shopMoney", "currencyCode") as? String == "USD")
            #expect(value(transactions.first, "processedAt") as? String == "2026-02-01T10:00:01Z")
            #expect(transactions.first?["test"] as? Bool == false)

            let orphan = try? await harness.sandbox.recordEvent(
                shop: shop, topic: "order_transactions/create",
                payload: Data(#"{"id": 9, "kind": "sale", "amount": "1.00"}"#.utf8))
            #expect(orphan == nil, "a transaction without order_id is refused")
        }
    }

    @Test func capturableKeepsOpenAuthorizationsAndRefundsAppearAsRefundTransactions() async throws {
        try await withSandbox { harness in
            let shop = harness.shop.domain
            try await harness.sandbox.recordEvent(shop: shop, topic: "orders/create", payload: Self.foreignOrder(id: 60))
            try await harness.sandbox.recordEvent(shop: shop, topic: "order_transactions/create",
                                                  payload: Self.transaction(id: 601, orderID: 60, kind: "authorization", gateway: "shopify_payments", amount: "135.00"))
            var answer = try await harness.graphQL(Self.transactionsQuery, variables: ["id": "gid://shopify/Order/60", "capturable": true])
            var transactions = value(answer, "data", "order", "transactions") as? [[String: Any]] ?? []
            #expect(transactions.compactMap { $0["kind"] as? String } == ["AUTHORIZATION"])
            // The whole order: the shop amount is the order's shop total exactly.
            #expect(value(transactions.first, "amountSet", "shopMoney", "amount") as? String == "100.00")

            try await harness.sandbox.recordEvent(shop: shop, topic: "order_transactions/create",
                                                  payload: Self.transaction(id: 602, orderID: 60, kind: "capture", gateway: "shopify_payments",
                                                                            amount: "135.00", parentID: 601, createdAt: "2026-02-02T09:00:00Z"))
            answer = try await harness.graphQL(Self.transactionsQuery, variables: ["id": "gid://shopify/Order/60", "capturable": true])
            #expect((value(answer, "data", "order", "transactions") as? [Any])?.isEmpty == true)

            let refund: [String: Any] = [
                "id": 70, "order_id": 60, "created_at": "2026-02-03T09:00:00Z", "refund_line_items": [[String: Any]](),
                "transactions": [["id": 603, "order_id": 60, "kind": "refund", "status": "success", "gateway": "shopify_payments",
                                  "amount": "13.50", "currency": "CAD"]],
            ]
            try await harness.sandbox.recordEvent(shop: shop, topic: "refunds/create", payload: try JSONSerialization.data(withJSONObject: refund))
            answer = try await harness.graphQL(Self.transactionsQuery, variables: ["id": "gid://shopify/Order/60"])
            transactions = value(answer, "data", "order", "transactions") as? [[String: Any]] ?? []
            #expect(transactions.compactMap { $0["kind"] as? String } == ["AUTHORIZATION", "CAPTURE", "REFUND"])
            #expect(value(transactions.last, "amountSet", "shopMoney", "amount") as? String == "10.00")
            #expect(value(transactions.last, "createdAt") as? String == "2026-02-03T09:00:00Z")
        }
    }

    @Test func shippingLineDiscountAllocationsComeFromTheRestShippingLine() async throws {
        try await withSandbox { harness in
            try await harness.sandbox.recordEvent(shop: harness.shop.domain, topic: "orders/create", payload: Self.foreignOrder(id: 80))
            let answer = try await harness.graphQL("""
                { order(id: "gid://shopify/Order/80") {
                    shippingLines(first: 5) { nodes { title discountAllocations {
                      allocatedAmountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } } }
                } }
                """)
            #expect(errorMessages(answer).isEmpty, "\(errorMessages(answer))")
            let allocations = value(answer, "data", "order", "shippingLines", "nodes", "0", "discountAllocations") as? [[String: Any]] ?? []
            #expect(allocations.count == 1)
            #expect(value(allocations.first, "allocatedAmountSet", "shopMoney", "amount") as? String == "1.48")
            #expect(value(allocations.first, "allocatedAmountSet", "presentmentMoney", "amount") as? String == "2.00")
            #expect(value(allocations.first, "allocatedAmountSet", "presentmentMoney", "currencyCode") as? String == "CAD")
        }
    }

    @Test func ordersSearchTakesGreaterOrEqualOnUpdatedAt() async throws {
        try await withSandbox { harness in
            for day in 1...4 {
                try await harness.sandbox.recordEvent(
                    shop: harness.shop.domain, topic: "orders/create", payload: restOrder(id: Int64(200 + day), updatedAt: "2026-03-0\(day)T12:00:00Z"))
            }
            func ids(_ search: String) async throws -> [String] {
                let answer = try await harness.graphQL("""
                    query($q: String) { orders(first: 10, sortKey: UPDATED_AT, query: $q) { nodes { legacyResourceId } } }
                    """, variables: ["q": search])
                #expect(errorMessages(answer).isEmpty, "\(errorMessages(answer))")
                return (value(answer, "data", "orders", "nodes") as? [[String: Any]] ?? []).compactMap { $0["legacyResourceId"] as? String }
            }
            // The bound is the exact updated_at of order 202: >= keeps it, > does not.
            #expect(try await ids("updated_at:>='2026-03-02T12:00:00Z'") == ["202", "203", "204"])
            #expect(try await ids("updated_at:>'2026-03-02T12:00:00Z'") == ["203", "204"])
            #expect(try await ids("updated_at:>=2026-03-03T12:00:00Z") == ["203", "204"])
            #expect(try await ids("updated_at:>='2026-03-02T12:00:00Z' updated_at:<='2026-03-03T12:00:00Z'") == ["202", "203"])
        }
    }
}
