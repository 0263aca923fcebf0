import Crypto
import Foundation

/// Why a TBA request was refused. Every reason gets the same 401 INVALID_LOGIN answer, as in
/// NetSuite; the reason only feeds the sandbox's own diagnostics.
enum TBARefusal: String, Error, Sendable {
    case malformedHeader, wrongRealm, unsupportedSignatureMethod, unsupportedVersion
    case unknownConsumer, unknownToken, tokenOfOtherConsumer, invalidTimestamp, staleTimestamp
    case reusedNonce, wrongSignature
}

extension AccountState {
    /// NetSuite refuses timestamps more than five minutes from its clock.
    static let timestampWindow: Double = 300

    /// Verifies a TBA request and returns the token's label.
    /// - Parameters:
    ///   - header: the parsed `Authorization` header.
    ///   - baseString: the signature base string rebuilt from the request as received.
    ///   - clock: sandbox time, for how long nonces are remembered.
    ///   - now: the wall clock the timestamp is compared with.
    mutating func authenticateTBA(
        _ header: OAuthHeader, baseString: String, clock: SandboxClock, now: Date = Date()
    ) -> Result<String, TBARefusal> {
        guard let realm = header.realm, realm == id.uppercased() else { return .failure(.wrongRealm) }
        guard header["oauth_signature_method"] == "HMAC-SHA256" else { return .failure(.unsupportedSignatureMethod) }
        if let version = header["oauth_version"], version != "1.0" { return .failure(.unsupportedVersion) }
        guard let consumerKey = header["oauth_consumer_key"], let tokenID = header["oauth_token"],
              let nonce = header["oauth_nonce"], !nonce.isEmpty, let timestampText = header["oauth_timestamp"],
              let signature = header["oauth_signature"] else { return .failure(.malformedHeader) }
        guard let consumer = consumers[consumerKey] else { return .failure(.unknownConsumer) }
        guard let token = tokens[tokenID] else { return .failure(.unknownToken) }
        guard token.consumerKey == consumerKey else { return .failure(.tokenOfOtherConsumer) }
        guard timestampText.allSatisfy(\.isASCII), let timestamp = Int64(timestampText) else { return .failure(.invalidTimestamp) }
        // oauth_timestamp is wall-clock time and NetSuite compares it with its own wall clock:
        // the time scale must not shrink the window, or a correct client is refused at high scales.
        let skew = abs(now.timeIntervalSince1970 - Double(timestamp))
        guard skew <= Self.timestampWindow else { return .failure(.staleTimestamp) }

        let key = PercentEncoding.encode(consumer.secret) + "&" + PercentEncoding.encode(token.secret)
        let expected = HMAC<SHA256>.authenticationCode(for: Data(baseString.utf8), using: SymmetricKey(data: Data(key.utf8)))
        guard let received = Data(base64Encoded: signature),
              Self.constantTimeEquals(Array(received), Array(expected)) else { return .failure(.wrongSignature) }

        // A nonce is remembered only once the signature is good, so forged requests cannot burn nonces.
        let nonceKey = tokenID + ":" + nonce
        let sandboxNow = clock.elapsed
        // Pruned at most every ten sandbox seconds so a busy account does not rescan on every request.
        if sandboxNow - noncesPrunedAt > 10 {
            let retention = clock.sandboxSeconds(real: 2 * Self.timestampWindow)
            seenNonces = seenNonces.filter { sandboxNow - $0.value <= retention }
            noncesPrunedAt = sandboxNow
        }
        guard seenNonces[nonceKey] == nil else { return .failure(.reusedNonce) }
        seenNonces[nonceKey] = sandboxNow
        return .success(token.label)
    }

    /// Returns the bearer token's label while it lives (3600 sandbox seconds).
    func authenticateBearer(_ token: String, clock: SandboxClock) -> String? {
        guard let issued = accessTokens[token], clock.elapsed - issued.issuedAt < M2MTokenIssuer.lifetime else { return nil }
        return issued.label
    }

    static func constantTimeEquals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}
