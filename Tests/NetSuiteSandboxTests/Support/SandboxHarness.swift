import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import NetSuiteSandbox

/// An answer from the sandbox, body parsed as JSON when there is one.
struct TestResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: SandboxJSON?

    /// `o:errorDetails[0].o:errorCode`.
    var errorCode: String? { body?["o:errorDetails"]?.arrayValue?.first?["o:errorCode"]?.stringValue }
    /// `o:errorDetails[0].o:errorPath`.
    var errorPath: String? { body?["o:errorDetails"]?.arrayValue?.first?["o:errorPath"]?.stringValue }
    var errorDetail: String? { body?["o:errorDetails"]?.arrayValue?.first?["detail"]?.stringValue }
}

/// A running sandbox with one seeded account: USD subsidiary, a location, two items, a customer
/// helper, TBA credentials; stopped by ``withHarness(configuration:concurrencyLimit:_:)``.
struct SandboxHarness: Sendable {
    static let accountID = "1234567_SB1"
    let sandbox: NetSuiteSandbox
    let account: SandboxNetSuiteAccount
    let credentials: SandboxTBACredentials
    let subsidiary: String
    let otherSubsidiary: String
    let location: String
    let shirt: String
    let mug: String

    var signer: TestTBASigner { TestTBASigner(credentials: credentials, realm: Self.accountID) }

    func url(_ path: String) -> URL { account.restBaseURL.appending(path: path) }

    func recordURL(_ path: String) -> URL { url("services/rest/record/v1/\(path)") }

    /// Sends a TBA-signed request; `query` is appended to the URL and signed too.
    func send(
        _ method: HTTPMethod, _ url: URL, json: String? = nil, headers: [(String, String)] = [],
        overrides: TestTBASigner.Overrides = .init(), signer: TestTBASigner? = nil, authorization: String? = nil
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        let header = authorization ?? (signer ?? self.signer).authorization(method: method.rawValue, url: url, overrides: overrides)
        request.headers.add(name: "Authorization", value: header)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        return try await Self.execute(request)
    }

    static func execute(_ request: HTTPClientRequest, timeout: TimeAmount = .seconds(10)) async throws -> TestResponse {
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 8 << 20)
        let body = bytes.readableBytes == 0 ? nil : try SandboxJSON.parse(Array(bytes.readableBytesView))
        return TestResponse(status: Int(response.status.code), headers: response.headers, body: body)
    }

    /// Creates a customer in `subsidiary` (default: the harness's) and returns its id.
    func createCustomer(name: String = "Acme", subsidiary: String? = nil, externalID: String? = nil) async throws -> String {
        let eid = externalID.map { ",\"externalId\":\"\($0)\"" } ?? ""
        let response = try await send(.POST, recordURL("customer"),
                                      json: "{\"companyName\":\"\(name)\",\"subsidiary\":{\"id\":\"\(subsidiary ?? self.subsidiary)\"}\(eid)}")
        guard response.status == 204, let location = response.headers.first(name: "Location"),
              let id = location.split(separator: "/").last else {
            throw HarnessError(message: "customer not created: \(response.status) \(response.body?.serialized ?? "")")
        }
        return String(id)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Runs `body` against a fresh sandbox and always stops it afterwards.
func withHarness<T>(
    configuration: NetSuiteSandboxConfiguration = .init(), concurrencyLimit: Int = 5,
    _ body: (SandboxHarness) async throws -> T
) async throws -> T {
    let sandbox = NetSuiteSandbox(configuration: configuration)
    try await sandbox.start()
    do {
        let id = SandboxHarness.accountID
        let account = try await sandbox.createAccount(id: id, concurrencyLimit: concurrencyLimit)
        let subsidiary = try await sandbox.addSubsidiary(account: id, name: "US", currency: "USD")
        let other = try await sandbox.addSubsidiary(account: id, name: "EU", currency: "EUR")
        let location = try await sandbox.addLocation(account: id, name: "Main", subsidiary: subsidiary)
        let shirt = try await sandbox.addInventoryItem(account: id, sku: "SHIRT-M", displayName: "Shirt", subsidiaries: [subsidiary],
                                                       basePrice: "19.99")
        let mug = try await sandbox.addInventoryItem(account: id, sku: "MUG", displayName: "Mug", subsidiaries: [subsidiary, other],
                                                     basePrice: "7.10")
        let harness = SandboxHarness(
            sandbox: sandbox, account: account, credentials: try await sandbox.issueTBAToken(account: id, label: "store-a"),
            subsidiary: subsidiary, otherSubsidiary: other, location: location, shirt: shirt, mug: mug
        )
        let result = try await body(harness)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}
