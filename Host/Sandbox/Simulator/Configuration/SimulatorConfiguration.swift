import Foundation

/// Everything that shapes the simulated store's traffic. Every field has a default; the
/// same configuration (and so the same `seed`) always yields the same documents.
///
/// ```swift
/// var configuration = SimulatorConfiguration(seed: 42)
/// configuration.taxInclusiveShare = 0.5
/// configuration.followUps.cancel = 0.2
/// ```
public struct SimulatorConfiguration: Sendable {
    /// Fixes every random choice: catalog, customers, orders, follow-ups, payouts.
    public var seed: UInt64
    /// The shop's currency (ISO 4217, two decimals). Must match the currency the shop was
    /// created with in the sandbox. Default `USD`.
    public var shopCurrency: String
    /// The currency foreign customers pay in (two decimals). Default `EUR`.
    public var presentmentCurrency: String
    /// Presentment units per shop unit (fixed for the run): 0.92 means 1.00 USD = 0.92 EUR.
    public var exchangeRate: Decimal
    /// Share of orders paid in `presentmentCurrency` instead of the shop currency. Default 0.2.
    public var presentmentCurrencyShare: Double
    /// Share of orders taxed EU-style, VAT inside prices (`taxes_included`); the rest are
    /// taxed US-style with several exclusive tax lines. Default 0.3.
    public var taxInclusiveShare: Double
    /// Share of order lines that sell a bundle SKU. Default 0.2.
    public var bundleShare: Double
    /// Share of orders paid partly (or, for a fifth of them, fully) by gift card. Default 0.1.
    public var giftCardShare: Double
    /// Share of orders with an order-level discount code. Default 0.4.
    public var discountCodeShare: Double
    /// Share of orders with an automatic discount on one of their lines. Default 0.15.
    public var lineDiscountShare: Double
    /// Share of orders whose shipping is discounted (free or a fixed amount off). Default 0.25.
    public var shippingDiscountShare: Double
    /// Share of orders placed without a customer account. Default 0.1.
    public var guestCheckoutShare: Double
    /// Share of customer orders placed by a customer seen before. Default 0.3.
    public var returningCustomerShare: Double
    /// Share of card orders only authorized, not captured (`financial_status` authorized):
    /// they are never paid out and a cancellation voids them. Default 0.05.
    public var authorizedOnlyShare: Double
    /// Probabilities of the follow-ups played after each order.
    public var followUps: FollowUpProbabilities
    /// At most this many lines per order (at least 1). Default 4.
    public var maximumLinesPerOrder: Int
    /// At most this many units per line (at least 1). Default 3.
    public var maximumQuantityPerLine: Int
    /// The size of the seeded catalog.
    public var catalog: CatalogSize
    /// The Shopify Payments fee charged on each card charge.
    public var cardFee: CardFee
    /// Probability that a payout also carries an adjustment (e.g. a chargeback fee). Default 0.3.
    public var payoutAdjustmentShare: Double
    /// The simulated time of the first order; later events move forward from it.
    public var startDate: Date
    /// The shop's UTC offset in seconds, used to write timestamps. Default -5 h.
    public var utcOffsetSeconds: Int
    /// The first `order_number` (the order's name is `#` and this number). Default 1001.
    public var firstOrderNumber: Int
    /// Orders played at the same time during a flash sale. Default 8.
    public var maximumConcurrency: Int

    /// Creates a configuration; every parameter has the default documented on its property.
    public init(
        seed: UInt64 = 1,
        shopCurrency: String = "USD",
        presentmentCurrency: String = "EUR",
        exchangeRate: Decimal = DecimalMoney.fixed(92, scale: 2),
        presentmentCurrencyShare: Double = 0.2,
        taxInclusiveShare: Double = 0.3,
        bundleShare: Double = 0.2,
        giftCardShare: Double = 0.1,
        discountCodeShare: Double = 0.4,
        lineDiscountShare: Double = 0.15,
        shippingDiscountShare: Double = 0.25,
        guestCheckoutShare: Double = 0.1,
        returningCustomerShare: Double = 0.3,
        authorizedOnlyShare: Double = 0.05,
        followUps: FollowUpProbabilities = .init(),
        maximumLinesPerOrder: Int = 4,
        maximumQuantityPerLine: Int = 3,
        catalog: CatalogSize = .init(),
        cardFee: CardFee = .init(),
        payoutAdjustmentShare: Double = 0.3,
        startDate: Date = Date(timeIntervalSince1970: 1_772_460_000),
        utcOffsetSeconds: Int = -5 * 3600,
        firstOrderNumber: Int = 1001,
        maximumConcurrency: Int = 8
    ) {
        self.seed = seed
        self.shopCurrency = shopCurrency
        self.presentmentCurrency = presentmentCurrency
        self.exchangeRate = exchangeRate
        self.presentmentCurrencyShare = presentmentCurrencyShare
        self.taxInclusiveShare = taxInclusiveShare
        self.bundleShare = bundleShare
        self.giftCardShare = giftCardShare
        self.discountCodeShare = discountCodeShare
        self.lineDiscountShare = lineDiscountShare
        self.shippingDiscountShare = shippingDiscountShare
        self.guestCheckoutShare = guestCheckoutShare
        self.returningCustomerShare = returningCustomerShare
        self.authorizedOnlyShare = authorizedOnlyShare
        self.followUps = followUps
        self.maximumLinesPerOrder = maximumLinesPerOrder
        self.maximumQuantityPerLine = maximumQuantityPerLine
        self.catalog = catalog
        self.cardFee = cardFee
        self.payoutAdjustmentShare = payoutAdjustmentShare
        self.startDate = startDate
        self.utcOffsetSeconds = utcOffsetSeconds
        self.firstOrderNumber = firstOrderNumber
        self.maximumConcurrency = maximumConcurrency
    }
}

/// How likely each follow-up is after an order is placed. Cancellation excludes the
/// others except the edit; a refund and a fulfillment may both happen, in either order.
public struct FollowUpProbabilities: Sendable {
    /// A note or tag change (`orders/updated`), made while the order is unfulfilled. Default 0.2.
    public var update: Double
    /// A cancellation (`orders/cancelled`, plus a full refund if the order was paid). Default 0.1.
    public var cancel: Double
    /// A partial refund of some units, with or without restock (`refunds/create`). Default 0.15.
    public var partialRefund: Double
    /// A fulfillment of every unit not refunded (`fulfillments/create`). Default 0.6.
    public var fulfillment: Double

    /// Creates the probabilities; defaults as documented on each property.
    public init(update: Double = 0.2, cancel: Double = 0.1, partialRefund: Double = 0.15, fulfillment: Double = 0.6) {
        self.update = update
        self.cancel = cancel
        self.partialRefund = partialRefund
        self.fulfillment = fulfillment
    }
}

/// The size of the catalog the simulator seeds.
public struct CatalogSize: Sendable {
    /// Locations (warehouses, stores). At least 1. Default 3.
    public var locations: Int
    /// Ordinary products, each with one to three variants. At least 1. Default 8.
    public var products: Int
    /// Bundle products, each sold under one bundle SKU made of catalog components. Default 2.
    public var bundles: Int
    /// Units stocked per variant and location. Default 500.
    public var unitsPerLocation: Int

    /// Creates a catalog size; defaults as documented on each property.
    public init(locations: Int = 3, products: Int = 8, bundles: Int = 2, unitsPerLocation: Int = 500) {
        self.locations = locations
        self.products = products
        self.bundles = bundles
        self.unitsPerLocation = unitsPerLocation
    }
}

/// A card processing fee: `rate` of the charge plus `fixed`, rounded to the cent.
public struct CardFee: Sendable {
    /// Proportional part. Default 0.029 (2.9 %).
    public var rate: Decimal
    /// Fixed part per charge, in the shop currency. Default 0.30.
    public var fixed: Decimal

    /// Creates a fee; defaults as documented on each property.
    public init(rate: Decimal = DecimalMoney.fixed(29, scale: 3), fixed: Decimal = DecimalMoney.fixed(30, scale: 2)) {
        self.rate = rate
        self.fixed = fixed
    }

    /// The fee on a charge of `amount`.
    public func fee(on amount: Decimal) -> Decimal {
        DecimalMoney.rounded(amount * rate + fixed)
    }
}
