import Foundation

extension SandboxStore {
    /// `POST .../services/rest/query/v1/suiteql?limit=&offset=` with `Prefer: transient` and `{"q": "SELECT ..."}`.
    func runSuiteQL(account: String, request: SandboxRequest, restBase: String) -> SandboxResponse {
        guard request.method == "POST" else {
            return NetSuiteError.response(status: 405, detail: "Use POST to run a SuiteQL query.", code: "INVALID_REQUEST")
        }
        guard request.header("prefer")?.lowercased().contains("transient") == true else {
            return NetSuiteError.badRequest("The request header 'Prefer: transient' is required to run a SuiteQL query.",
                                            code: "INVALID_HEADER")
        }
        guard let body = try? SandboxJSON.parse(request.body), let query = body["q"]?.stringValue else {
            return NetSuiteError.badRequest("The request body must be a JSON object with the query in \"q\".", code: "INVALID_CONTENT")
        }
        let paging: Paging
        switch Paging.parse(request, defaultLimit: 1000) {
        case .failure(let refusal): return refusal.response
        case .success(let parsed): paging = parsed
        }
        guard let state = accounts[account] else { return NetSuiteError.notFound("No NetSuite account at this address.") }
        do {
            let select = try SuiteQLParser.parse(query)
            let evaluator = try SuiteQLEvaluator(select)
            let items = try evaluator.run(SuiteQLTables.rows(of: select.table, in: state))
            let page = paging.slice(items).map(SandboxJSON.object)
            return .json(paging.envelope(items: Array(page), total: items.count,
                                         baseURL: "\(restBase)/services/rest/query/v1/suiteql", extraQuery: ""))
        } catch {
            return NetSuiteError.badRequest(error.detail, code: "INVALID_PARAMETER")
        }
    }
}
