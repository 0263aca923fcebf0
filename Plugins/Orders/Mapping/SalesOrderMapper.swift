import Foundation
import NetSuite
import PluginKit
import RecordMapping

/// Maps a Shopify order to a NetSuite sales order, line by line as MAPPING.md prescribes,
/// and checks the result against Shopify's total before anything is sent. Pure: no I/O.
///
/// Lines, in order: for each Shopify line an item line at Shopify's unit price on the custom
/// price level, followed by its discount line (the sum of the line's own allocations, which
/// include its share of order-level codes); bundles become their component lines, each with
/// its discount share. Then one tax line with Shopify's tax amounts (lines and shipping), then
/// the gift-card redemption as a negative line after tax. A gift card sold is a line on the
/// gift-card item (the liability), not on an item found by SKU. Shipping goes to the body's
/// `shippingCost`, net of its own discounts. For tax-inclusive prices every amount is net:
/// gross minus Shopify's own tax amounts for that line, never divided by (1 + rate).
///
/// ```swift
/// let mapped = try SalesOrderMapper(settings: settings).map(snapshot, input: input)
/// try await netsuite.upsert("salesOrder", externalID: mapped.record.externalID, record: mapped.record.json)
/// ```
public struct SalesOrderMapper: Sendable {
    /// NetSuite's built-in "Custom" price level: the line's rate is taken as given.
    public static let customPriceLevelID = "-1"

    /// The tenant's mapping settings.
    public let settings: OrderMappingSettings

    /// A mapper for one tenant's settings.
    public init(settings: OrderMappingSettings) {
        self.settings = settings
    }

    /// The SKUs whose NetSuite items the order needs: its non-bundle line SKUs and the
    /// components of its bundles. Lines without a SKU are left out (the mapper refuses them).
    public func requiredSKUs(of order: OrderSnapshot) -> [String] {
        var skus: [String] = []
        for line in order.lines where line.quantity > 0 && !line.isGiftCard {
            guard let sku = line.sku, !sku.isEmpty else { continue }
            if let components = settings.bundles.components[sku] {
                skus += components.map(\.sku)
            } else {
                skus.append(sku)
            }
        }
        var seen = Set<String>()
        return skus.filter { seen.insert($0).inserted }
    }

    /// The sales order for `order`.
    /// - Throws: ``OrderTotalMismatch`` when the mapped total differs from Shopify's total less
    ///   the gift card by more than the tenant's tolerance; ``OrderMappingError`` for a line
    ///   without a SKU or a presentment amount the order lacks; ``UnknownSKUError`` for an item missing from `input`.
    public func map(_ order: OrderSnapshot, input: SalesOrderMappingInput) throws -> MappedSalesOrder {
        let booking = settings.bookingCurrency
        let currency = order.currencyCode(booking)
        let scale = CurrencyScale.decimals(for: currency)
        func value(_ amount: OrderAmount, _ what: @autoclosure () -> String) throws -> Decimal {
            guard let value = amount.value(in: booking) else {
                throw OrderMappingError(code: "order_missing_presentment_amount",
                                        message: "order \(order.name): \(what()) has no amount in the presentment currency \(currency); book it in the shop currency")
            }
            return value
        }
        var lines: [SalesOrderRecord.Line] = []
        var notes: [String] = []
        var totalTax: Decimal = 0

        for line in order.lines where line.quantity > 0 {
            let label = "line '\(line.title)'"
            if line.isGiftCard {
                // A gift card sold is a liability, not revenue: its own item, whatever its SKU.
                let price = try value(line.unitPrice, "the unit price of \(label)")
                let discount = try line.discountAllocations.reduce(Decimal(0)) { $0 + (try value($1, "a discount of \(label)")) }
                let tax = try line.taxes.reduce(Decimal(0)) { $0 + (try value($1, "a tax of \(label)")) }
                totalTax += tax
                let amount = price * Decimal(line.quantity) - (order.taxesIncluded ? tax : 0)
                // Still a Shopify line at Shopify's price: the custom price level keeps any list price out.
                lines.append(itemLine(settings.giftCardItemID, quantity: Decimal(line.quantity),
                                      rate: Self.rate(amount, quantity: Decimal(line.quantity), scale: scale), amount: amount))
                if discount != 0 { lines.append(chargeLine(settings.discountItemID, amount: -discount)) }
                continue
            }
            guard let sku = line.sku?.trimmingCharacters(in: .whitespaces), !sku.isEmpty else {
                throw OrderMappingError(code: "order_line_without_sku",
                                        message: "order \(order.name): line '\(line.title)' has no SKU, so no NetSuite item can be found for it")
            }
            let unitPrice = try value(line.unitPrice, "the unit price of \(label)")
            let discount = try line.discountAllocations.reduce(Decimal(0)) { $0 + (try value($1, "a discount of \(label)")) }
            let tax = try line.taxes.reduce(Decimal(0)) { $0 + (try value($1, "a tax of \(label)")) }
            totalTax += tax
            let gross = unitPrice * Decimal(line.quantity)
            // Tax-inclusive: Shopify's own tax amounts come off; they return on the tax line.
            let itemAmount = order.taxesIncluded ? gross - tax : gross
            let itemRate = order.taxesIncluded ? Self.rate(itemAmount, quantity: Decimal(line.quantity), scale: scale) : unitPrice

            if let components = settings.bundles.components[sku], !components.isEmpty {
                let (componentLines, note) = try bundleLines(
                    order: order, bundleSKU: sku, components: components, bundleQuantity: line.quantity,
                    amount: itemAmount, discount: discount, input: input, scale: scale)
                lines += componentLines
                if let note { notes.append(note) }
            } else {
                let itemID = try Self.itemID(sku, order: order, input: input)
                lines.append(itemLine(itemID, quantity: Decimal(line.quantity), rate: itemRate, amount: itemAmount))
                if discount != 0 { lines.append(chargeLine(settings.discountItemID, amount: -discount)) }
            }
        }

        // Nothing to sell (no line, or every quantity edited to zero): NetSuite refuses a sales
        // order without items, and booking only shipping and tax would hide the problem.
        guard lines.contains(where: { $0.extraFields["price"] == .reference(Self.customPriceLevelID) }) else {
            throw OrderMappingError(code: "order_without_lines",
                                    message: "order \(order.name) has no line item with a quantity above 0, so there is nothing to book")
        }

        var shippingCost: Decimal?
        var shipMethod: String?
        for shipping in order.shippingLines {
            let label = "shipping '\(shipping.title)'"
            let price = try value(shipping.price, "the price of \(label)")
            let discount = try shipping.discountAllocations.reduce(Decimal(0)) { $0 + (try value($1, "a discount of \(label)")) }
            let tax = try shipping.taxes.reduce(Decimal(0)) { $0 + (try value($1, "a tax of \(label)")) }
            totalTax += tax
            shippingCost = (shippingCost ?? 0) + price - discount - (order.taxesIncluded ? tax : 0)
            shipMethod = shipMethod ?? settings.shippingMethodID(title: shipping.title, code: shipping.code)
        }

        if totalTax != 0 { lines.append(chargeLine(settings.taxItemID, amount: totalTax)) }
        let giftCard = try value(order.giftCardAmount, "the gift-card redemption")
        if giftCard != 0 { lines.append(chargeLine(settings.giftCardItemID, amount: -giftCard)) }

        var record = SalesOrderRecord(
            externalID: input.externalID, customerID: input.customerID, subsidiaryID: input.subsidiaryID,
            locationID: settings.locationID, currencyID: input.currencyID, tranDate: order.createdAt.map(Self.day),
            shippingCost: shippingCost, lines: lines)
        record.extraFields["otherRefNum"] = .string(order.name)
        if !order.discountCodes.isEmpty {
            record.extraFields["memo"] = .string("Shopify discount codes: \(order.discountCodes.joined(separator: ", "))")
        }
        if let shipMethod { record.extraFields["shipMethod"] = .reference(shipMethod) }

        let shopifyTotal = try value(order.totalPrice, "the order total")
        var mapped = MappedSalesOrder(record: record, currencyCode: currency, shopifyTotal: shopifyTotal, giftCard: giftCard,
                                      variance: 0, notes: notes)
        let difference = mapped.expectedTotal - mapped.mappedTotal
        guard difference != 0 else { return mapped }
        let mismatch = OrderTotalMismatch(
            orderName: order.name, shopifyTotal: Money(amount: shopifyTotal, currencyCode: currency),
            giftCard: Money(amount: giftCard, currencyCode: currency), mappedTotal: Money(amount: mapped.mappedTotal, currencyCode: currency))
        guard settings.totalTolerance > 0, abs(difference) <= settings.totalTolerance, let varianceItem = settings.varianceItemID else {
            throw mismatch
        }
        mapped.record.lines.append(chargeLine(varianceItem, amount: difference))
        mapped.variance = difference
        mapped.notes.append("variance \(mismatch.difference) booked on item \(varianceItem) (within tolerance): \(mismatch.message)")
        return mapped
    }

    /// A bundle line as its component lines, each followed by its discount share.
    private func bundleLines(
        order: OrderSnapshot, bundleSKU: String, components: [BundleMap.Component], bundleQuantity: Int,
        amount: Decimal, discount: Decimal, input: SalesOrderMappingInput, scale: Int
    ) throws -> ([SalesOrderRecord.Line], String?) {
        let itemIDs = try components.map { try Self.itemID($0.sku, order: order, input: input) }
        var note: String?
        let weights: [Decimal]
        switch settings.bundlePricing {
        case .master:
            weights = components.indices.map { $0 == 0 ? 1 : 0 }
        case .proportional:
            let prices = itemIDs.map { input.basePrices[$0] }
            if prices.allSatisfy({ ($0 ?? 0) > 0 }) {
                weights = zip(prices, components).map { ($0 ?? 0) * Decimal($1.quantity) }
            } else {
                // Without every list price a proportional split would be a guess; units are at least neutral.
                weights = components.map { Decimal($0.quantity) }
                let missing = zip(components, prices).filter { ($1 ?? 0) <= 0 }.map(\.0.sku)
                note = "bundle \(bundleSKU) of order \(order.name) spread by units: no list price for \(missing.joined(separator: ", "))"
            }
        }
        let amounts = MoneyAllocation.largestRemainder(total: amount, weights: weights, scale: scale)
        let discounts = MoneyAllocation.largestRemainder(total: discount, weights: weights, scale: scale)
        var lines: [SalesOrderRecord.Line] = []
        for (index, component) in components.enumerated() {
            // Both factors are outside data (the payload and the setting): never trap on their product.
            let (units, overflow) = bundleQuantity.multipliedReportingOverflow(by: component.quantity)
            guard !overflow else {
                throw OrderMappingError(code: "order_quantity_out_of_range",
                                        message: "order \(order.name): \(bundleQuantity) x bundle \(bundleSKU) of \(component.quantity) x \(component.sku) is too many units")
            }
            let quantity = Decimal(units)
            lines.append(itemLine(itemIDs[index], quantity: quantity, rate: Self.rate(amounts[index], quantity: quantity, scale: scale),
                                  amount: amounts[index]))
            if discounts[index] != 0 { lines.append(chargeLine(settings.discountItemID, amount: -discounts[index])) }
        }
        return (lines, note)
    }

    /// An item line on the custom price level.
    private func itemLine(_ itemID: String, quantity: Decimal, rate: Decimal, amount: Decimal) -> SalesOrderRecord.Line {
        SalesOrderRecord.Line(itemID: itemID, quantity: quantity, rate: rate, amount: amount,
                              extraFields: ["price": .reference(Self.customPriceLevelID)])
    }

    /// A one-unit line whose amount is given: discount, tax, gift card, variance.
    private func chargeLine(_ itemID: String, amount: Decimal) -> SalesOrderRecord.Line {
        SalesOrderRecord.Line(itemID: itemID, quantity: 1, rate: amount, amount: amount)
    }

    private static func itemID(_ sku: String, order: OrderSnapshot, input: SalesOrderMappingInput) throws -> String {
        guard let id = input.itemIDs[sku] else {
            throw UnknownSKUError(skus: [sku])
        }
        return id
    }

    /// The unit rate of a line whose amount is fixed: exact at the currency's scale when it
    /// divides evenly, otherwise to 6 decimals. The amount, not the rate, is what NetSuite books.
    static func rate(_ amount: Decimal, quantity: Decimal, scale: Int) -> Decimal {
        guard quantity > 0 else { return amount }
        let rounded = (amount / quantity).rounded(toScale: scale)
        return rounded * quantity == amount ? rounded : (amount / quantity).rounded(toScale: 6)
    }

    /// `yyyy-MM-dd` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
