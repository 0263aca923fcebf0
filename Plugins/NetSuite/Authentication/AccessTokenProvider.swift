import Crypto
import Foundation
import PluginKit

/// An OAuth 2.0 access token and the instant, on the monotonic clock, it stops being valid.
struct AccessToken: Sendable {
    let value: Secret
    let expiresAt: Duration
}

/// Mints, caches and renews the machine-to-machine access token of one account.
///
/// An actor so that a burst of concurrent requests with no valid token causes exactly one
/// mint: the first caller starts it, the others await the same task.
actor AccessTokenProvider {
    /// Mints a token with a fresh client assertion; throws ``NetSuiteError``.
    typealias Mint = @Sendable () async throws -> AccessToken

    private let mint: Mint
    private let renewalMargin: Duration
    private let now: @Sendable () -> Duration
    private var cached: AccessToken?
    /// The token a caller would get now without minting, if any.
    var cachedToken: AccessToken? { cached }
    private var minting: Task<AccessToken, any Error>?
    private(set) var mintCount = 0

    init(renewalMargin: Duration, now: @escaping @Sendable () -> Duration, mint: @escaping Mint) {
        self.mint = mint
        self.renewalMargin = renewalMargin
        self.now = now
    }

    /// A token valid for at least the renewal margin, minted only when the cached one is
    /// missing or about to expire.
    func token() async throws -> AccessToken {
        try await tokenAndOrigin().token
    }

    /// The token, and whether it came from the cache (`reused`) rather than a mint this
    /// call started or joined. Only a reused token is worth re-minting after a 401.
    func tokenAndOrigin() async throws -> (token: AccessToken, reused: Bool) {
        if let cached, now() + renewalMargin < cached.expiresAt {
            return (cached, true)
        }
        if let minting {
            return (try await minting.value, false)
        }
        let task = Task { try await mint() }
        minting = task
        mintCount += 1
        defer { minting = nil }
        do {
            let token = try await task.value
            cached = token
            return (token, false)
        } catch {
            cached = nil
            throw error
        }
    }

    /// Drops the cached token after NetSuite refused it, unless another caller already
    /// replaced it with a newer one.
    func invalidate(_ refused: AccessToken) {
        if cached?.value == refused.value {
            cached = nil
        }
    }
}
