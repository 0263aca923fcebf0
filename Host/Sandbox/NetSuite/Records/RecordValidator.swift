import Foundation

/// Checks a record body as NetSuite does before it stores it, and fills in what NetSuite
/// computes (line amounts, totals, default currency and date). Every refusal carries the
/// field path in `o:errorPath`.
struct RecordValidator {
    let state: AccountState
    let type: RecordType
    /// The internal id of the stored record being updated, or nil when the record is new.
    let updatedID: String?

    init(state: AccountState, type: RecordType, updating updatedID: String? = nil) {
        self.state = state
        self.type = type
        self.updatedID = updatedID
    }

    /// Validates `fields` as a record of `type` (an update of the record `updatedID` when given);
    /// the validator lives only for this call, so it holds no reference to the account's tables
    /// when the caller stores the result.
    static func validate(
        _ fields: [String: SandboxJSON], type: RecordType, in state: AccountState, updating updatedID: String? = nil
    ) -> Result<[String: SandboxJSON], RecordRefusal> {
        RecordValidator(state: state, type: type, updating: updatedID).validate(fields)
    }

    func validate(_ fields: [String: SandboxJSON]) -> Result<[String: SandboxJSON], RecordRefusal> {
        do throws(RecordRefusal) {
            if let externalID = fields["externalId"], externalID != .null {
                guard let text = externalID.stringValue, Self.isValidExternalID(text) else {
                    throw RecordRefusal(NetSuiteError.badRequest(
                        "The external ID contains characters that are not allowed.", code: "INVALID_ID", path: "externalId"))
                }
            }
            var record = fields
            record["id"] = nil
            switch type {
            case .salesOrder, .creditMemo, .cashRefund: record = try validateItemTransaction(record)
            case .journalEntry: record = try validateJournalEntry(record)
            case .customer: record = try validateCustomer(record)
            case .inventoryItem, .kitItem, .discountItem, .otherChargeItem: record = try validateItem(record)
            case .priceLevel: _ = try requiredText(record, "name")
            case .location:
                _ = try requiredText(record, "name")
                _ = try reference(record, "subsidiary", .subsidiary, required: true)
            case .itemFulfillment, .subsidiary, .currency, .account: break
            }
            return .success(record)
        } catch {
            return .failure(error)
        }
    }

    /// External ids: letters, digits, `_` and `-` only.
    static func isValidExternalID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 255 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    // MARK: Field helpers

    func requiredText(_ fields: [String: SandboxJSON], _ name: String) throws(RecordRefusal) -> String {
        guard let text = fields[name]?.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw .missing(name)
        }
        return text
    }

    /// Resolves the reference field `name` (`{"id": "12"}`) to a record of `target`.
    func reference(
        _ fields: [String: SandboxJSON], _ name: String, _ target: RecordType, required: Bool, path: String? = nil
    ) throws(RecordRefusal) -> (id: String, record: [String: SandboxJSON])? {
        let path = path ?? name
        guard let value = fields[name], value != .null else {
            if required { throw .missing(path) }
            return nil
        }
        guard let id = value.referenceID else { throw .invalidContent("The field \(path) must be a reference such as {\"id\": \"12\"}.") }
        guard let record = state.record(target, id: id) else { throw .invalidReference(id, path: path) }
        return (id, record)
    }

    /// A number field; JSON numbers and plain decimal strings are accepted.
    func decimal(_ value: SandboxJSON?, path: String) throws(RecordRefusal) -> Decimal? {
        guard let value, value != .null else { return nil }
        guard let number = value.decimalValue else { throw .invalidContent("The field \(path) must be a number.") }
        return number
    }

    func checkDate(_ fields: inout [String: SandboxJSON], _ name: String) throws(RecordRefusal) {
        guard let value = fields[name], value != .null else {
            fields[name] = .string(ISO8601.day(Date()))
            return
        }
        guard let text = value.stringValue, text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
            throw .userError("Invalid date value for \(name); use yyyy-MM-dd.", path: name)
        }
    }

    static func rounded(_ value: Decimal, scale: Int = 2) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// Lines of the sublist `name` (`{"items": [...]}`), or nil when absent.
    func sublistLines(_ fields: [String: SandboxJSON], _ name: String) throws(RecordRefusal) -> [[String: SandboxJSON]]? {
        guard let value = fields[name], value != .null else { return nil }
        guard let lines = value["items"]?.arrayValue else {
            throw .invalidContent("The sublist \(name) must be an object with an items array.")
        }
        var objects: [[String: SandboxJSON]] = []
        for (index, line) in lines.enumerated() {
            guard let object = line.objectValue else { throw .invalidContent("\(name).items[\(index)] must be an object.") }
            objects.append(object)
        }
        return objects
    }

    // MARK: Customers and items

    private func validateCustomer(_ fields: [String: SandboxJSON]) throws(RecordRefusal) -> [String: SandboxJSON] {
        var record = fields
        _ = try reference(fields, "subsidiary", .subsidiary, required: true)
        _ = try reference(fields, "currency", .currency, required: false)
        let isPerson = fields["isPerson"]?.boolValue ?? false
        let company = fields["companyName"]?.stringValue ?? ""
        let person = [fields["firstName"]?.stringValue, fields["lastName"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty }
        if isPerson {
            guard !person.isEmpty else { throw .missing("lastName") }
        } else {
            guard !company.isEmpty || !person.isEmpty else { throw .missing("companyName") }
        }
        if let email = fields["email"]?.stringValue, !email.isEmpty, email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            throw .userError("Invalid email address: \(email).", path: "email")
        }
        record["isPerson"] = .bool(isPerson)
        record["entityId"] = .string(isPerson || company.isEmpty ? person.joined(separator: " ") : company)
        return record
    }

    private func validateItem(_ fields: [String: SandboxJSON]) throws(RecordRefusal) -> [String: SandboxJSON] {
        let sku = try requiredText(fields, "itemId")
        let sameSKU = RecordType.itemTypes.flatMap { state.tables[$0]?.all ?? [] }
            .filter { $0["itemId"]?.stringValue == sku }
            // The record being updated does not clash with its own SKU.
            .filter { updatedID == nil || $0["id"]?.stringValue != updatedID }
        let externalID = fields["externalId"]?.stringValue
        if sameSKU.contains(where: { externalID == nil || $0["externalId"]?.stringValue != externalID }) {
            throw .userError("An item with the name \(sku) already exists.", path: "itemId")
        }
        if type == .kitItem {
            guard let members = try sublistLines(fields, "member"), !members.isEmpty else { throw .missing("member") }
            for (index, member) in members.enumerated() {
                let path = "member.items[\(index)].item"
                guard let id = member["item"]?.referenceID else { throw .missing(path) }
                guard state.item(id: id) != nil else { throw .invalidReference(id, path: path) }
            }
        }
        return fields
    }
}
