import Foundation

/// Draws one order: lines from the catalog, discounts, shipping, tax regime, currency and
/// payment, then prices it in both currencies.
struct OrderFactory {
    let configuration: SimulatorConfiguration
    let catalog: Catalog

    struct Draft {
        var id: Int64
        var number: Int
        var createdAt: Date
        var customer: SimulatedCustomer?
        var locationID: Int64
    }

    func order(_ draft: Draft, ids: inout IDSequence, random: inout SeededRandom) -> SimulatedOrder {
        let region = random.chance(configuration.taxInclusiveShare)
            ? (random.pick(SalesRegion.inclusive) ?? SalesRegion.inclusive[0])
            : (random.pick(SalesRegion.exclusive) ?? SalesRegion.exclusive[0])
        let foreign = configuration.presentmentCurrency != configuration.shopCurrency
            && random.chance(configuration.presentmentCurrencyShare)
        let lines = drawLines(ids: &ids, random: &random)
        let shippingTitle = random.pick(Self.shippingRates.map(\.title)) ?? "Standard"
        let shippingPrice = Self.shippingRates.first { $0.title == shippingTitle }?.price ?? DecimalMoney.fixed(499, scale: 2)
        var discounts = drawDiscounts(lineCount: lines.count, random: &random)

        var (shop, presentment) = price(lines: lines, shipping: shippingPrice, discounts: discounts, tax: region.tax, foreign: foreign)
        if shop.totalPrice < 1 || presentment.totalPrice < 1 {
            // A fully discounted order would need a "manual" gateway; keep traffic paid.
            discounts = []
            (shop, presentment) = price(lines: lines, shipping: shippingPrice, discounts: [], tax: region.tax, foreign: foreign)
        }
        let total = MoneyPair(shop: shop.totalPrice, presentment: presentment.totalPrice)
        let giftCard = drawGiftCard(total: total, foreign: foreign, random: &random)
        let payment = PaymentSplit(giftCard: giftCard, card: total - giftCard)
        let authorizedOnly = giftCard == .zero && random.chance(configuration.authorizedOnlyShare)

        let phone = draft.customer?.phone ?? CustomerFactory.phoneNumber(&random)
        let name = draft.customer.map { ($0.firstName, $0.lastName) } ?? CustomerFactory.guestName(&random)
        let address = CustomerFactory.address(first: name.0, last: name.1, phone: phone, region: region)
        let email = draft.customer?.email ?? "guest.\(draft.number)@example.com"
        return SimulatedOrder(
            id: draft.id,
            number: draft.number,
            confirmationNumber: Self.confirmationNumber(&random),
            customer: draft.customer,
            email: email,
            billingAddress: address,
            shippingAddress: address,
            createdAt: draft.createdAt,
            updatedAt: draft.createdAt,
            cancelledAt: nil,
            cancelReason: nil,
            shopCurrency: configuration.shopCurrency,
            presentmentCurrency: foreign ? configuration.presentmentCurrency : configuration.shopCurrency,
            lines: lines,
            shippingLineID: ids.take(),
            shippingTitle: shippingTitle,
            discounts: discounts,
            tax: region.tax,
            shop: shop,
            presentment: presentment,
            payment: payment,
            financialStatus: authorizedOnly ? "authorized" : "paid",
            fulfillmentStatus: nil,
            note: nil,
            tags: [],
            locationID: draft.locationID
        )
    }

    /// Prices in the shop currency, and in the presentment currency from unit prices
    /// converted at the fixed rate and rounded to the cent, each currency on its own.
    private func price(
        lines: [SimulatedOrderLine], shipping: Decimal, discounts: [DiscountApplication], tax: TaxRegime, foreign: Bool
    ) -> (PricedOrder, PricedOrder) {
        let shop = OrderPricer.price(PricingInput(
            lines: lines.map { ($0.variant.price, $0.quantity) }, shippingPrice: shipping,
            discounts: discounts, tax: tax, convert: { $0 }
        ))
        guard foreign else { return (shop, shop) }
        let rate = configuration.exchangeRate
        let convert: (Decimal) -> Decimal = { DecimalMoney.rounded($0 * rate) }
        let presentment = OrderPricer.price(PricingInput(
            lines: lines.map { (convert($0.variant.price), $0.quantity) }, shippingPrice: convert(shipping),
            discounts: discounts, tax: tax, convert: convert
        ))
        return (shop, presentment)
    }

    private func drawLines(ids: inout IDSequence, random: inout SeededRandom) -> [SimulatedOrderLine] {
        let count = random.int(in: 1...max(configuration.maximumLinesPerOrder, 1))
        var chosen: [Catalog.Variant] = []
        for _ in 0..<count {
            let pool = random.chance(configuration.bundleShare) && !catalog.bundleVariants.isEmpty
                ? catalog.bundleVariants : catalog.singleVariants
            let fresh = pool.filter { candidate in !chosen.contains { $0.variantID == candidate.variantID } }
            if let variant = random.pick(fresh) { chosen.append(variant) }
        }
        if chosen.isEmpty, let any = catalog.variants.first { chosen.append(any) }
        return chosen.map { variant in
            SimulatedOrderLine(id: ids.take(), variant: variant, quantity: random.int(in: 1...max(configuration.maximumQuantityPerLine, 1)))
        }
    }

    private func drawDiscounts(lineCount: Int, random: inout SeededRandom) -> [DiscountApplication] {
        var discounts: [DiscountApplication] = []
        if random.chance(configuration.lineDiscountShare) {
            let percent = random.pick([5, 15, 20]) ?? 15
            discounts.append(DiscountApplication(
                target: .line(random.int(in: 0...(lineCount - 1))), value: .percentage(DecimalMoney.fixed(percent, scale: 2)),
                code: nil, title: "Spring promo \(percent)%"
            ))
        }
        if random.chance(configuration.discountCodeShare) {
            discounts.append(random.pick(Self.codes) ?? Self.codes[0])
        }
        if random.chance(configuration.shippingDiscountShare) {
            let free = random.chance(0.5)
            discounts.append(DiscountApplication(
                target: .shipping,
                value: free ? .percentage(1) : .fixedAmount(DecimalMoney.fixed(300, scale: 2)),
                code: nil, title: free ? "Free shipping" : "3.00 off shipping"
            ))
        }
        return discounts
    }

    /// A partial gift card (20–80 % of the total) or, one time in five, the whole total.
    ///
    /// The customer redeems in the currency they pay in, so a foreign order's redemption is drawn in
    /// the presentment currency and Shopify books it in the shop currency at the order's own rate
    /// (its total in both currencies), to the cent. REST order transactions carry the presentment
    /// amount only; the Shopify sandbox converts `Order.transactions` amounts the same way.
    private func drawGiftCard(total: MoneyPair, foreign: Bool, random: inout SeededRandom) -> MoneyPair {
        guard random.chance(configuration.giftCardShare) else { return .zero }
        if random.chance(0.2) { return total }
        let share = DecimalMoney.fixed(random.int(in: 20...80), scale: 2)
        let presentment = DecimalMoney.rounded(total.presentment * share)
        let shop = foreign && total.presentment > 0
            ? DecimalMoney.rounded(presentment * total.shop / total.presentment) : presentment
        guard shop > 0, shop < total.shop, presentment > 0, presentment < total.presentment else { return .zero }
        return MoneyPair(shop: shop, presentment: presentment)
    }

    private static func confirmationNumber(_ random: inout SeededRandom) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<9).map { _ in random.pick(letters) ?? "X" })
    }

    static let shippingRates: [(title: String, price: Decimal)] = [
        ("Standard", DecimalMoney.fixed(499, scale: 2)),
        ("Express", DecimalMoney.fixed(1495, scale: 2)),
        ("Economy", DecimalMoney.fixed(350, scale: 2)),
    ]

    static let codes: [DiscountApplication] = [
        DiscountApplication(target: .allLines, value: .percentage(DecimalMoney.fixed(10, scale: 2)), code: "SAVE10", title: "SAVE10"),
        DiscountApplication(target: .allLines, value: .percentage(DecimalMoney.fixed(15, scale: 2)), code: "WELCOME15", title: "WELCOME15"),
        DiscountApplication(target: .allLines, value: .fixedAmount(DecimalMoney.fixed(700, scale: 2)), code: "TAKE7", title: "TAKE7"),
        DiscountApplication(target: .allLines, value: .fixedAmount(DecimalMoney.fixed(4, scale: 2)), code: "PENNIES", title: "PENNIES"),
    ]
}
