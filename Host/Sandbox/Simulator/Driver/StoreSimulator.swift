import Foundation
import Logging
import ShopifySandbox

/// Plays realistic store traffic into a Shopify sandbox shop through the sandbox's public
/// API: a catalog, customers, orders with follow-ups (edits, cancellations, partial
/// refunds, fulfillments) and Shopify Payments payouts.
///
/// The documents are written by a ``StoreScript`` before they are played, so a seed fixes
/// them whatever the rate or concurrency.
///
/// ```swift
/// let simulator = StoreSimulator(sandbox: sandbox, shop: "acme.myshopify.com", configuration: .init(seed: 7))
/// let summary = try await simulator.flashSale(orders: 200, within: .seconds(2))
/// let payouts = try await simulator.settlePayouts()
/// let expected = summary.expectedTotals[summary.ordersCreated[0]]
/// ```
public actor StoreSimulator {
    /// The sandbox shop's domain.
    public nonisolated let shop: String
    /// What shapes the traffic.
    public nonisolated let configuration: SimulatorConfiguration
    let sandbox: ShopifySandbox
    private let logger: Logger
    var script: StoreScript?
    var played: Set<Int64> = []
    private var seeding: Task<Catalog, any Error>?
    /// Everything played so far, across calls.
    public internal(set) var summary = SimulationSummary()

    /// A simulator for the sandbox shop `shop` (already created with `createShop`, in
    /// `configuration.shopCurrency`).
    public init(sandbox: ShopifySandbox, shop: String, configuration: SimulatorConfiguration, logger: Logger = Logger(label: "synchost.simulator")) {
        self.sandbox = sandbox
        self.shop = shop
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "shop"] = .string(shop)
        self.logger = logger
    }

    /// The catalog in the shop, seeding it on first use: locations, products with
    /// variants and SKUs (bundle SKUs among them) and stock at every location.
    @discardableResult
    public func seedCatalog() async throws -> Catalog {
        if let script { return script.catalog }
        // Calls that arrive while the catalog is being seeded wait for that one seeding.
        if let seeding { return install(try await seeding.value) }
        try validate()
        var random = SeededRandom(seed: configuration.seed)
        let plan = CatalogPlan.generate(size: configuration.catalog, random: &random)
        let sandbox = sandbox, shop = shop
        let task = Task { try await SandboxCatalogSeeder.seed(plan, sandbox: sandbox, shop: shop) }
        seeding = task
        defer { seeding = nil }
        let catalog = install(try await task.value)
        logger.info("catalog seeded", metadata: ["locations": "\(catalog.locations.count)", "variants": "\(catalog.variants.count)"])
        return catalog
    }

    /// Starts the script on `catalog` unless a caller that resumed first already did.
    private func install(_ catalog: Catalog) -> Catalog {
        if script == nil { script = StoreScript(configuration: configuration, catalog: catalog) }
        return catalog
    }

    /// Places `orders` orders at `ratePerSecond` (wall-clock), each followed by its
    /// follow-ups, with at most `configuration.maximumConcurrency` orders in flight.
    public func run(orders: Int, ratePerSecond: Double) async throws -> SimulationSummary {
        guard orders >= 0, ratePerSecond > 0, ratePerSecond.isFinite else {
            throw StoreSimulatorError(.invalidConfiguration, "run needs orders >= 0 and a positive rate, got \(orders) at \(ratePerSecond)/s")
        }
        let spacing = Duration.seconds(1 / ratePerSecond)
        return try await play(count: orders, simulatedGap: 30...900) { index in spacing * index }
    }

    /// A flash sale: `orders` orders spread evenly over `within` (hundreds in seconds),
    /// with at most `configuration.maximumConcurrency` in flight; simulated time moves a
    /// second or two per order.
    public func flashSale(orders: Int, within duration: Duration) async throws -> SimulationSummary {
        guard orders >= 0, duration >= .zero else {
            throw StoreSimulatorError(.invalidConfiguration, "a flash sale needs orders >= 0 and a duration >= 0")
        }
        return try await play(count: orders, simulatedGap: 1...3) { index in duration * Double(index) / Double(max(orders, 1)) }
    }

    /// Books Shopify Payments payouts of the card charges and card refunds of the orders
    /// played so far and not paid out yet, one per day of processing (gift-card money is
    /// never paid out), and records them in the sandbox with their balance transactions.
    /// Returns the payouts booked: none when nothing is due.
    public func settlePayouts() async throws -> [SimulatedPayout] {
        try await seedCatalog()
        guard var script else { return [] }
        let payouts = script.settlePayouts(eligibleOrders: played)
        self.script = script
        for payout in payouts {
            let (record, transactions) = SandboxPayoutRecord.make(payout, timestamps: script.timestamps)
            do {
                try await sandbox.recordPayout(shop: shop, payout: record, transactions: transactions)
            } catch {
                throw StoreSimulatorError(.payoutRejected, "the sandbox refused payout \(payout.id): \(error)")
            }
            summary.payouts.append(payout)
            logger.info("payout booked", metadata: ["payout": "\(payout.id)", "transactions": "\(transactions.count)"])
        }
        return payouts
    }

    /// What order `orderID` should look like once synced, in its latest state.
    public func expectedTotals(orderID: Int64) -> ExpectedOrderTotals? {
        script?.expectedTotals[orderID]
    }

    /// The bundle map of the seeded catalog (bundle SKU -> components), for a tenant's settings.
    public func bundleMap() -> [String: [CatalogPlan.BundleComponent]] {
        script?.catalog.bundleComponents ?? [:]
    }

    private func validate() throws {
        let configuration = configuration
        guard configuration.exchangeRate > 0, configuration.maximumConcurrency >= 1,
              configuration.catalog.products >= 1, configuration.catalog.locations >= 1
        else {
            throw StoreSimulatorError(.invalidConfiguration, "exchange rate, concurrency, products and locations must be positive")
        }
    }
}
