import Foundation
import GraphQL
import OrderedCollections
import Synchronization

/// `bulkOperationRunQuery`: runs the query over the whole shop at once (connections are not
/// paged, no cost applies), writes the JSONL file Shopify would (one line per node; nodes of
/// nested connections carry `__parentId`), and completes at once with `bulk_operations/finish`.
struct BulkQueryRunner: Sendable {
    let shop: ShopHandle
    let schema: GraphQLSchema
    let events: ShopEventLog
    /// Download URL of a finished operation's file.
    let fileURL: @Sendable (String, Int64) -> String

    func run(_ arguments: Map) async throws -> GraphObject {
        let query = arguments["query"].string ?? ""
        let document: Document
        do {
            document = try parse(source: Source(body: query, name: "bulk query"))
        } catch let error as GraphQLError {
            return Self.failure([error.message])
        }
        let validationErrors = validate(schema: schema, ast: document)
        guard validationErrors.isEmpty else { return Self.failure(validationErrors.map(\.message)) }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        guard operations.count == 1, operations.first?.operation == .query else {
            return Self.failure(["Bulk queries must contain exactly one query operation."])
        }
        let snapshot = shop.snapshot
        let result = try await execute(
            schema: schema, documentAST: document, rootValue: QueryRootResolvers.root(ObjectBuilder(state: snapshot)),
            context: (), variableValues: [:], operationName: nil)
        guard result.errors.isEmpty, let data = result.data else { return Self.failure(result.errors.map(\.message)) }
        var flattener = BulkFlattener()
        flattener.flatten(data)
        guard flattener.rootObjectCount > 0 || flattener.sawConnection else {
            return Self.failure(["Bulk queries must contain at least one connection."])
        }
        let file = flattener.jsonl()
        let now = Date()
        let record = shop.state.withLock { state -> BulkOperationRecord in
            let record = BulkOperationRecord(
                id: state.nextID(), query: query, status: "COMPLETED", createdAt: now, completedAt: now,
                objectCount: flattener.lines.count, rootObjectCount: flattener.rootObjectCount, fileSize: file.count)
            state.bulkOperations.append(record)
            state.bulkFiles[record.id] = file
            return record
        }
        events.add(topic: "bulk_operations/finish", document: [
            "admin_graphql_api_id": GID.make("BulkOperation", record.id), "completed_at": ISOTime.string(now),
            "created_at": ISOTime.string(now), "error_code": NSNull(), "status": "completed", "type": "query",
        ])
        return ["bulkOperation": object(record), "userErrors": [GraphObject]()]
    }

    func object(_ record: BulkOperationRecord) -> GraphObject {
        Self.object(record, url: fileURL(shop.domain, record.id))
    }

    static func object(_ record: BulkOperationRecord, url: String) -> GraphObject {
        var object: GraphObject = [
            "id": GID.make("BulkOperation", record.id), "status": record.status, "type": "QUERY", "query": record.query,
            "createdAt": ISOTime.string(record.createdAt), "completedAt": ISOTime.string(record.completedAt),
            "objectCount": String(record.objectCount), "rootObjectCount": String(record.rootObjectCount),
            "fileSize": String(record.fileSize),
        ]
        // Shopify gives no URL when the query matched nothing.
        if record.objectCount > 0 { object["url"] = url }
        return object
    }

    private static func failure(_ messages: [String]) -> GraphObject {
        ["userErrors": messages.map { ["field": ["query"], "message": $0] as GraphObject }]
    }
}

/// Turns a query answer into Shopify's bulk JSONL lines.
struct BulkFlattener {
    private(set) var lines: [Map] = []
    private(set) var rootObjectCount = 0
    private(set) var sawConnection = false

    mutating func flatten(_ data: Map) {
        guard case .dictionary(let root) = data else { return }
        for value in root.values {
            if let nodes = Self.nodes(of: value) {
                sawConnection = true
                for node in nodes {
                    rootObjectCount += 1
                    emit(node, parent: nil)
                }
            } else if case .dictionary = value {
                emit(value, parent: nil, countsAsRoot: true)
            }
        }
    }

    private mutating func emit(_ node: Map, parent: String?, countsAsRoot: Bool = false) {
        guard case .dictionary(let fields) = node else { return }
        var own = OrderedDictionary<String, Map>()
        var children: [[Map]] = []
        for (key, value) in fields {
            if let nested = Self.nodes(of: value) {
                sawConnection = true
                children.append(nested)
            } else {
                own[key] = value
            }
        }
        if let parent { own["__parentId"] = .string(parent) }
        lines.append(.dictionary(own))
        if countsAsRoot { rootObjectCount += 1 }
        let id = own["id"]?.string
        for nested in children {
            for child in nested { emit(child, parent: id) }
        }
    }

    /// The nodes of a connection value (`edges[].node` or `nodes[]`), nil for anything else.
    private static func nodes(of value: Map) -> [Map]? {
        guard case .dictionary(let object) = value else { return nil }
        if case .array(let edges)? = object["edges"] {
            return edges.compactMap { edge in
                guard case .dictionary(let fields) = edge else { return nil }
                return fields["node"]
            }
        }
        if case .array(let nodes)? = object["nodes"] { return nodes }
        return nil
    }

    func jsonl() -> Data {
        let encoder = GraphQLJSONEncoder()
        var file = Data()
        for line in lines {
            guard let encoded = try? encoder.encode(line) else { continue }
            file.append(encoded)
            file.append(0x0A)
        }
        return file
    }
}
