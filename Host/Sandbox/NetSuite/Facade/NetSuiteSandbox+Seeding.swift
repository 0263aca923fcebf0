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

    /// Adds a discount item (record type `discountItem`, SuiteQL `itemtype` 'Discount') whose `itemId`
    /// is `name`, available in `subsidiaries`. Its lines on sales orders, credit memos and cash refunds
    /// take no quantity and an amount (`amount`, else `rate`) that must be zero or negative.
    /// Returns its internal id.
    public func addDiscountItem(account: String, name: String, subsidiaries: [String]) async throws -> String {
        try await store.addNonInventoryItem(account: account, type: .discountItem, name: name, subsidiaries: subsidiaries)
    }

    /// Adds an other-charge item (record type `otherChargeItem`, SuiteQL `itemtype` 'OthCharge') whose
    /// `itemId` is `name`, available in `subsidiaries`. Its lines default to quantity 1 and may carry a
    /// negative rate or amount (a gift-card redemption) as well as a positive one (tax, shipping).
    /// Returns its internal id.
    public func addOtherChargeItem(account: String, name: String, subsidiaries: [String]) async throws -> String {
        try await store.addNonInventoryItem(account: account, type: .otherChargeItem, name: name, subsidiaries: subsidiaries)
    }

    /// Adds a company customer (`isPerson` false, `entityId` = `companyName`) of `subsidiary`, in the
    /// subsidiary's currency, with an optional external id and email; e.g. the guest customer web orders
    /// without a known buyer are booked on. Returns its internal id.
    public func addCustomer(
        account: String, companyName: String, subsidiary: String, externalID: String? = nil, email: String? = nil
    ) async throws -> String {
        try await store.addCustomer(account: account, companyName: companyName, subsidiary: subsidiary, externalID: externalID, email: email)
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
