import Foundation

extension NetSuiteSandbox {
    /// Adds a subsidiary whose base currency is `currency` (an ISO code, created if new, or a currency id).
    public func addSubsidiary(account: String, name: String, currency: String) async throws -> String {
        try await store.addSubsidiary(account: account, name: name, currency: currency)
    }

    /// Adds a location belonging to `subsidiary`.
    public func addLocation(account: String, name: String, subsidiary: String) async throws -> String {
        try await store.addLocation(account: account, name: name, subsidiary: subsidiary)
    }

    /// Adds a currency by ISO 4217 code; returns the existing id if the code is known.
    public func addCurrency(account: String, code: String) async throws -> String {
        try await store.addCurrency(account: account, code: code)
    }

    /// Adds an inventory item (`itemId` = `sku`) available in `subsidiaries`, priced `basePrice`
    /// on the "Base Price" level in the first subsidiary's currency.
    public func addInventoryItem(
        account: String, sku: String, displayName: String, subsidiaries: [String], basePrice: String
    ) async throws -> String {
        try await store.addInventoryItem(
            account: account, sku: sku, displayName: displayName, subsidiaries: subsidiaries, basePrice: basePrice
        )
    }

    /// Adds a kit item whose members are existing items named by SKU.
    public func addKitItem(account: String, sku: String, members: [(sku: String, quantity: Int)]) async throws -> String {
        try await store.addKitItem(account: account, sku: sku, members: members)
    }

    /// Adds a price level (the account already has "Base Price").
    public func addPriceLevel(account: String, name: String) async throws -> String {
        try await store.addPriceLevel(account: account, name: name)
    }

    /// Sets the item's price on a price level in a currency (ISO code or currency id).
    public func setItemPrice(account: String, item: String, priceLevel: String, currency: String, price: String) async throws {
        try await store.setItemPrice(account: account, item: item, priceLevel: priceLevel, currency: currency, price: price)
    }

    /// Sets the item's quantities at a location; committed = on hand - available. Stamps the change time
    /// that SuiteQL's `AggregateItemLocation.lastmodifieddate` reports.
    public func setInventory(account: String, item: String, location: String, onHand: Int, available: Int) async throws {
        try await store.setInventory(account: account, item: item, location: location, onHand: onHand, available: available)
    }

    /// Adds a general ledger account (for journal entries).
    public func addGLAccount(account: String, number: String, name: String) async throws -> String {
        try await store.addGLAccount(account: account, number: number, name: name)
    }
}
