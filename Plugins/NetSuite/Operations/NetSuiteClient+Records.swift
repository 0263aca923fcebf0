import Foundation
import PluginKit

extension NetSuiteClient {
    /// Creates a record (`POST .../{type}`; NetSuite answers 204 with `Location`).
    /// - Returns: The new record's internal id.
    public func create(_ type: String, record: JSONValue) async throws -> String {
        let type = try PathSegment.recordType(type)
        let operation = "record.create.\(type)"
        let response = try await send(NetSuiteRequest(method: .post, path: "\(Self.recordPath)/\(type)", body: record, operation: operation))
        return try Self.internalID(fromLocation: response, operation: operation)
    }

    /// Creates or updates the record whose external id is `externalID`
    /// (`PUT .../{type}/eid:{externalId}`): replaying it changes nothing more.
    ///
    /// On an existing record NetSuite merges the body and *adds* the lines of a sublist
    /// (`item`, `line`) to the stored ones unless the request names it in `?replace=`; so by
    /// default every sublist the body carries is replaced, which is what makes a replay
    /// idempotent instead of doubling an order's lines.
    /// - Parameter replacing: Sublists to replace; nil means every sublist in `record`.
    /// - Returns: The record's internal id, the same on every replay.
    public func upsert(_ type: String, externalID: ExternalID, record: JSONValue, replacing: [String]? = nil) async throws -> String {
        let type = try PathSegment.recordType(type)
        let operation = "record.upsert.\(type)"
        let path = "\(Self.recordPath)/\(type)/eid:\(externalID.rawValue)"
        let sublists = (replacing ?? Self.sublists(in: record)).sorted()
        let query = sublists.isEmpty ? [] : [(name: "replace", value: sublists.joined(separator: ","))]
        let response = try await send(NetSuiteRequest(method: .put, path: path, query: query, body: record, operation: operation))
        if response.header("location") != nil {
            return try Self.internalID(fromLocation: response, operation: operation)
        }
        // NetSuite names the record in Location; should an answer lack it, the id is still
        // one read away, and upserts must always tell the ledger which record they hit.
        guard let id = try await get(type, externalID: externalID)["id"]?.stringValue else {
            throw NetSuiteError(code: "netsuite_undecodable_response", failureClass: .transient(retryAfter: nil), message: "\(operation): the upserted record has no id")
        }
        return id
    }

    /// The sublists of a record body: members shaped `{"items": [...]}`.
    static func sublists(in record: JSONValue) -> [String] {
        guard let members = record.objectValue else { return [] }
        return members.compactMap { name, value in
            if case .array = value["items"] { return name }
            return nil
        }
    }

    /// Reads a record by internal id (`GET .../{type}/{id}`).
    /// - Parameter expandSubResources: Inline sublists such as `item` instead of links.
    public func get(_ type: String, id: String, expandSubResources: Bool = false) async throws -> JSONValue {
        let type = try PathSegment.recordType(type)
        let id = try PathSegment.internalID(id)
        return try await read("\(Self.recordPath)/\(type)/\(id)", expand: expandSubResources, operation: "record.get.\(type)")
    }

    /// Reads a record by external id (`GET .../{type}/eid:{externalId}`).
    public func get(_ type: String, externalID: ExternalID, expandSubResources: Bool = false) async throws -> JSONValue {
        let type = try PathSegment.recordType(type)
        return try await read("\(Self.recordPath)/\(type)/eid:\(externalID.rawValue)", expand: expandSubResources, operation: "record.get.\(type)")
    }

    /// One page of a record list (`GET .../{type}?limit=&offset=`; NetSuite allows 1000 per page).
    public func list(_ type: String, limit: Int = 1000, offset: Int = 0) async throws -> NetSuitePage {
        let type = try PathSegment.recordType(type)
        let operation = "record.list.\(type)"
        let request = NetSuiteRequest(
            method: .get, path: "\(Self.recordPath)/\(type)",
            query: [("limit", String(min(max(limit, 1), 1000))), ("offset", String(max(offset, 0)))],
            operation: operation
        )
        return try NetSuitePage(try await send(request).json(operation: operation), operation: operation)
    }

    /// Transforms a record into another (`POST .../{type}/{id}/!transform/{target}`), such
    /// as a salesOrder into an itemFulfillment or an invoice into a creditMemo.
    /// - Parameter record: Fields of the new record (`apply.items`, ...); nil for none.
    /// - Returns: The new record's internal id.
    public func transform(_ type: String, id: String, to target: String, record: JSONValue? = nil) async throws -> String {
        let type = try PathSegment.recordType(type)
        let id = try PathSegment.internalID(id)
        let target = try PathSegment.recordType(target)
        let operation = "record.transform.\(type).\(target)"
        let request = NetSuiteRequest(method: .post, path: "\(Self.recordPath)/\(type)/\(id)/!transform/\(target)", body: record ?? [:], operation: operation)
        return try Self.internalID(fromLocation: try await send(request), operation: operation)
    }

    /// Deletes a record by internal id (`DELETE .../{type}/{id}`).
    public func delete(_ type: String, id: String) async throws {
        let type = try PathSegment.recordType(type)
        let id = try PathSegment.internalID(id)
        _ = try await send(NetSuiteRequest(method: .delete, path: "\(Self.recordPath)/\(type)/\(id)", operation: "record.delete.\(type)"))
    }

    private func read(_ path: String, expand: Bool, operation: String) async throws -> JSONValue {
        let query: [(name: String, value: String)] = expand ? [("expandSubResources", "true")] : []
        return try await send(NetSuiteRequest(method: .get, path: path, query: query, operation: operation)).json(operation: operation)
    }
}

/// One page of a list or SuiteQL answer:
/// `{"items": [...], "count", "hasMore", "offset", "totalResults", "links"}`.
public struct NetSuitePage: Sendable {
    /// The rows or record references of this page.
    public var items: [JSONValue]
    /// Whether more rows follow this page.
    public var hasMore: Bool
    /// The offset of this page's first row.
    public var offset: Int
    /// The rows in the whole result, when NetSuite reported it.
    public var totalResults: Int?

    init(_ json: JSONValue, operation: String) throws {
        guard let items = json["items"]?.arrayValue else {
            throw NetSuiteError(code: "netsuite_undecodable_response", failureClass: .transient(retryAfter: nil), message: "\(operation): the answer has no items array")
        }
        self.items = items
        self.hasMore = json["hasMore"]?.boolValue ?? false
        self.offset = json["offset"]?.intValue ?? 0
        self.totalResults = json["totalResults"]?.intValue
    }
}
