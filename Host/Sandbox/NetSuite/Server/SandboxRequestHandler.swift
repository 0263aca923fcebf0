import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns Hummingbird requests into ``SandboxRequest``s, routes them, and writes the answers.
struct SandboxRequestHandler: Sendable {
    let store: SandboxStore
    let configuration: NetSuiteSandboxConfiguration
    let lifetime: ServerLifetime

    func respond(to request: Request) async -> Response {
        let rawPath = request.uri.path
        let decoded = rawPath.split(separator: "/", omittingEmptySubsequences: true)
            .map { PercentEncoding.decode($0, plusAsSpace: false) }
        guard let accountID = decoded.first ?? nil, await store.hasAccount(accountID) else {
            return Self.render(NetSuiteError.notFound("No NetSuite account at this address."))
        }
        guard decoded.allSatisfy({ $0 != nil }) else {
            return Self.render(NetSuiteError.badRequest("The request URL is not valid.", code: "INVALID_URL"))
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            // Repeated header fields are folded into one comma-separated value (RFC 9110 section 5.3).
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        var body: [UInt8] = []
        do {
            let buffer = try await request.body.collect(upTo: configuration.maximumBodySize)
            body = Array(buffer.readableBytesView)
        } catch {
            return Self.render(NetSuiteError.response(status: 413, detail: "The request body is too large.", code: "INVALID_CONTENT"))
        }
        guard let query = PercentEncoding.decodePairs(request.uri.query ?? "") else {
            return Self.render(NetSuiteError.badRequest("The query string is not valid.", code: "INVALID_PARAMETER"))
        }
        let sandboxRequest = SandboxRequest(
            method: request.method.rawValue, segments: decoded.compactMap { $0 }.dropFirst().map { $0 },
            rawPath: rawPath, query: query, headers: headers, body: body
        )
        let authority = request.head.authority ?? headers["host"] ?? "127.0.0.1:\(configuration.port)"
        let answer = await route(sandboxRequest, account: accountID, authority: authority)
        await store.recordAnswer(account: accountID, status: answer.status)
        return Self.render(answer)
    }

    private func route(_ request: SandboxRequest, account: String, authority: String) async -> SandboxResponse {
        let segments = request.segments
        if segments == ["services", "rest", "auth", "oauth2", "v1", "token"] {
            guard request.method == "POST" else { return NetSuiteError.response(status: 405, detail: "Use POST.", code: "INVALID_REQUEST") }
            let tokenURL = "http://\(authority)\(request.rawPath)"
            return await store.issueAccessToken(account: account, request: request, tokenURL: tokenURL)
        }
        let isRecord = segments.count >= 5 && Array(segments.prefix(4)) == ["services", "rest", "record", "v1"]
        let isQuery = segments == ["services", "rest", "query", "v1", "suiteql"]
        guard isRecord || isQuery else { return NetSuiteError.notFound("The requested resource does not exist.") }

        if let retryAfter = await store.maintenanceRetryAfter(account: account) {
            let realSeconds = max(1, Int((retryAfter / configuration.timeScale).rounded(.up)))
            return NetSuiteError.response(
                status: 503, detail: "NetSuite is undergoing scheduled maintenance. Try again later.", code: "SERVICE_UNAVAILABLE",
                headers: [("Retry-After", String(realSeconds))]
            )
        }
        guard let label = await store.authenticate(account: account, request: request, authority: authority) else {
            return NetSuiteError.invalidLogin
        }
        guard case .admitted(let plan) = await store.admit(account: account, label: label) else {
            return NetSuiteError.concurrencyLimitExceeded
        }
        let answer = await serve(request, account: account, plan: plan, restBase: "http://\(authority)/\(account)", isQuery: isQuery)
        await store.release(account: account)
        return answer
    }

    private func serve(_ request: SandboxRequest, account: String, plan: FaultPlan, restBase: String, isQuery: Bool) async -> SandboxResponse {
        let clock = store.clock
        if plan.latencyMilliseconds > 0 {
            try? await Task.sleep(for: clock.realDuration(sandboxSeconds: plan.latencyMilliseconds / 1000))
        }
        switch plan.outcome {
        case .hang:
            await hang()
            return NetSuiteError.response(status: 504, detail: "The request timed out.", code: "REQUEST_TIMEOUT")
        case .serverError(let status):
            return NetSuiteError.response(status: status, detail: "An unexpected error occurred.", code: "UNEXPECTED_ERROR")
        case .serve:
            if isQuery { return await store.runSuiteQL(account: account, request: request, restBase: restBase) }
            return await store.handleRecordRequest(account: account, request: request, restBase: restBase)
        }
    }

    /// Waits like a request NetSuite never answers (its own limit is 15 minutes), ended early by
    /// the sandbox stopping and bounded by ``NetSuiteSandboxConfiguration/maximumHangSeconds``.
    private func hang() async {
        let limit = min(configuration.maximumHangSeconds, 900 / configuration.timeScale)
        let deadline = ContinuousClock.now + .milliseconds(Int64(limit * 1000))
        while ContinuousClock.now < deadline, !lifetime.isEnded, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    static func render(_ answer: SandboxResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        guard let body = answer.body else {
            return Response(status: .init(code: answer.status), headers: fields)
        }
        if fields[.contentType] == nil {
            let kind = answer.status >= 400 ? "error" : "singular-resource"
            fields[.contentType] = "application/vnd.oracle.resource+json; type=\(kind)"
        }
        return Response(
            status: .init(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.serializedBytes))
        )
    }
}
