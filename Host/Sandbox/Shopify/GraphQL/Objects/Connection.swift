import Foundation
import GraphQL

/// Cursor pagination over an ordered list, as Shopify's connections do (`first`/`after`,
/// `last`/`before`, `reverse`). Cursors are opaque: base64 of the item's sort key and id, so a
/// cursor stays valid when items are added or move.
struct Connection<Item: Sendable> {
    let items: [Item]
    let sortKey: @Sendable (Item) -> String
    let id: @Sendable (Item) -> Int64

    static func cursor(key: String, id: Int64) -> String {
        Data("\(key)\u{1}\(id)".utf8).base64EncodedString()
    }

    static func decode(cursor: String) throws -> (String, Int64) {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw ResolverError(description: "Invalid cursor for current pagination sort.")
        }
        let parts = text.split(separator: "\u{1}", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int64(parts[1]) else {
            throw ResolverError(description: "Invalid cursor for current pagination sort.")
        }
        return (String(parts[0]), id)
    }

    /// The connection object (`edges`, `nodes`, `pageInfo`) for the page the arguments select.
    func resolve(_ arguments: Map, node: @Sendable (Item) -> GraphObject) throws -> GraphObject {
        let reverse = arguments["reverse"].bool ?? false
        var keyed = items.map { (key: sortKey($0), id: id($0), item: $0) }
        keyed.sort { ($0.key, $0.id) < ($1.key, $1.id) }
        if reverse { keyed.reverse() }
        func precedes(_ lhs: (String, Int64), _ rhs: (String, Int64)) -> Bool { reverse ? lhs > rhs : lhs < rhs }
        var lower = 0
        var upper = keyed.count
        if let after = arguments["after"].string {
            let cursor = try Self.decode(cursor: after)
            lower = keyed.firstIndex { precedes(cursor, ($0.key, $0.id)) } ?? keyed.count
        }
        if let before = arguments["before"].string {
            let cursor = try Self.decode(cursor: before)
            upper = keyed.firstIndex { !precedes(($0.key, $0.id), cursor) } ?? keyed.count
        }
        upper = max(lower, upper)
        var start = lower
        var end = upper
        if let first = arguments["first"].int { end = min(end, start + max(0, first)) }
        if let last = arguments["last"].int { start = max(start, end - max(0, last)) }
        let page = Array(keyed[start..<end])
        let nodes = page.map { node($0.item) }
        let edges: [GraphObject] = zip(page, nodes).map { entry, object in
            ["cursor": Self.cursor(key: entry.key, id: entry.id), "node": object]
        }
        let pageInfo: GraphObject = [
            "hasNextPage": end < keyed.count,
            "hasPreviousPage": start > 0,
            "startCursor": page.first.map { Self.cursor(key: $0.key, id: $0.id) } as (any Sendable)?,
            "endCursor": page.last.map { Self.cursor(key: $0.key, id: $0.id) } as (any Sendable)?,
        ].compactMapValues { $0 }
        return ["edges": edges, "nodes": nodes, "pageInfo": pageInfo]
    }
}

/// Sort keys as strings that order correctly.
enum SortKey {
    static func date(_ date: Date) -> String {
        String(format: "%020lld", Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    static func number(_ value: Int64) -> String { String(format: "%020lld", value) }
}
