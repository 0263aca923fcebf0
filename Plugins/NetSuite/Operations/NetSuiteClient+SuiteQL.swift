import Foundation
import PluginKit

extension NetSuiteClient {
    /// Runs one page of a SuiteQL query
    /// (`POST /services/rest/query/v1/suiteql?limit=&offset=`, `Prefer: transient`).
    /// - Parameters:
    ///   - limit: Rows per page, 1...1000.
    ///   - offset: The first row, a multiple of `limit` as NetSuite expects.
    public func suiteQL(_ query: String, limit: Int = 1000, offset: Int = 0) async throws -> NetSuitePage {
        let operation = "suiteql"
        let request = NetSuiteRequest(
            method: .post,
            path: "/services/rest/query/v1/suiteql",
            query: [("limit", String(min(max(limit, 1), 1000))), ("offset", String(max(offset, 0)))],
            headers: [("Prefer", "transient")],
            body: ["q": .string(query)],
            operation: operation
        )
        return try NetSuitePage(try await send(request).json(operation: operation), operation: operation)
    }

    /// Runs a SuiteQL query to the end, following `hasMore` page by page.
    /// - Parameters:
    ///   - pageSize: Rows per request, 1...1000.
    ///   - maximumRows: The most rows the caller is prepared to hold.
    /// - Throws: ``NetSuiteError`` `netsuite_suiteql_too_many_rows` (permanent) when the
    ///   result has more than `maximumRows` rows: narrow the query rather than truncate it.
    public func suiteQLAll(_ query: String, pageSize: Int = 1000, maximumRows: Int = 100_000) async throws -> [JSONValue] {
        let pageSize = min(max(pageSize, 1), 1000)
        var rows: [JSONValue] = []
        var offset = 0
        while true {
            let page = try await suiteQL(query, limit: pageSize, offset: offset)
            rows.append(contentsOf: page.items)
            guard rows.count <= maximumRows else {
                throw NetSuiteError(
                    code: "netsuite_suiteql_too_many_rows", failureClass: .permanent,
                    message: "suiteql: the result has more than \(maximumRows) rows"
                )
            }
            // An empty page with hasMore would otherwise ask for the same offset forever.
            guard page.hasMore, !page.items.isEmpty else { return rows }
            offset += page.items.count
        }
    }
}
