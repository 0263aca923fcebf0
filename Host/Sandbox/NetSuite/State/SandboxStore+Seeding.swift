import Foundation

extension SandboxStore {
    func addCurrency(account: String, code: String) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state throws(NetSuiteSandboxError) in try Self.currencyID(code: code, in: &state) }
    }

    func addSubsidiary(account: String, name: String, currency: String) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state throws(NetSuiteSandboxError) in
            let currencyID = try Self.currencyID(code: currency, in: &state)
            let id = state.allocateID()
            state.store(["name": .string(name), "currency": ["id": .string(currencyID)], "isInactive": false],
                        type: .subsidiary, id: id)
            return id
        }
    }

    func addLocation(account: String, name: String, subsidiary: String) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state throws(NetSuiteSandboxError) in
            try Self.require(.subsidiary, subsidiary, in: state)
            let id = state.allocateID()
            state.store(["name": .string(name), "subsidiary": ["id": .string(subsidiary)], "isInactive": false],
                        type: .location, id: id)
            return id
        }
    }

    func addPriceLevel(account: String, name: String) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state in
            let id = state.allocateID()
            state.store(["name": .string(name), "isInactive": false], type: .priceLevel, id: id)
            return id
        }
    }

    func addGLAccount(account: String, number: String, name: String) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state in
            let id = state.allocateID()
            state.store(["acctNumber": .string(number), "acctName": .string(name), "isInactive": false],
                        type: .account, id: id)
            return id
        }
    }

    func addInventoryItem(
        account: String, sku: String, displayName: String, subsidiaries: [String], basePrice: String
    ) throws(NetSuiteSandboxError) -> String {
        guard let price = SandboxJSON.parseDecimal(basePrice) else {
            throw NetSuiteSandboxError(.invalidArgument, "base price is not a decimal number: \(basePrice)")
        }
        return try withAccount(account) { state throws(NetSuiteSandboxError) in
            guard state.itemID(sku: sku) == nil else { throw NetSuiteSandboxError(.invalidArgument, "SKU \(sku) exists") }
            guard let first = subsidiaries.first else {
                throw NetSuiteSandboxError(.invalidArgument, "an item needs at least one subsidiary")
            }
            for subsidiary in subsidiaries { try Self.require(.subsidiary, subsidiary, in: state) }
            let currency = state.record(.subsidiary, id: first)?["currency"]?.referenceID ?? ""
            let basePriceLevel = state.tables[.priceLevel]?.all.first?["id"] ?? .null
            let id = state.allocateID()
            state.store([
                "itemId": .string(sku), "displayName": .string(displayName), "isInactive": false,
                "subsidiary": ["items": .array(subsidiaries.map { ["id": .string($0)] })],
                "price": ["items": [["priceLevel": ["id": basePriceLevel], "currencyPage": ["id": .string(currency)],
                                     "price": .number(price)]]],
            ], type: .inventoryItem, id: id)
            return id
        }
    }

    func addKitItem(account: String, sku: String, members: [(sku: String, quantity: Int)]) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state throws(NetSuiteSandboxError) in
            guard state.itemID(sku: sku) == nil else { throw NetSuiteSandboxError(.invalidArgument, "SKU \(sku) exists") }
            var lines: [SandboxJSON] = []
            var subsidiaries: [SandboxJSON] = []
            for member in members {
                guard let itemID = state.itemID(sku: member.sku), member.quantity > 0 else {
                    throw NetSuiteSandboxError(.invalidArgument, "kit member \(member.sku) is unknown or has no quantity")
                }
                lines.append(["item": ["id": .string(itemID)], "quantity": .number(Decimal(member.quantity))])
                subsidiaries = state.item(id: itemID)?.record["subsidiary"]?["items"]?.arrayValue ?? subsidiaries
            }
            let id = state.allocateID()
            state.store([
                "itemId": .string(sku), "displayName": .string(sku), "isInactive": false,
                "subsidiary": ["items": .array(subsidiaries)], "member": ["items": .array(lines)],
            ], type: .kitItem, id: id)
            return id
        }
    }

    /// Adds an item that carries money only (a discount or an other charge), named `name`
    /// (its `itemId`), available in `subsidiaries`; it has no price of its own, so every line sets one.
    func addNonInventoryItem(
        account: String, type: RecordType, name: String, subsidiaries: [String]
    ) throws(NetSuiteSandboxError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw NetSuiteSandboxError(.invalidArgument, "an item needs a name") }
        return try withAccount(account) { state throws(NetSuiteSandboxError) in
            guard state.itemID(sku: trimmed) == nil else { throw NetSuiteSandboxError(.invalidArgument, "an item named \(trimmed) exists") }
            guard !subsidiaries.isEmpty else { throw NetSuiteSandboxError(.invalidArgument, "an item needs at least one subsidiary") }
            for subsidiary in subsidiaries { try Self.require(.subsidiary, subsidiary, in: state) }
            let id = state.allocateID()
            state.store([
                "itemId": .string(trimmed), "displayName": .string(trimmed), "isInactive": false,
                "subsidiary": ["items": .array(subsidiaries.map { ["id": .string($0)] })],
            ], type: type, id: id)
            return id
        }
    }

    /// Adds a company customer of `subsidiary` (in its currency) with an optional external id and email,
    /// checked as the REST record service checks a customer.
    func addCustomer(
        account: String, companyName: String, subsidiary: String, externalID: String?, email: String?
    ) throws(NetSuiteSandboxError) -> String {
        try withAccount(account) { state throws(NetSuiteSandboxError) in
            try Self.require(.subsidiary, subsidiary, in: state)
            if let externalID, state.tables[.customer]?.id(forExternalID: externalID) != nil {
                throw NetSuiteSandboxError(.invalidArgument, "a customer with external id \(externalID) exists")
            }
            var fields: [String: SandboxJSON] = [
                "companyName": .string(companyName), "subsidiary": ["id": .string(subsidiary)],
                "currency": state.record(.subsidiary, id: subsidiary)?["currency"] ?? .null,
            ]
            if let externalID { fields["externalId"] = .string(externalID) }
            if let email { fields["email"] = .string(email) }
            switch RecordValidator.validate(fields, type: .customer, in: state) {
            case .failure(let refusal):
                let detail = refusal.response.body?["o:errorDetails"]?.arrayValue?.first?["detail"]?.stringValue ?? "refused"
                throw NetSuiteSandboxError(.invalidArgument, "the customer is not valid: \(detail)")
            case .success(let record):
                let id = state.allocateID()
                state.store(record, type: .customer, id: id)
                return id
            }
        }
    }

    func setItemPrice(account: String, item: String, priceLevel: String, currency: String, price: String) throws(NetSuiteSandboxError) {
        guard let amount = SandboxJSON.parseDecimal(price) else {
            throw NetSuiteSandboxError(.invalidArgument, "price is not a decimal number: \(price)")
        }
        try withAccount(account) { state throws(NetSuiteSandboxError) in
            guard let (type, record) = state.item(id: item) else { throw NetSuiteSandboxError(.unknownRecord, "no item \(item)") }
            try Self.require(.priceLevel, priceLevel, in: state)
            let currencyID = try Self.currencyID(code: currency, in: &state)
            var lines = record["price"]?["items"]?.arrayValue ?? []
            lines.removeAll { $0["priceLevel"]?.referenceID == priceLevel && $0["currencyPage"]?.referenceID == currencyID }
            lines.append(["priceLevel": ["id": .string(priceLevel)], "currencyPage": ["id": .string(currencyID)],
                          "price": .number(amount)])
            var updated = record
            updated["price"] = ["items": .array(lines)]
            state.store(updated, type: type, id: item)
        }
    }

    func setInventory(account: String, item: String, location: String, onHand: Int, available: Int) throws(NetSuiteSandboxError) {
        try withAccount(account) { state throws(NetSuiteSandboxError) in
            guard state.item(id: item) != nil else { throw NetSuiteSandboxError(.unknownRecord, "no item \(item)") }
            try Self.require(.location, location, in: state)
            state.inventory[item, default: [:]][location] = InventoryBalance(onHand: onHand, available: available, lastModified: Date())
        }
    }

    /// The id of the currency with `code` (or with that internal id), created on first use.
    static func currencyID(code: String, in state: inout AccountState) throws(NetSuiteSandboxError) -> String {
        if state.record(.currency, id: code) != nil { return code }
        let symbol = code.uppercased()
        guard symbol.wholeMatch(of: /[A-Z]{3}/) != nil else {
            throw NetSuiteSandboxError(.invalidArgument, "currency must be an ISO 4217 code or a currency id: \(code)")
        }
        if let existing = state.tables[.currency]?.all.first(where: { $0["symbol"]?.stringValue == symbol }),
           let id = existing["id"]?.stringValue {
            return id
        }
        let id = state.allocateID()
        state.store(["symbol": .string(symbol), "name": .string(symbol), "isInactive": false], type: .currency, id: id)
        return id
    }

    static func require(_ type: RecordType, _ id: String, in state: AccountState) throws(NetSuiteSandboxError) {
        guard state.record(type, id: id) != nil else { throw NetSuiteSandboxError(.unknownRecord, "no \(type.rawValue) \(id)") }
    }
}
