import Foundation
import NetSuite
import Orders
import RecordMapping

/// An exact decimal from its text; NaN (which equals nothing) if the text is not a number.
func orderDecimal(_ text: String) -> Decimal {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
}

/// An amount whose shop and presentment sides are the same number (a one-currency order).
func same(_ text: String) -> OrderAmount {
    OrderAmount(shop: orderDecimal(text), presentment: orderDecimal(text))
}

/// Builders for mapper tests.
enum OrderFixtures {
    static let settings = OrderMappingSettings(
        discountItemID: "901", taxItemID: "902", giftCardItemID: "903", guestCustomerID: "77")

    static func input(itemIDs: [String: String] = ["WIDGET": "11", "GADGET": "12"], basePrices: [String: Decimal] = [:],
                      currencyID: String? = "1") throws -> SalesOrderMappingInput {
        SalesOrderMappingInput(externalID: try ExternalID("shopify-order-test-1"), customerID: "42", subsidiaryID: "3",
                               currencyID: currencyID, itemIDs: itemIDs, basePrices: basePrices)
    }

    /// MAPPING.md's worked example: 2 x WIDGET at 50.00 and 1 x GADGET at 30.00, SAVE10
    /// allocated 10.00 and 3.00, shipping 10.00 untaxed, tax 7.20 + 2.16, total 136.36,
    /// 50.00 paid by gift card.
    static func workedExample() -> OrderSnapshot {
        OrderSnapshot(
            id: 1001, name: "#1001", createdAt: Date(timeIntervalSince1970: 1_780_000_000), updatedAt: Date(timeIntervalSince1970: 1_780_000_100),
            cancelledAt: nil, financialStatus: "paid", fulfillmentStatus: nil, shopCurrency: "USD", presentmentCurrency: "USD",
            taxesIncluded: false,
            lines: [
                .init(id: 1, sku: "WIDGET", title: "Widget", quantity: 2, unitPrice: same("50.00"),
                      discountAllocations: [same("10.00")], taxes: [same("7.20")]),
                .init(id: 2, sku: "GADGET", title: "Gadget", quantity: 1, unitPrice: same("30.00"),
                      discountAllocations: [same("3.00")], taxes: [same("2.16")]),
            ],
            shippingLines: [.init(title: "Standard", code: "STD", price: same("10.00"), discountAllocations: [], taxes: [])],
            totalPrice: same("136.36"), discountCodes: ["SAVE10"], paymentGatewayNames: ["gift_card", "shopify_payments"],
            customer: CustomerSnapshot(id: 5, email: "buyer@example.com", firstName: "Ada", lastName: "Buyer", phone: nil, companyName: nil, updatedAt: nil), giftCardAmount: same("50.00"))
    }
}

/// One line as (item, quantity, amount), for compact expectations.
struct LineSummary: Equatable, CustomStringConvertible {
    let item: String
    let quantity: Decimal
    let amount: Decimal?

    init(_ item: String, _ quantity: Decimal, _ amount: String) {
        self.item = item
        self.quantity = quantity
        self.amount = orderDecimal(amount)
    }

    init(_ line: SalesOrderRecord.Line) {
        item = line.itemID
        quantity = line.quantity
        amount = line.amount
    }

    var description: String { "\(item) x\(quantity) = \(amount.map { "\($0)" } ?? "nil")" }
}
