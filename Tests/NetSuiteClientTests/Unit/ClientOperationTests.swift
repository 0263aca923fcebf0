import Foundation
import PluginKit
import Synchronization
import Testing

@testable import NetSuite

@Suite("Client operations over a scripted sender")
struct ClientOperationTests {
    /// Answers each request with the next scripted response and records what was asked.
    final class ScriptedSender: NetSuiteRequestSending {
        private let state: Mutex<(answers: [NetSuiteResponse], requests: [String])>

        init(_ answers: [NetSuiteResponse]) {
            state = Mutex((answers, []))
        }

        var requests: [String] { state.withLock { $0.requests } }

        func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse {
            let query = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            return try state.withLock { state in
                state.requests.append("\(request.method.rawValue) \(request.path)\(query.isEmpty ? "" : "?" + query)")
                guard !state.answers.isEmpty else {
                    throw NetSuiteError(code: "test_unscripted", failureClass: .permanent, message: "no answer scripted")
                }
                return state.answers.removeFirst()
            }
        }
    }

    static func json(_ text: String) -> NetSuiteResponse {
        NetSuiteResponse(status: 200, headers: [:], body: Data(text.utf8))
    }

    @Test func upsertReadsTheIDFromLocationOrFallsBackToARead() async throws {
        let withLocation = ScriptedSender([NetSuiteResponse(status: 204, headers: ["location": "https://h/services/rest/record/v1/salesOrder/812"], body: Data())])
        #expect(try await NetSuiteClient(sender: withLocation).upsert("salesOrder", externalID: ExternalID("so-1"), record: [:]) == "812")
        #expect(withLocation.requests == ["PUT /services/rest/record/v1/salesOrder/eid:so-1"])

        let withoutLocation = ScriptedSender([NetSuiteResponse(status: 204, headers: [:], body: Data()), Self.json(#"{"id":"813","externalId":"so-2"}"#)])
        #expect(try await NetSuiteClient(sender: withoutLocation).upsert("salesOrder", externalID: ExternalID("so-2"), record: [:]) == "813")
        #expect(withoutLocation.requests == ["PUT /services/rest/record/v1/salesOrder/eid:so-2", "GET /services/rest/record/v1/salesOrder/eid:so-2"])
    }

    @Test func aCreateWithoutAnIDInLocationIsUndecodable() async throws {
        let sender = ScriptedSender([NetSuiteResponse(status: 204, headers: ["location": "https://h/services/rest/record/v1/customer/abc"], body: Data())])
        let error = try #require(await netSuiteError { _ = try await NetSuiteClient(sender: sender).create("customer", record: [:]) })
        #expect(error.code == "netsuite_undecodable_response")
        #expect(error.failureClass == .transient(retryAfter: nil))
    }

    @Test func suiteQLAllStopsOnAnEmptyPageEvenIfHasMoreClaimsOtherwise() async throws {
        let sender = ScriptedSender([
            Self.json(#"{"items":[{"id":"1"},{"id":"2"}],"hasMore":true,"offset":0,"count":2,"totalResults":9}"#),
            Self.json(#"{"items":[],"hasMore":true,"offset":2,"count":0,"totalResults":9}"#),
        ])
        let rows = try await NetSuiteClient(sender: sender).suiteQLAll("SELECT id FROM item", pageSize: 2)
        #expect(rows.count == 2)
        #expect(sender.requests == ["POST /services/rest/query/v1/suiteql?limit=2&offset=0", "POST /services/rest/query/v1/suiteql?limit=2&offset=2"])
    }

    @Test func aPageWithoutItemsIsUndecodable() async throws {
        let sender = ScriptedSender([Self.json(#"{"rows":[]}"#)])
        let error = try #require(await netSuiteError { _ = try await NetSuiteClient(sender: sender).list("customer") })
        #expect(error.code == "netsuite_undecodable_response")
    }

    @Test func aWrapperFailureThatIsNotANetSuiteErrorIsStillClassified() async throws {
        struct GovernorClosed: ClassifiedError {
            var failureClass: FailureClass { .rateLimited(retryAfter: .seconds(3)) }
            var code: String { "governor_closed" }
            var message: String { "the account's permits are exhausted" }
        }
        struct Governed: NetSuiteRequestSending {
            func send(_ request: NetSuiteRequest) async throws -> NetSuiteResponse { throw GovernorClosed() }
        }
        let error = try #require(await netSuiteError { _ = try await NetSuiteClient(sender: Governed()).list("customer") })
        #expect(error.code == "governor_closed")
        #expect(error.failureClass == .rateLimited(retryAfter: .seconds(3)))
    }
}
