import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import NetSuiteSandbox

@Suite("Bad requests get clear answers")
struct RobustnessTests {
    @Test("malformed headers, oversized bodies, broken paths and unknown routes")
    func badRequests() async throws {
        try await withHarness(configuration: .init(maximumBodySize: 1024)) { harness in
            let url = harness.recordURL("customer")
            for header in ["OAuth", "OAuth realm=\"1234567_SB1\", oauth_token", "OAuth realm=1234567_SB1", "Bearer", ""] {
                let response = try await harness.send(.GET, url, authorization: header)
                #expect(response.status == 401)
                #expect(response.errorCode == "INVALID_LOGIN")
            }
            let oversized = "{\"companyName\":\"\(String(repeating: "x", count: 2000))\"}"
            let tooLarge = try await harness.send(.POST, url, json: oversized)
            #expect(tooLarge.status == 413)

            let unknownRoute = try await harness.send(.GET, harness.url("services/rest/system/v1/nothing"))
            #expect(unknownRoute.status == 404)
            let notAnObject = try await harness.send(.POST, url, json: "[1,2]")
            #expect(notAnObject.errorCode == "INVALID_CONTENT")
            let wrongMethod = try await harness.send(.DELETE, harness.url("services/rest/query/v1/suiteql"))
            #expect(wrongMethod.status == 405)
            let lowercaseType = try await harness.send(.GET, harness.recordURL("salesorder"))
            #expect(lowercaseType.status == 200)
        }
    }

    @Test("a taken port makes start() throw; a second start of a running sandbox throws")
    func startFailures() async throws {
        let first = NetSuiteSandbox()
        try await first.start()
        let port = try #require(first.baseURL.port)
        let second = NetSuiteSandbox(configuration: .init(port: port))
        await #expect(throws: (any Error).self) { try await second.start() }
        await #expect(throws: NetSuiteSandboxError.self) { try await first.start() }
        await first.stop()
        await second.stop()
    }
}
