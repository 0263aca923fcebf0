import Foundation

extension RecordValidator {
    /// Sales orders, credit memos and cash refunds: customer, subsidiary, location, currency and
    /// item lines, all consistent with one subsidiary; amounts and totals computed as decimals.
    func validateItemTransaction(_ fields: [String: SandboxJSON]) throws(RecordRefusal) -> [String: SandboxJSON] {
        var record = fields
        // The status is computed by NetSuite (see SalesOrderStatus); a client cannot set it.
        record["status"] = nil
        guard let (customerID, customer) = try reference(fields, "entity", .customer, required: true) else { throw .missing("entity") }
        let customerSubsidiary = customer["subsidiary"]?.referenceID
        let subsidiaryRequired = type == .salesOrder
        if fields["subsidiary"] == nil, !subsidiaryRequired, let customerSubsidiary {
            record["subsidiary"] = ["id": .string(customerSubsidiary)]
        }
        guard let (subsidiaryID, subsidiary) = try reference(record, "subsidiary", .subsidiary, required: true) else {
            throw .missing("subsidiary")
        }
        guard customerSubsidiary == subsidiaryID else {
            throw .userError("The customer \(customerID) belongs to subsidiary \(customerSubsidiary ?? "none"), not to subsidiary \(subsidiaryID).",
                             path: "entity")
        }
        if let (locationID, location) = try reference(fields, "location", .location, required: false) {
            try checkLocation(locationID, location, subsidiary: subsidiaryID, path: "location")
        }
        let allowedCurrencies = Set([subsidiary["currency"]?.referenceID, customer["currency"]?.referenceID].compactMap { $0 })
        if let (currencyID, _) = try reference(fields, "currency", .currency, required: false) {
            guard allowedCurrencies.contains(currencyID) else {
                throw .userError("The currency \(currencyID) is neither the currency of subsidiary \(subsidiaryID) nor one of the customer's currencies.",
                                 path: "currency")
            }
        } else {
            record["currency"] = ["id": .string(customer["currency"]?.referenceID ?? subsidiary["currency"]?.referenceID ?? "")]
        }
        if type != .salesOrder { _ = try createdFromReference(fields) }
        try checkDate(&record, "tranDate")
        let currencyID = record["currency"]?.referenceID ?? ""
        let (lines, subtotal) = try itemLines(fields, subsidiary: subsidiaryID, currency: currencyID)
        record["item"] = ["items": .array(lines.map(SandboxJSON.object))]
        let shipping = try decimal(fields["shippingCost"], path: "shippingCost") ?? 0
        let discount = try discountAmount(fields["discountRate"], subtotal: subtotal)
        record["subtotal"] = .number(subtotal)
        record["total"] = .number(Self.rounded(subtotal + shipping + discount))
        return record
    }

    /// `discountRate` is an amount (`-5.00`) or a percentage of the subtotal (`"-10%"`).
    private func discountAmount(_ value: SandboxJSON?, subtotal: Decimal) throws(RecordRefusal) -> Decimal {
        guard let value, value != .null else { return 0 }
        if let text = value.stringValue, text.hasSuffix("%") {
            guard let percent = SandboxJSON.parseDecimal(String(text.dropLast())) else {
                throw .invalidContent("The field discountRate must be an amount or a percentage such as -10%.")
            }
            return Self.rounded(subtotal * percent / 100)
        }
        return try decimal(value, path: "discountRate") ?? 0
    }

    private func createdFromReference(_ fields: [String: SandboxJSON]) throws(RecordRefusal) -> String? {
        guard let value = fields["createdFrom"], value != .null else { return nil }
        guard let id = value.referenceID, state.record(.salesOrder, id: id) != nil else {
            throw .invalidReference(value.referenceID ?? "", path: "createdFrom")
        }
        return id
    }

    private func checkLocation(_ id: String, _ location: [String: SandboxJSON], subsidiary: String, path: String) throws(RecordRefusal) {
        guard location["subsidiary"]?.referenceID == subsidiary else {
            throw .userError("The location \(id) does not belong to subsidiary \(subsidiary).", path: path)
        }
    }

    private func itemLines(
        _ fields: [String: SandboxJSON], subsidiary: String, currency: String
    ) throws(RecordRefusal) -> ([[String: SandboxJSON]], Decimal) {
        guard let lines = try sublistLines(fields, "item"), !lines.isEmpty else { throw .missing("item") }
        var output: [[String: SandboxJSON]] = []
        var subtotal: Decimal = 0
        for (index, line) in lines.enumerated() {
            let prefix = "item.items[\(index)]"
            guard let itemValue = line["item"], itemValue != .null else { throw .missing("\(prefix).item") }
            guard let itemID = itemValue.referenceID, let (itemType, item) = state.item(id: itemID) else {
                throw .invalidReference(itemValue.referenceID ?? "", path: "\(prefix).item")
            }
            let itemSubsidiaries = item["subsidiary"]?["items"]?.arrayValue?.compactMap(\.referenceID) ?? []
            guard itemSubsidiaries.contains(subsidiary) else {
                throw .userError("The item \(itemID) is not available in subsidiary \(subsidiary).", path: "\(prefix).item")
            }
            var stored = line
            let amount: Decimal
            switch itemType {
            case .discountItem:
                amount = try discountLineAmount(line, prefix: prefix)
                // A discount line has no quantity in NetSuite; one sent is ignored.
                stored["quantity"] = nil
                stored["rate"] = .number(amount)
            default:
                let (quantity, rate, lineAmount) = try chargedLine(line, itemType: itemType, item: item, currency: currency, prefix: prefix)
                amount = lineAmount
                stored["quantity"] = .number(quantity)
                if let rate { stored["rate"] = .number(rate) } else { stored["rate"] = nil }
            }
            if let (locationID, location) = try reference(line, "location", .location, required: false, path: "\(prefix).location") {
                try checkLocation(locationID, location, subsidiary: subsidiary, path: "\(prefix).location")
            }
            if let closed = line["isClosed"], closed != .null {
                guard let flag = closed.boolValue else { throw .invalidContent("The field \(prefix).isClosed must be a boolean.") }
                stored["isClosed"] = .bool(flag)
            }
            stored["line"] = .number(Decimal(index + 1))
            stored["item"] = ["id": .string(itemID)]
            stored["amount"] = .number(amount)
            stored["quantityFulfilled"] = nil
            if type == .salesOrder, itemType.isFulfillableItem { stored["quantityFulfilled"] = 0 }
            subtotal += amount
            output.append(stored)
        }
        return (output, subtotal)
    }

    /// A discount line's amount: `amount`, else `rate`; it takes money off, so it may not be positive.
    private func discountLineAmount(_ line: [String: SandboxJSON], prefix: String) throws(RecordRefusal) -> Decimal {
        let amount = try decimal(line["amount"], path: "\(prefix).amount")
        let rate = try decimal(line["rate"], path: "\(prefix).rate")
        guard let value = amount ?? rate else { throw .missing("\(prefix).rate") }
        guard value <= 0 else {
            throw .userError("The amount of a discount item must be zero or negative; \(value) was entered.",
                             path: amount != nil ? "\(prefix).amount" : "\(prefix).rate")
        }
        return Self.rounded(value)
    }

    /// Quantity, rate and amount of an inventory, kit or other-charge line. Inventory and kit lines need a
    /// positive quantity; an other-charge line's quantity defaults to 1 and its rate or amount may be negative.
    private func chargedLine(
        _ line: [String: SandboxJSON], itemType: RecordType, item: [String: SandboxJSON], currency: String, prefix: String
    ) throws(RecordRefusal) -> (quantity: Decimal, rate: Decimal?, amount: Decimal) {
        var quantity = try decimal(line["quantity"], path: "\(prefix).quantity")
        if quantity == nil, itemType == .otherChargeItem { quantity = 1 }
        guard let quantity else { throw .missing("\(prefix).quantity") }
        guard quantity > 0 else { throw .userError("The quantity must be greater than zero.", path: "\(prefix).quantity") }
        var rate = try decimal(line["rate"], path: "\(prefix).rate")
        let amount = try decimal(line["amount"], path: "\(prefix).amount")
        if rate == nil, amount == nil { rate = basePrice(item, currency: currency) }
        if let amount { return (quantity, rate, amount) }
        guard let rate else { throw .missing("\(prefix).rate") }
        return (quantity, rate, Self.rounded(quantity * rate))
    }

    /// The item's price on the "Base Price" level (the account's first price level) in `currency`.
    private func basePrice(_ item: [String: SandboxJSON], currency: String) -> Decimal? {
        let baseLevel = state.tables[.priceLevel]?.all.first?["id"]?.stringValue
        let prices = item["price"]?["items"]?.arrayValue ?? []
        return prices.first {
            $0["priceLevel"]?.referenceID == baseLevel && $0["currencyPage"]?.referenceID == currency
        }?["price"]?.decimalValue
    }

    /// Journal entries: a subsidiary, lines with an existing account and exactly one of debit
    /// or credit, and debits equal to credits to the last decimal.
    func validateJournalEntry(_ fields: [String: SandboxJSON]) throws(RecordRefusal) -> [String: SandboxJSON] {
        var record = fields
        guard let (_, subsidiary) = try reference(fields, "subsidiary", .subsidiary, required: true) else { throw .missing("subsidiary") }
        if try reference(fields, "currency", .currency, required: false) == nil {
            record["currency"] = ["id": .string(subsidiary["currency"]?.referenceID ?? "")]
        }
        try checkDate(&record, "tranDate")
        guard let lines = try sublistLines(fields, "line"), !lines.isEmpty else { throw .missing("line") }
        var debits: Decimal = 0
        var credits: Decimal = 0
        var stored: [SandboxJSON] = []
        for (index, line) in lines.enumerated() {
            let prefix = "line.items[\(index)]"
            _ = try reference(line, "account", .account, required: true, path: "\(prefix).account")
            let debit = try decimal(line["debit"], path: "\(prefix).debit")
            let credit = try decimal(line["credit"], path: "\(prefix).credit")
            switch (debit, credit) {
            case (let debit?, nil) where debit >= 0: debits += debit
            case (nil, let credit?) where credit >= 0: credits += credit
            default:
                throw .userError("Each line must have either a debit or a credit amount, not negative, not both.", path: prefix)
            }
            var line = line
            line["line"] = .number(Decimal(index + 1))
            stored.append(.object(line))
        }
        guard debits == credits else {
            throw .userError("The total of debit entries must equal the total of credit entries.", path: "line")
        }
        record["line"] = ["items": .array(stored)]
        return record
    }

    /// NetSuite refuses an update of a sales order that would undo shipped goods: a line with a fulfilled
    /// quantity may not be removed, sell another item, or drop below what has been fulfilled.
    static func refusalToUndoFulfilment(_ record: [String: SandboxJSON], previous: [String: SandboxJSON]) -> RecordRefusal? {
        let old = previous["item"]?["items"]?.arrayValue ?? []
        let new = record["item"]?["items"]?.arrayValue ?? []
        for (index, line) in old.enumerated() {
            let fulfilled = line["quantityFulfilled"]?.decimalValue ?? 0
            guard fulfilled > 0 else { continue }
            let path = "item.items[\(index)]"
            guard index < new.count else {
                return .userError("You cannot remove line \(index + 1); it has been fulfilled.", path: "\(path).item")
            }
            guard new[index]["item"]?.referenceID == line["item"]?.referenceID else {
                return .userError("You cannot change the item of line \(index + 1); it has been fulfilled.", path: "\(path).item")
            }
            guard let quantity = new[index]["quantity"]?.decimalValue, quantity >= fulfilled else {
                return .userError("The quantity of line \(index + 1) cannot be less than the quantity fulfilled (\(fulfilled)).",
                                  path: "\(path).quantity")
            }
        }
        return nil
    }

    /// A replaced sales order keeps the fulfilled quantities of lines that still sell the same item.
    static func keepFulfilledQuantities(_ record: [String: SandboxJSON], from previous: [String: SandboxJSON]) -> [String: SandboxJSON] {
        let old = previous["item"]?["items"]?.arrayValue ?? []
        guard var lines = record["item"]?["items"]?.arrayValue else { return record }
        for index in lines.indices where index < old.count && old[index]["item"]?.referenceID == lines[index]["item"]?.referenceID {
            // Only goods lines carry a fulfilled quantity; discount and other-charge lines never do.
            guard var line = lines[index].objectValue, line["quantityFulfilled"] != nil else { continue }
            line["quantityFulfilled"] = old[index]["quantityFulfilled"] ?? 0
            lines[index] = .object(line)
        }
        var updated = record
        updated["item"] = ["items": .array(lines)]
        return updated
    }
}
