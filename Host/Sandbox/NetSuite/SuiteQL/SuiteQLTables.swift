import Foundation

/// A value in a SuiteQL row.
enum SuiteQLValue: Sendable {
    case text(String)
    case number(Decimal)
    case date(Date)
    case null

    init(_ json: SandboxJSON?) {
        switch json {
        case .string(let text)?: self = .text(text)
        case .number(let value)?: self = .number(value)
        case .bool(let value)?: self = .text(value ? "T" : "F")
        case .object?: self = json?.referenceID.map(SuiteQLValue.reference) ?? .null
        default: self = .null
        }
    }

    /// Internal ids are numbers in SuiteQL.
    static func reference(_ id: String) -> SuiteQLValue {
        Decimal(string: id).map(SuiteQLValue.number) ?? .text(id)
    }

    static func dateTime(_ json: SandboxJSON?) -> SuiteQLValue {
        guard let text = json?.stringValue else { return .null }
        if let date = try? Date(text, strategy: .iso8601) { return .date(date) }
        if let date = SuiteQLDates.parse(text, format: "YYYY-MM-DD") { return .date(date) }
        return .null
    }
}

/// The tables of the sandbox's SuiteQL subset, built from the account's records.
enum SuiteQLTables {
    typealias Row = [String: SuiteQLValue]

    /// Column names of each table, lowercase as SuiteQL writes them.
    static let columns: [String: [String]] = [
        "item": ["id", "itemid", "displayname", "itemtype", "isinactive", "externalid", "createddate", "lastmodifieddate"],
        "aggregateitemlocation": ["item", "location", "quantityonhand", "quantityavailable", "quantitycommitted", "lastmodifieddate"],
        "transaction": ["id", "tranid", "type", "trandate", "entity", "externalid", "currency", "memo", "status", "createddate",
                        "lastmodifieddate"],
        "transactionline": ["transaction", "linesequencenumber", "item", "quantity", "rate", "location", "createdfrom", "isclosed"],
        "pricing": ["item", "pricelevel", "currency", "unitprice"],
        "kititemmember": ["parentitem", "item", "quantity", "linenumber"],
        "itemmember": ["parentitem", "item", "quantity", "linenumber"],
        "customer": ["id", "entityid", "externalid", "email", "companyname", "firstname", "lastname", "subsidiary",
                     "lastmodifieddate"],
        "location": ["id", "name", "subsidiary", "isinactive"],
        "subsidiary": ["id", "name", "currency", "isinactive"],
        "currency": ["id", "symbol", "name"],
        "pricelevel": ["id", "name", "isinactive"],
        "account": ["id", "acctnumber", "fullname", "isinactive"],
    ]

    static func rows(of table: String, in state: AccountState) -> [Row] {
        switch table {
        case "item": return itemRows(state)
        case "aggregateitemlocation": return inventoryRows(state)
        case "transaction": return transactionRows(state)
        case "transactionline": return transactionLineRows(state)
        case "pricing": return pricingRows(state)
        case "kititemmember", "itemmember": return kitMemberRows(state)
        case "customer": return plain(state, .customer, ["entityid": "entityId", "email": "email", "companyname": "companyName",
                                                          "firstname": "firstName", "lastname": "lastName", "subsidiary": "subsidiary"])
        case "location": return plain(state, .location, ["name": "name", "subsidiary": "subsidiary", "isinactive": "isInactive"])
        case "subsidiary": return plain(state, .subsidiary, ["name": "name", "currency": "currency", "isinactive": "isInactive"])
        case "currency": return plain(state, .currency, ["symbol": "symbol", "name": "name"])
        case "pricelevel": return plain(state, .priceLevel, ["name": "name", "isinactive": "isInactive"])
        case "account": return plain(state, .account, ["acctnumber": "acctNumber", "fullname": "acctName", "isinactive": "isInactive"])
        default: return []
        }
    }

    private static func base(_ record: [String: SandboxJSON]) -> Row {
        [
            "id": record["id"]?.stringValue.map(SuiteQLValue.reference) ?? .null,
            "externalid": SuiteQLValue(record["externalId"]),
            "createddate": .dateTime(record["createdDate"]),
            "lastmodifieddate": .dateTime(record["lastModifiedDate"]),
        ]
    }

    private static func plain(_ state: AccountState, _ type: RecordType, _ mapping: [String: String]) -> [Row] {
        (state.tables[type]?.all ?? []).map { record in
            var row = base(record)
            for (column, field) in mapping { row[column] = SuiteQLValue(record[field]) }
            return row
        }
    }

    private static func itemRows(_ state: AccountState) -> [Row] {
        RecordType.itemTypes.flatMap { type in
            (state.tables[type]?.all ?? []).map { record in
                var row = base(record)
                row["itemid"] = SuiteQLValue(record["itemId"])
                row["displayname"] = SuiteQLValue(record["displayName"])
                row["itemtype"] = .text(type.suiteQLItemType ?? "")
                row["isinactive"] = SuiteQLValue(record["isInactive"] ?? false)
                return row
            }
        }
    }

    private static func inventoryRows(_ state: AccountState) -> [Row] {
        state.inventory.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.flatMap { item in
            (state.inventory[item] ?? [:]).sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { location, balance in
                [
                    "item": .reference(item), "location": .reference(location),
                    "quantityonhand": .number(Decimal(balance.onHand)), "quantityavailable": .number(Decimal(balance.available)),
                    "quantitycommitted": .number(Decimal(balance.committed)), "lastmodifieddate": .date(balance.lastModified),
                ]
            }
        }
    }

    private static let transactionTypes: [RecordType] = [.salesOrder, .creditMemo, .cashRefund, .itemFulfillment, .journalEntry]

    private static func transactionRows(_ state: AccountState) -> [Row] {
        transactionTypes.flatMap { type in
            (state.tables[type]?.all ?? []).map { record in
                var row = base(record)
                row["tranid"] = SuiteQLValue(record["tranId"])
                row["type"] = .text(type.suiteQLTransactionType ?? "")
                row["trandate"] = .dateTime(record["tranDate"])
                row["entity"] = SuiteQLValue(record["entity"])
                row["currency"] = SuiteQLValue(record["currency"])
                row["memo"] = SuiteQLValue(record["memo"])
                // SuiteQL gives the status code alone ('B', 'H'); BUILTIN.DF would give its name.
                row["status"] = SuiteQLValue(record["status"]?["id"])
                return row
            }
        }.sorted { (numericID($0["id"]) ?? 0) < (numericID($1["id"]) ?? 0) }
    }

    private static func transactionLineRows(_ state: AccountState) -> [Row] {
        transactionTypes.flatMap { type in
            (state.tables[type]?.all ?? []).flatMap { record -> [Row] in
                let lines = (record["item"] ?? record["line"])?["items"]?.arrayValue ?? []
                return lines.enumerated().map { index, line in
                    [
                        "transaction": record["id"]?.stringValue.map(SuiteQLValue.reference) ?? .null,
                        "linesequencenumber": .number(Decimal(index + 1)), "item": SuiteQLValue(line["item"]),
                        "quantity": SuiteQLValue(line["quantity"]), "rate": SuiteQLValue(line["rate"]),
                        "location": SuiteQLValue(line["location"] ?? record["location"]),
                        "createdfrom": SuiteQLValue(record["createdFrom"]),
                        "isclosed": SuiteQLValue(line["isClosed"] ?? false),
                    ]
                }
            }
        }
    }

    private static func pricingRows(_ state: AccountState) -> [Row] {
        RecordType.itemTypes.flatMap { state.tables[$0]?.all ?? [] }.flatMap { record -> [Row] in
            (record["price"]?["items"]?.arrayValue ?? []).map { price in
                [
                    "item": record["id"]?.stringValue.map(SuiteQLValue.reference) ?? .null,
                    "pricelevel": SuiteQLValue(price["priceLevel"]), "currency": SuiteQLValue(price["currencyPage"]),
                    "unitprice": SuiteQLValue(price["price"]),
                ]
            }
        }
    }

    private static func kitMemberRows(_ state: AccountState) -> [Row] {
        (state.tables[.kitItem]?.all ?? []).flatMap { kit -> [Row] in
            (kit["member"]?["items"]?.arrayValue ?? []).enumerated().map { index, member in
                [
                    "parentitem": kit["id"]?.stringValue.map(SuiteQLValue.reference) ?? .null,
                    "item": SuiteQLValue(member["item"]), "quantity": SuiteQLValue(member["quantity"]),
                    "linenumber": .number(Decimal(index + 1)),
                ]
            }
        }
    }

    private static func numericID(_ value: SuiteQLValue?) -> Decimal? {
        if case .number(let number)? = value { return number }
        return nil
    }
}
