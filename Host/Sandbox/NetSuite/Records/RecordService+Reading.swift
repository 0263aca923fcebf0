import Foundation

extension RecordService {
    /// `GET .../{type}/{id}`: the record with `links`; sublists stay links unless `expandSubResources=true`.
    func read(id: String, request: SandboxRequest) -> SandboxResponse {
        guard let record = state.tables[type]?[id] else { return NetSuiteError.nonexistentRecord }
        let expand = request.queryValue("expandSubResources")?.lowercased() == "true"
        var rendered: [String: SandboxJSON] = [:]
        for (name, value) in record {
            if !expand, Self.isSublist(value) {
                rendered[name] = ["links": [["rel": "self", "href": .string("\(links.record(id))/\(name)")]]]
            } else {
                rendered[name] = renderReference(name, value)
            }
        }
        rendered["links"] = [["rel": "self", "href": .string(links.record(id))]]
        return .json(.object(rendered))
    }

    /// `GET .../{type}/{id}/{sublist}`: the lines of one sublist.
    func sublist(_ request: SandboxRequest, key: String, field: String) -> SandboxResponse {
        guard let id = resolve(key), let record = state.tables[type]?[id] else { return NetSuiteError.nonexistentRecord }
        guard let value = record[field], Self.isSublist(value), let lines = value["items"]?.arrayValue else {
            return NetSuiteError.notFound("The sublist \(field) does not exist on this record.")
        }
        let href = "\(links.record(id))/\(field)"
        return .json([
            "links": [["rel": "self", "href": .string(href)]], "items": .array(lines), "count": .number(Decimal(lines.count)),
            "hasMore": false, "offset": 0, "totalResults": .number(Decimal(lines.count)),
        ])
    }

    /// `GET .../{type}?limit=&offset=`: ids and links, newest last, at most 1000 per page.
    func list(_ request: SandboxRequest) -> SandboxResponse {
        switch Paging.parse(request, defaultLimit: 1000) {
        case .failure(let refusal):
            return refusal.response
        case .success(let paging):
            let all = state.tables[type]?.all ?? []
            let page = paging.slice(all)
            let items: [SandboxJSON] = page.compactMap { record in
                guard let id = record["id"] else { return nil }
                return ["id": id, "links": [["rel": "self", "href": .string(links.record(id.stringValue ?? ""))]]]
            }
            return .json(paging.envelope(items: items, total: all.count, baseURL: links.collection, extraQuery: ""))
        }
    }

    /// Reference fields as NetSuite writes them: `{"id", "refName", "links"}`.
    func renderReference(_ field: String, _ value: SandboxJSON) -> SandboxJSON {
        let targets: [String: RecordType] = [
            "entity": .customer, "subsidiary": .subsidiary, "location": .location, "currency": .currency, "createdFrom": .salesOrder,
        ]
        guard let target = targets[field], var members = value.objectValue, let id = members["id"]?.stringValue,
              let referenced = state.record(target, id: id) else { return value }
        let name = ["entityId", "name", "symbol", "tranId"].lazy.compactMap { referenced[$0]?.stringValue }.first
        if let name { members["refName"] = .string(name) }
        members["links"] = [["rel": "self", "href": .string(links.record(id, of: target))]]
        return .object(members)
    }

    /// A sublist is an object whose only data member is an `items` array.
    static func isSublist(_ value: SandboxJSON) -> Bool {
        guard let members = value.objectValue, members["items"]?.arrayValue != nil else { return false }
        return members.keys.allSatisfy { $0 == "items" || $0 == "links" }
    }
}

/// `limit` / `offset` paging shared by record lists and SuiteQL.
struct Paging: Sendable {
    let limit: Int
    let offset: Int

    static func parse(_ request: SandboxRequest, defaultLimit: Int) -> Result<Paging, RecordRefusal> {
        var limit = defaultLimit
        var offset = 0
        if let text = request.queryValue("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                return .failure(RecordRefusal(NetSuiteError.badRequest(
                    "Invalid value for the parameter limit. The value must be an integer between 1 and 1000.",
                    code: "INVALID_PARAMETER", path: "limit")))
            }
            limit = value
        }
        if let text = request.queryValue("offset") {
            guard let value = Int(text), value >= 0 else {
                return .failure(RecordRefusal(NetSuiteError.badRequest(
                    "Invalid value for the parameter offset. The value must be a non-negative integer.",
                    code: "INVALID_PARAMETER", path: "offset")))
            }
            offset = value
        }
        return .success(Paging(limit: limit, offset: offset))
    }

    func slice<T>(_ all: [T]) -> ArraySlice<T> {
        let start = min(offset, all.count)
        return all[start..<min(all.count, start + limit)]
    }

    /// `{links, count, hasMore, items, offset, totalResults}` with `next` / `previous` / `first` / `last` links.
    func envelope(items: [SandboxJSON], total: Int, baseURL: String, extraQuery: String) -> SandboxJSON {
        let hasMore = offset + items.count < total
        func link(_ rel: String, _ at: Int) -> SandboxJSON {
            ["rel": .string(rel), "href": .string("\(baseURL)?\(extraQuery)limit=\(limit)&offset=\(at)")]
        }
        var pageLinks: [SandboxJSON] = []
        if offset > 0 { pageLinks.append(link("previous", max(0, offset - limit))) }
        if hasMore { pageLinks.append(link("next", offset + limit)) }
        pageLinks.append(link("self", offset))
        return [
            "links": .array(pageLinks), "count": .number(Decimal(items.count)), "hasMore": .bool(hasMore),
            "items": .array(items), "offset": .number(Decimal(offset)), "totalResults": .number(Decimal(total)),
        ]
    }
}

/// A refusal carrying the NetSuite-shaped answer.
struct RecordRefusal: Error, Sendable {
    let response: SandboxResponse

    init(_ response: SandboxResponse) { self.response = response }

    static func invalidContent(_ detail: String) -> RecordRefusal {
        RecordRefusal(NetSuiteError.badRequest(detail, code: "INVALID_CONTENT"))
    }

    static func userError(_ detail: String, path: String?) -> RecordRefusal {
        RecordRefusal(NetSuiteError.badRequest(detail, code: "USER_ERROR", path: path))
    }

    static func invalidReference(_ value: String, path: String) -> RecordRefusal {
        RecordRefusal(NetSuiteError.badRequest(
            "Invalid field value \(value) for the reference field \(path). The referenced record does not exist.",
            code: "INVALID_KEY_OR_REF", path: path))
    }

    static func missing(_ path: String) -> RecordRefusal {
        userError("Please enter value(s) for: \(path).", path: path)
    }
}
