import Crypto
import Foundation

/// The host's master key: an AES-256 key that encrypts every tenant's credentials.
/// Its ``id`` (a fingerprint, not the key) is stored with each ciphertext so that during a
/// rotation every credential says which key opens it.
public struct MasterKey: Sendable, CustomStringConvertible {
    let key: SymmetricKey
    /// A short public fingerprint of the key.
    public let id: String

    /// Wraps 32 raw key bytes.
    public init(bytes: some ContiguousBytes) throws {
        let key = SymmetricKey(data: bytes)
        guard key.bitCount == 256 else {
            throw TenantStoreError(.masterKeyUnavailable, "the master key must be 32 bytes (256 bits), not \(key.bitCount / 8)")
        }
        self.key = key
        var hasher = SHA256()
        hasher.update(data: Data("synchost master key id".utf8))
        key.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        id = hasher.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Decodes a base64 key, as given in `SYNCHOST_MASTER_KEY` or a key file.
    public init(base64: String) throws {
        guard let bytes = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TenantStoreError(.masterKeyUnavailable, "the master key is not valid base64")
        }
        try self.init(bytes: bytes)
    }

    /// A new random key.
    public static func generate() -> MasterKey {
        // A fresh SymmetricKey is always 256 bits, so this cannot fail.
        try! MasterKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    var base64: String { key.withUnsafeBytes { Data($0).base64EncodedString() } }

    public var description: String { "MasterKey(id: \(id))" }
}

/// The keys a host can decrypt with: the current one, which encrypts, and older ones kept
/// while a rotation is under way.
public struct MasterKeyring: Sendable {
    public let current: MasterKey
    public let previous: [MasterKey]

    public init(current: MasterKey, previous: [MasterKey] = []) {
        self.current = current
        self.previous = previous.filter { $0.id != current.id }
    }

    func key(id: String) -> MasterKey? {
        ([current] + previous).first { $0.id == id }
    }
}
