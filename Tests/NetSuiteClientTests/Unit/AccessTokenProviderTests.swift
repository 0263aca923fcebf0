import Foundation
import PluginKit
import Synchronization
import Testing

@testable import NetSuite

@Suite("Access token cache")
struct AccessTokenProviderTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let elapsed = Mutex<Duration>(.seconds(1_000))
        func now() -> Duration { elapsed.withLock { $0 } }
        func advance(_ seconds: Int64) { elapsed.withLock { $0 += .seconds(seconds) } }
    }

    @Test func concurrentCallersShareOneMint() async throws {
        let clock = ManualClock()
        let mints = Mutex(0)
        let provider = AccessTokenProvider(renewalMargin: .seconds(300), now: { clock.now() }) {
            let number = mints.withLock { count -> Int in
                count += 1
                return count
            }
            try await Task.sleep(for: .milliseconds(50))
            return AccessToken(value: Secret("token-\(number)"), expiresAt: clock.now() + .seconds(3600))
        }
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.token().value.exposedValue } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(tokens) == ["token-1"])
        #expect(mints.withLock { $0 } == 1)

        // Still cached well before the margin; renewed once inside it.
        clock.advance(3000)
        #expect(try await provider.token().value.exposedValue == "token-1")
        clock.advance(301)
        #expect(try await provider.token().value.exposedValue == "token-2")
        #expect(await provider.mintCount == 2)
    }

    @Test func invalidateOnlyDropsTheRefusedToken() async throws {
        let clock = ManualClock()
        let mints = Mutex(0)
        let provider = AccessTokenProvider(renewalMargin: .seconds(60), now: { clock.now() }) {
            let number = mints.withLock { count -> Int in
                count += 1
                return count
            }
            return AccessToken(value: Secret("token-\(number)"), expiresAt: clock.now() + .seconds(3600))
        }
        let (first, firstReused) = try await provider.tokenAndOrigin()
        #expect(!firstReused)
        #expect(try await provider.tokenAndOrigin().reused)
        await provider.invalidate(first)
        let second = try await provider.token()
        #expect(second.value.exposedValue == "token-2")
        // A late refusal of the old token must not throw away the new one.
        await provider.invalidate(first)
        #expect(try await provider.token().value.exposedValue == "token-2")
    }

    @Test func aFailedMintIsNotCached() async throws {
        let attempts = Mutex(0)
        let provider = AccessTokenProvider(renewalMargin: .seconds(60), now: { .zero }) {
            let attempt = attempts.withLock { count -> Int in
                count += 1
                return count
            }
            if attempt == 1 {
                throw NetSuiteError(code: "netsuite_http_503", failureClass: .transient(retryAfter: nil), message: "down")
            }
            return AccessToken(value: Secret("ok"), expiresAt: .seconds(3600))
        }
        await #expect(throws: NetSuiteError.self) { try await provider.token() }
        #expect(try await provider.token().value.exposedValue == "ok")
    }
}
