import Foundation
import Testing

/// Checks that a REST order document adds up to the cent in one currency, from the
/// document alone (the way a consumer sees it).
struct OrderDocumentCheck {
    enum Side { case shop, presentment }

    let order: DocumentReader
    let side: Side

    private func amount(_ reader: DocumentReader, _ key: String) throws -> Decimal {
        let set = try reader.moneySet("\(key)_set")
        if side == .shop {
            #expect(try reader.money(key) == set.shop, "\(key) differs from its shop_money")
        }
        return side == .shop ? set.shop : set.presentment
    }

    private func allocations(_ reader: DocumentReader) throws -> [(index: Int, amount: Decimal)] {
        try reader.children("discount_allocations").map { allocation in
            (Int(try allocation.int64("discount_application_index")), try amount(allocation, "amount"))
        }
    }

    private func taxes(_ reader: DocumentReader) throws -> [(title: String, rate: Decimal, amount: Decimal)] {
        try reader.children("tax_lines").map { line in
            (try line.string("title"), try line.rate("rate"), try amount(line, "price"))
        }
    }

    private func expectedTax(on base: Decimal, rate: Decimal, included: Bool) -> Decimal {
        DocumentReader.rounded(included ? base - base / (1 + rate) : base * rate)
    }

    /// Checks every sum of the order; returns the total price for further checks.
    @discardableResult
    func verify() throws -> Decimal {
        let included = try order.bool("taxes_included")
        var lineItemsTotal: Decimal = 0, lineDiscounts: Decimal = 0
        var taxByTitle: [String: Decimal] = [:]
        var discountByApplication: [Int: Decimal] = [:]
        for line in try order.children("line_items") {
            let quantity = Decimal(try line.int64("quantity"))
            let original = try amount(line, "price") * quantity
            let lineAllocations = try allocations(line)
            let discount = lineAllocations.reduce(Decimal(0)) { $0 + $1.amount }
            #expect(discount <= original, "a line is discounted below zero")
            for allocation in lineAllocations { discountByApplication[allocation.index, default: 0] += allocation.amount }
            for tax in try taxes(line) {
                #expect(tax.amount == expectedTax(on: original - discount, rate: tax.rate, included: included),
                        "line tax \(tax.title) is not rounded per line from its rate")
                taxByTitle[tax.title, default: 0] += tax.amount
            }
            lineItemsTotal += original
            lineDiscounts += discount
        }
        var shippingTotal: Decimal = 0, shippingDiscounts: Decimal = 0
        for shipping in try order.children("shipping_lines") {
            let price = try amount(shipping, "price")
            let shippingAllocations = try allocations(shipping)
            let discount = shippingAllocations.reduce(Decimal(0)) { $0 + $1.amount }
            for allocation in shippingAllocations { discountByApplication[allocation.index, default: 0] += allocation.amount }
            #expect(try amount(shipping, "discounted_price") == price - discount, "discounted_price is not price minus its allocations")
            for tax in try taxes(shipping) {
                #expect(tax.amount == expectedTax(on: price - discount, rate: tax.rate, included: included))
                taxByTitle[tax.title, default: 0] += tax.amount
            }
            shippingTotal += price - discount
            shippingDiscounts += discount
        }
        var orderTax: Decimal = 0
        for tax in try taxes(order) {
            #expect(tax.amount == taxByTitle[tax.title], "order tax line \(tax.title) is not the sum of its line taxes")
            orderTax += tax.amount
        }
        #expect(orderTax == taxByTitle.values.reduce(0, +), "a line tax is missing from the order's tax_lines")
        let subtotal = try amount(order, "subtotal_price")
        let totalTax = try amount(order, "total_tax")
        #expect(try amount(order, "total_line_items_price") == lineItemsTotal)
        #expect(subtotal == lineItemsTotal - lineDiscounts, "subtotal_price is not line items minus their discounts")
        #expect(try amount(order, "total_discounts") == lineDiscounts + shippingDiscounts)
        #expect(totalTax == orderTax)
        let total = try amount(order, "total_price")
        #expect(total == subtotal + shippingTotal + (included ? 0 : totalTax), "total_price does not add up")
        #expect(total > 0)
        if side == .shop {
            let applications = try order.children("discount_applications")
            #expect(discountByApplication.keys.allSatisfy { $0 >= 0 && $0 < applications.count }, "an allocation names no application")
        }
        return total
    }
}
