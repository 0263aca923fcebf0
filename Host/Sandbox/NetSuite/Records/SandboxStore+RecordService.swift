import Foundation

/// The REST record service: `/services/rest/record/v1/{type}[/{id}|/eid:{externalId}][/!transform/{target}]`.
extension SandboxStore {
    func handleRecordRequest(account: String, request: SandboxRequest, restBase: String) -> SandboxResponse {
        let path = Array(request.segments.dropFirst(4))
        guard let typeName = path.first, let type = RecordType(pathSegment: typeName) else {
            return NetSuiteError.notFound("Record type '\(path.first ?? "")' does not exist.")
        }
        let links = RecordLinks(restBase: restBase, type: type)
        return withAccountIfPresent(account) { state in
            // The service takes the state over while it works, so the account's tables have one owner.
            var service = RecordService(state: Self.take(&state), type: type, links: links)
            let answer = service.handle(request, path: Array(path.dropFirst()))
            state = service.state
            return answer
        } ?? NetSuiteError.notFound("No NetSuite account at this address.")
    }

    private static func take(_ state: inout AccountState) -> AccountState {
        let taken = state
        state = AccountState(id: taken.id, concurrencyLimit: taken.concurrencyLimit)
        return taken
    }
}

/// URLs of a record type's resources.
struct RecordLinks: Sendable {
    let restBase: String
    let type: RecordType

    var collection: String { "\(restBase)/services/rest/record/v1/\(type.rawValue)" }
    func record(_ id: String) -> String { "\(collection)/\(id)" }
    func record(_ id: String, of other: RecordType) -> String { "\(restBase)/services/rest/record/v1/\(other.rawValue)/\(id)" }
}

/// One request's work on one account's records.
struct RecordService {
    var state: AccountState
    let type: RecordType
    let links: RecordLinks

    mutating func handle(_ request: SandboxRequest, path: [String]) -> SandboxResponse {
        switch (request.method, path.count) {
        case ("GET", 0): return list(request)
        case ("POST", 0): return create(request)
        case (_, 1): return handleInstance(request, key: path[0])
        case ("GET", 2): return sublist(request, key: path[0], field: path[1])
        case ("POST", 3) where path[1] == "!transform":
            return transform(request, key: path[0], target: path[2])
        default:
            return NetSuiteError.response(status: 405, detail: "The HTTP method \(request.method) is not allowed on this resource.",
                                          code: "INVALID_REQUEST")
        }
    }

    private mutating func handleInstance(_ request: SandboxRequest, key: String) -> SandboxResponse {
        let isExternal = key.hasPrefix("eid:")
        switch request.method {
        case "GET":
            guard let id = resolve(key) else { return NetSuiteError.nonexistentRecord }
            return read(id: id, request: request)
        case "PUT":
            guard isExternal else {
                return NetSuiteError.badRequest("PUT is only supported with an external ID (eid:).", code: "INVALID_REQUEST")
            }
            return upsert(request, externalID: String(key.dropFirst(4)))
        case "PATCH":
            guard !isExternal else {
                return NetSuiteError.badRequest("Use PUT to upsert a record by external ID.", code: "INVALID_REQUEST")
            }
            guard let id = resolve(key) else { return NetSuiteError.nonexistentRecord }
            return update(request, id: id)
        case "DELETE":
            guard let id = resolve(key) else { return NetSuiteError.nonexistentRecord }
            guard type.isDeletable else {
                return NetSuiteError.badRequest("You cannot delete this \(type.rawValue) record.", code: "USER_ERROR")
            }
            if type == .salesOrder, let order = state.tables[type]?[id] { state.releaseStock(of: order) }
            state.tables[type]?.remove(id: id)
            return .noContent()
        case "POST" where isExternal:
            return NetSuiteError.badRequest("Use PUT to upsert a record by external ID.", code: "INVALID_REQUEST")
        default:
            return NetSuiteError.response(status: 405, detail: "The HTTP method \(request.method) is not allowed on this resource.",
                                          code: "INVALID_REQUEST")
        }
    }

    /// Internal id for `123` or `eid:abc`, if the record exists.
    func resolve(_ key: String) -> String? {
        if key.hasPrefix("eid:") { return state.tables[type]?.id(forExternalID: String(key.dropFirst(4))) }
        return state.tables[type]?[key] == nil ? nil : key
    }

    private mutating func create(_ request: SandboxRequest) -> SandboxResponse {
        guard type.acceptsDirectCreate else {
            let detail = type == .itemFulfillment
                ? "Item fulfillments are created by transforming a sales order (!transform/itemFulfillment)."
                : "Records of type \(type.rawValue) cannot be created over this service."
            return NetSuiteError.badRequest(detail, code: "USER_ERROR")
        }
        switch parseBody(request) {
        case .failure(let refusal): return refusal.response
        case .success(var fields):
            if let externalID = fields["externalId"]?.stringValue, state.tables[type]?.id(forExternalID: externalID) != nil {
                return NetSuiteError.badRequest("A record with the external ID \(externalID) already exists.",
                                                code: "USER_ERROR", path: "externalId")
            }
            let id = state.allocateID()
            if type.isTransaction { fields["tranId"] = .string(state.allocateTransactionNumber(for: type)) }
            return save(fields, id: id, previous: nil)
        }
    }

    private mutating func upsert(_ request: SandboxRequest, externalID: String) -> SandboxResponse {
        guard RecordValidator.isValidExternalID(externalID) else {
            return NetSuiteError.badRequest("The external ID \(externalID) contains characters that are not allowed.",
                                            code: "INVALID_ID", path: "externalId")
        }
        guard type.acceptsDirectCreate else {
            return NetSuiteError.badRequest("Records of type \(type.rawValue) cannot be upserted.", code: "USER_ERROR")
        }
        switch parseBody(request) {
        case .failure(let refusal): return refusal.response
        case .success(var fields):
            fields["externalId"] = .string(externalID)
            if let id = state.tables[type]?.id(forExternalID: externalID), let previous = state.tables[type]?[id] {
                // An upsert that finds the record updates it exactly as a PATCH does.
                return save(merge(fields, into: previous, replacing: Self.replacedSublists(request)), id: id, previous: previous)
            }
            if type.isTransaction { fields["tranId"] = .string(state.allocateTransactionNumber(for: type)) }
            return save(fields, id: state.allocateID(), previous: nil)
        }
    }

    private mutating func update(_ request: SandboxRequest, id: String) -> SandboxResponse {
        guard let previous = state.tables[type]?[id] else { return NetSuiteError.nonexistentRecord }
        switch parseBody(request) {
        case .failure(let refusal): return refusal.response
        case .success(let changes):
            return save(merge(changes, into: previous, replacing: Self.replacedSublists(request)), id: id, previous: previous)
        }
    }

    /// Sublists whose lines carry no key of their own, so NetSuite cannot tell an updated line from a new one.
    private var nonKeyedSublists: Set<String> {
        switch type {
        case .salesOrder, .creditMemo, .cashRefund: ["item"]
        case .journalEntry: ["line"]
        default: []
        }
    }

    /// The sublists named in the `replace` query parameter (`?replace=item,line`).
    private static func replacedSublists(_ request: SandboxRequest) -> Set<String> {
        let names = request.queryValue("replace")?.split(separator: ",") ?? []
        return Set(names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Merges an update body into the stored record as NetSuite does for PATCH and for PUT on an existing eid:
    /// fields the body leaves out are kept, fields it names are overwritten, and the lines of a non-keyed sublist
    /// (`item` on transactions, `line` on journal entries) are ADDED to the stored lines unless the request names
    /// the sublist in `replace`, in which case the body's lines replace them. This is why a replayed upsert that
    /// forgets `replace=item` duplicates order lines in real NetSuite; the sandbox does the same so that a client
    /// making that mistake is caught by its tests. Computed fields are dropped and recomputed on save.
    private func merge(
        _ changes: [String: SandboxJSON], into previous: [String: SandboxJSON], replacing: Set<String>
    ) -> [String: SandboxJSON] {
        var merged = previous
        for (name, value) in changes {
            if nonKeyedSublists.contains(name), !replacing.contains(name),
               let added = value["items"]?.arrayValue, let kept = previous[name]?["items"]?.arrayValue {
                merged[name] = ["items": .array(kept + added)]
            } else {
                merged[name] = value
            }
        }
        for computed in ["id", "createdDate", "lastModifiedDate", "subtotal", "total", "status"] { merged[computed] = nil }
        return merged
    }

    private mutating func save(_ fields: [String: SandboxJSON], id: String, previous: [String: SandboxJSON]?) -> SandboxResponse {
        switch RecordValidator.validate(fields, type: type, in: state, updating: previous == nil ? nil : id) {
        case .failure(let refusal):
            return refusal.response
        case .success(var record):
            if let tranID = fields["tranId"] { record["tranId"] = tranID }
            if type == .salesOrder {
                if let previous {
                    if let refusal = RecordValidator.refusalToUndoFulfilment(record, previous: previous) { return refusal.response }
                    state.releaseStock(of: previous)
                    record = RecordValidator.keepFulfilledQuantities(record, from: previous)
                }
                record = SalesOrderStatus.stamped(state.commitStock(for: record), in: state)
            }
            state.store(record, type: type, id: id)
            return .noContent(location: links.record(id))
        }
    }

    private func parseBody(_ request: SandboxRequest) -> Result<[String: SandboxJSON], RecordRefusal> {
        guard !request.body.isEmpty else { return .failure(.invalidContent("The request body is empty.")) }
        let parsed: SandboxJSON
        do {
            parsed = try SandboxJSON.parse(request.body)
        } catch {
            return .failure(.invalidContent("Invalid content in the request body: \(error.message) at byte \(error.offset)."))
        }
        guard let fields = parsed.objectValue else { return .failure(.invalidContent("The request body must be a JSON object.")) }
        return .success(fields)
    }
}
