import Foundation
import Testing
@testable import ShopifySimulator

@Suite("The REST order document")
struct OrderDocumentTests {
    private func order(shop: PricedOrder, presentment: PricedOrder) -> SimulatedOrder {
        let address = SimulatedAddress(
            firstName: "Ava", lastName: "Smith", address1: "1 Main St", city: "Berlin", province: "Berlin",
            provinceCode: "BE", country: "Germany", countryCode: "DE", zip: "10117", phone: "+15550000000")
        let variants = (0..<2).map { index in
            Catalog.Variant(productID: 10 + Int64(index), variantID: 20 + Int64(index), sku: "SKU-\(index)", productTitle: "Thing \(index)",
                            variantTitle: "Default Title", price: 10, grams: 100, isBundle: false)
        }
        return SimulatedOrder(
            id: 1, number: 1001, confirmationNumber: "ABC", customer: nil, email: "guest@example.com",
            billingAddress: address, shippingAddress: address, createdAt: Date(timeIntervalSince1970: 0),
            updatedAt: Date(timeIntervalSince1970: 0), cancelledAt: nil, cancelReason: nil,
            shopCurrency: "USD", presentmentCurrency: "EUR",
            lines: variants.enumerated().map { SimulatedOrderLine(id: 100 + Int64($0.offset), variant: $0.element, quantity: 1) },
            shippingLineID: 200, shippingTitle: "Standard",
            discounts: [DiscountApplication(target: .allLines, value: .fixedAmount(DecimalMoney.fixed(2, scale: 2)), code: "TWO", title: "TWO")],
            tax: TaxRegime(taxesIncluded: false, rates: [], shippingTaxable: false),
            shop: shop, presentment: presentment,
            payment: PaymentSplit(giftCard: .zero, card: MoneyPair(shop: shop.totalPrice, presentment: presentment.totalPrice)),
            financialStatus: "paid", fulfillmentStatus: nil, note: nil, tags: [], locationID: 1)
    }

    private func priced(_ unit: Decimal, allocations: [[Decimal]]) -> PricedOrder {
        PricedOrder(
            lines: allocations.map { shares in
                PricedLine(unitPrice: unit, quantity: 1, originalTotal: unit,
                           allocations: shares.map { PricedAllocation(applicationIndex: 0, amount: $0) }, taxes: [])
            },
            shipping: PricedShipping(price: 5, allocations: [], taxes: []), taxesIncluded: false, taxTotals: [])
    }

    @Test("a cent that rounds away in one currency keeps the allocations aligned by application")
    func allocationsMatchedByApplication() throws {
        let cent = DecimalMoney.fixed(1, scale: 2)
        // Shop: 0.01 + 0.01; presentment: nothing on the first line, 0.02 on the second.
        let shop = priced(10, allocations: [[cent], [cent]])
        let presentment = priced(DecimalMoney.fixed(920, scale: 2), allocations: [[], [cent * 2]])
        let document = try DocumentReader(data: OrderDocument.data(order(shop: shop, presentment: presentment), timestamps: ShopifyTimestamps(utcOffsetSeconds: 0)))
        try OrderDocumentCheck(order: document, side: .shop).verify()
        try OrderDocumentCheck(order: document, side: .presentment).verify()
        let first = try #require(try document.children("line_items").first).children("discount_allocations")
        #expect(first.count == 1)
        #expect(try first.first?.moneySet("amount_set").presentment == 0)
    }

    @Test("the order carries the fields a REST order webhook has")
    func restFields() throws {
        let document = try DocumentReader(data: OrderDocument.data(order(shop: priced(10, allocations: [[], []]), presentment: priced(10, allocations: [[], []])),
                                                                   timestamps: ShopifyTimestamps(utcOffsetSeconds: -5 * 3600)))
        for key in ["id", "admin_graphql_api_id", "name", "order_number", "email", "created_at", "updated_at", "processed_at",
                    "cancelled_at", "currency", "presentment_currency", "financial_status", "fulfillment_status", "taxes_included",
                    "total_price", "total_price_set", "subtotal_price", "subtotal_price_set", "total_tax", "total_tax_set",
                    "total_discounts", "total_discounts_set", "total_line_items_price", "total_line_items_price_set",
                    "discount_codes", "discount_applications", "line_items", "shipping_lines", "tax_lines",
                    "billing_address", "shipping_address", "payment_gateway_names"] {
            #expect(document[key] != nil, "missing \(key)")
        }
        #expect(try document.string("name") == "#1001")
        #expect(try document.string("created_at") == "1969-12-31T19:00:00-05:00")
        #expect(document["cancelled_at"] is NSNull)
        #expect(document["customer"] == nil, "a guest checkout has no customer")
    }
}
