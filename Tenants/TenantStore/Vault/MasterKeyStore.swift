import Foundation

/// Where the master key comes from: the `SYNCHOST_MASTER_KEY` environment variable (base64)
/// if set, otherwise `<data-dir>/master.key`, created with mode 0600 on first use.
///
/// A rotation writes the new key to `master.key.next` before re-encrypting anything and
/// renames it over `master.key` only when every tenant is done, so a rotation that stops
/// half way is finished by running it again, and both keys open credentials meanwhile.
public struct MasterKeyStore: Sendable {
    public static let environmentVariable = "SYNCHOST_MASTER_KEY"
    /// The key being rotated away from, while a rotation of an environment-managed key runs.
    public static let previousEnvironmentVariable = "SYNCHOST_MASTER_KEY_PREVIOUS"

    public let dataDirectory: URL
    let environment: [String: String]

    public init(dataDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.dataDirectory = dataDirectory
        self.environment = environment
    }

    var keyFile: URL { dataDirectory.appendingPathComponent("master.key") }
    var nextKeyFile: URL { dataDirectory.appendingPathComponent("master.key.next") }

    /// True when the key comes from the environment, which the host cannot rewrite.
    public var usesEnvironment: Bool { environment[Self.environmentVariable] != nil }

    /// Loads the keyring, creating the key file if there is no key yet.
    public func loadKeyring() throws -> MasterKeyring {
        let current: MasterKey
        if let encoded = environment[Self.environmentVariable] {
            current = try MasterKey(base64: encoded)
        } else if let stored = try readKey(at: keyFile) {
            current = stored
        } else {
            try PrivateFiles.makeDirectory(dataDirectory)
            current = MasterKey.generate()
            try PrivateFiles.write(Data((current.base64 + "\n").utf8), to: keyFile)
        }
        var previous: [MasterKey] = []
        if let encoded = environment[Self.previousEnvironmentVariable] {
            previous.append(try MasterKey(base64: encoded))
        }
        if !usesEnvironment, let pending = try readKey(at: nextKeyFile) {
            previous.append(pending)
        }
        return MasterKeyring(current: current, previous: previous)
    }

    /// Writes the key a rotation moves to, before any credential is re-encrypted with it.
    func stageNextKey(_ key: MasterKey) throws {
        try PrivateFiles.write(Data((key.base64 + "\n").utf8), to: nextKeyFile)
    }

    /// The key staged by a rotation that has not finished, if any.
    func stagedNextKey() throws -> MasterKey? {
        try readKey(at: nextKeyFile)
    }

    /// Makes the staged key the current one.
    func promoteNextKey() throws {
        guard rename(nextKeyFile.path, keyFile.path) == 0 else {
            throw TenantStoreError(.fileSystem, "cannot move \(nextKeyFile.path) to \(keyFile.path): \(String(cString: strerror(errno)))")
        }
    }

    private func readKey(at url: URL) throws -> MasterKey? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TenantStoreError(.masterKeyUnavailable, "cannot read the master key file \(url.path): \(error.localizedDescription)")
        }
        do {
            return try MasterKey(base64: text)
        } catch let error as TenantStoreError {
            throw TenantStoreError(.masterKeyUnavailable, "\(url.path): \(error.message)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
