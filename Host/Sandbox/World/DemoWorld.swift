import Foundation
import NetSuiteSandbox
import ShopifySandbox
import ShopifySimulator

/// One demo client as the sandboxes know it: a Shopify shop with a seeded catalog, and the
/// NetSuite subsidiary, locations, items (SKUs and the order money items), guest customer and
/// token it maps to.
public struct DemoTenant: Sendable {
    /// The tenant id the host will use for this client.
    public let tenantID: String
    public let displayName: String
    public let shop: SandboxShopCredentials
    public let shopCurrency: String
    public let netsuiteAccount: SandboxNetSuiteAccount
    public let subsidiaryID: String
    /// NetSuite location internal id for each Shopify location id.
    public let locationMap: [Int64: String]
    public let tba: SandboxTBACredentials
    /// The shop's catalog as the simulator seeded it (SKUs, variants, bundles).
    public let catalog: Catalog
    /// The store simulator that plays this shop's traffic.
    public let simulator: StoreSimulator
    /// The NetSuite items the orders flow books an order's money lines on (shared by every tenant of
    /// the account, available to each of its subsidiaries).
    public let orderItems: DemoOrderItems
    /// The NetSuite guest customer of the tenant's subsidiary, for orders without a known buyer
    /// (external id `web-customer-<tenant id>`).
    public let guestCustomerID: String

    /// The catalog's bundle map in the tenant setting's format: `BUNDLE=COMP-A*2+COMP-B*1,OTHER=...`,
    /// bundles sorted by SKU, components in the catalog's order, quantity after `*`.
    public var bundleMapSetting: String {
        catalog.bundleComponents.sorted { $0.key < $1.key }.map { sku, components in
            sku + "=" + components.map { "\($0.sku)*\($0.quantity)" }.joined(separator: "+")
        }.joined(separator: ",")
    }
}

/// Internal ids of the NetSuite items an order's money lines are booked on, named as an administrator
/// would name them: "Shopify Discount" (a discount item), "Shopify Tax", "Shopify Gift Card" (a
/// redemption, negative, after tax) and "Shopify Shipping" (other-charge items).
public struct DemoOrderItems: Sendable, Equatable {
    /// The `discountItem` for order and line discounts.
    public let discountItemID: String
    /// The `otherChargeItem` for the order's tax.
    public let taxItemID: String
    /// The `otherChargeItem` for a gift-card redemption (a negative line after tax).
    public let giftCardItemID: String
    /// The `otherChargeItem` for shipping charged as a line rather than as `shippingCost`.
    public let shippingItemID: String

    /// Item ids as the NetSuite sandbox returned them.
    public init(discountItemID: String, taxItemID: String, giftCardItemID: String, shippingItemID: String) {
        self.discountItemID = discountItemID
        self.taxItemID = taxItemID
        self.giftCardItemID = giftCardItemID
        self.shippingItemID = shippingItemID
    }
}

/// The whole demo on the sandboxes: three client stores, two of them on subsidiaries of one
/// NetSuite account (so they share its concurrency limit) and one on an account of its own,
/// every Shopify SKU matched by a NetSuite item. Used by `synchost sandbox`, the demo and
/// end-to-end tests.
public final class DemoWorld: Sendable {
    public struct Configuration: Sendable {
        /// Port of the Shopify sandbox; 0 picks a free one.
        public var shopifyPort: Int
        /// Port of the NetSuite sandbox; 0 picks a free one.
        public var netsuitePort: Int
        /// Sandbox seconds per real second (token expiry, bucket restore, webhook retries).
        public var timeScale: Double
        /// Seeds the catalogs and the traffic.
        public var seed: UInt64
        /// Concurrency limit of the shared NetSuite account (Standard tier: 5).
        public var sharedAccountConcurrency: Int
        /// Delivery faults of the Shopify sandbox's webhooks (duplicates, reordering...); none by default.
        public var webhookFaults: WebhookFaults
        /// When the stores' simulated clocks start; nil means ten minutes ago. The demo and the
        /// host's reconciliation poll look at recent changes, so the stores' orders must be
        /// recent; a fixed date makes a run's timestamps reproducible instead.
        public var simulationStart: Date?

        /// A configuration; every field has a default.
        public init(shopifyPort: Int = 0, netsuitePort: Int = 0, timeScale: Double = 1, seed: UInt64 = 2026,
                    sharedAccountConcurrency: Int = 5, webhookFaults: WebhookFaults = .none, simulationStart: Date? = nil) {
            self.simulationStart = simulationStart
            self.shopifyPort = shopifyPort
            self.netsuitePort = netsuitePort
            self.timeScale = timeScale
            self.seed = seed
            self.sharedAccountConcurrency = sharedAccountConcurrency
            self.webhookFaults = webhookFaults
        }
    }

    private struct Plan {
        let tenantID: String
        let displayName: String
        let domain: String
        let currency: String
        let presentment: String
        let account: String
        let subsidiary: String
    }

    /// Client stores of the demo. Two share account 1234567_SB1.
    private static let plans = [
        Plan(tenantID: "acme-outdoor", displayName: "Acme Outdoor", domain: "acme-outdoor.myshopify.com",
             currency: "USD", presentment: "CAD", account: "1234567_SB1", subsidiary: "Acme US"),
        Plan(tenantID: "globex-gear", displayName: "Globex Gear", domain: "globex-gear.myshopify.com",
             currency: "USD", presentment: "EUR", account: "1234567_SB1", subsidiary: "Globex US"),
        Plan(tenantID: "initech-supply", displayName: "Initech Supply", domain: "initech-supply.myshopify.com",
             currency: "EUR", presentment: "GBP", account: "7654321", subsidiary: "Initech EU"),
    ]

    public let shopify: ShopifySandbox
    public let netsuite: NetSuiteSandbox
    public let tenants: [DemoTenant]

    private init(shopify: ShopifySandbox, netsuite: NetSuiteSandbox, tenants: [DemoTenant]) {
        self.shopify = shopify
        self.netsuite = netsuite
        self.tenants = tenants
    }

    /// Starts both sandboxes and seeds every demo client on both sides.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> DemoWorld {
        let shopify = ShopifySandbox(configuration: ShopifySandboxConfiguration(
            port: configuration.shopifyPort, timeScale: configuration.timeScale, webhookFaults: configuration.webhookFaults))
        let netsuite = NetSuiteSandbox(configuration: NetSuiteSandboxConfiguration(
            port: configuration.netsuitePort, timeScale: configuration.timeScale))
        try await shopify.start()
        do {
            try await netsuite.start()
            let tenants = try await seed(shopify: shopify, netsuite: netsuite, configuration: configuration)
            return DemoWorld(shopify: shopify, netsuite: netsuite, tenants: tenants)
        } catch {
            await netsuite.stop()
            await shopify.stop()
            throw error
        }
    }

    public func stop() async {
        await shopify.stop()
        await netsuite.stop()
    }

    private static func seed(shopify: ShopifySandbox, netsuite: NetSuiteSandbox, configuration: Configuration) async throws -> [DemoTenant] {
        // Shopify first: the simulators decide the catalogs, NetSuite must then hold every SKU.
        var shops: [(plan: Plan, shop: SandboxShopCredentials, simulator: StoreSimulator, catalog: Catalog)] = []
        let start = configuration.simulationStart ?? Date().addingTimeInterval(-600)
        for (index, plan) in plans.enumerated() {
            let shop = try await shopify.createShop(domain: plan.domain, plan: .standard, currency: plan.currency)
            let simulator = StoreSimulator(sandbox: shopify, shop: plan.domain, configuration: SimulatorConfiguration(
                seed: configuration.seed &+ UInt64(index), shopCurrency: plan.currency, presentmentCurrency: plan.presentment,
                startDate: start))
            shops.append((plan, shop, simulator, try await simulator.seedCatalog()))
        }

        var accounts: [String: SandboxNetSuiteAccount] = [:]
        var currencies: [String: Set<String>] = [:]
        var subsidiaries: [String: String] = [:]
        for plan in plans where accounts[plan.account] == nil {
            let limit = plans.filter { $0.account == plan.account }.count > 1 ? configuration.sharedAccountConcurrency : 5
            accounts[plan.account] = try await netsuite.createAccount(id: plan.account, concurrencyLimit: limit)
        }
        for plan in plans {
            for code in [plan.currency, plan.presentment] where currencies[plan.account, default: []].insert(code).inserted {
                _ = try await netsuite.addCurrency(account: plan.account, code: code)
            }
            subsidiaries[plan.tenantID] = try await netsuite.addSubsidiary(account: plan.account, name: plan.subsidiary, currency: plan.currency)
        }

        // Items are per account: one item per SKU, available to every subsidiary that sells it.
        var itemsByAccount: [String: [String: (name: String, price: Decimal, subsidiaries: [String])]] = [:]
        var kitsByAccount: [String: [String: [CatalogPlan.BundleComponent]]] = [:]
        for entry in shops {
            let subsidiary = subsidiaries[entry.plan.tenantID]!
            for variant in entry.catalog.singleVariants {
                var item = itemsByAccount[entry.plan.account, default: [:]][variant.sku]
                    ?? (name: "\(variant.productTitle) \(variant.variantTitle)", price: variant.price, subsidiaries: [])
                item.subsidiaries.append(subsidiary)
                itemsByAccount[entry.plan.account, default: [:]][variant.sku] = item
            }
            for (sku, components) in entry.catalog.bundleComponents {
                kitsByAccount[entry.plan.account, default: [:]][sku] = components
            }
        }
        var itemIDs: [String: [String: String]] = [:]
        for (account, items) in itemsByAccount {
            for (sku, item) in items.sorted(by: { $0.key < $1.key }) {
                itemIDs[account, default: [:]][sku] = try await netsuite.addInventoryItem(
                    account: account, sku: sku, displayName: item.name, subsidiaries: item.subsidiaries, basePrice: "\(item.price)")
            }
            for (sku, members) in kitsByAccount[account, default: [:]].sorted(by: { $0.key < $1.key }) {
                _ = try await netsuite.addKitItem(account: account, sku: sku, members: members.map { (sku: $0.sku, quantity: $0.quantity) })
            }
        }

        // The items an order's money lines are booked on: once per account, for every subsidiary on it.
        var orderItems: [String: DemoOrderItems] = [:]
        for (account, _) in accounts.sorted(by: { $0.key < $1.key }) {
            let onAccount = plans.filter { $0.account == account }.compactMap { subsidiaries[$0.tenantID] }
            orderItems[account] = DemoOrderItems(
                discountItemID: try await netsuite.addDiscountItem(account: account, name: "Shopify Discount", subsidiaries: onAccount),
                taxItemID: try await netsuite.addOtherChargeItem(account: account, name: "Shopify Tax", subsidiaries: onAccount),
                giftCardItemID: try await netsuite.addOtherChargeItem(account: account, name: "Shopify Gift Card", subsidiaries: onAccount),
                shippingItemID: try await netsuite.addOtherChargeItem(account: account, name: "Shopify Shipping", subsidiaries: onAccount))
        }

        var tenants: [DemoTenant] = []
        for entry in shops {
            let account = entry.plan.account
            let subsidiary = subsidiaries[entry.plan.tenantID]!
            var locationMap: [Int64: String] = [:]
            for location in entry.catalog.locations {
                let id = try await netsuite.addLocation(account: account, name: "\(entry.plan.displayName) \(location.name)", subsidiary: subsidiary)
                locationMap[location.id] = id
                for variant in entry.catalog.singleVariants {
                    if let item = itemIDs[account]?[variant.sku] {
                        try await netsuite.setInventory(account: account, item: item, location: id, onHand: 500, available: 500)
                    }
                }
            }
            let guestCustomerID = try await netsuite.addCustomer(
                account: account, companyName: "Web Customer (\(entry.plan.subsidiary))", subsidiary: subsidiary,
                externalID: "web-customer-\(entry.plan.tenantID)")
            tenants.append(DemoTenant(
                tenantID: entry.plan.tenantID, displayName: entry.plan.displayName, shop: entry.shop,
                shopCurrency: entry.plan.currency, netsuiteAccount: accounts[account]!, subsidiaryID: subsidiary,
                locationMap: locationMap,
                tba: try await netsuite.issueTBAToken(account: account, label: entry.plan.tenantID),
                catalog: entry.catalog, simulator: entry.simulator, orderItems: orderItems[account]!,
                guestCustomerID: guestCustomerID))
        }
        return tenants
    }
}
