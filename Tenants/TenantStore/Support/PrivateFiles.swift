import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates folders and files that only the host user can read: tenant databases hold
/// customer data and encrypted credentials.
enum PrivateFiles {
    /// Creates `url` and its missing parents with mode 0700, and tightens an existing folder to 0700.
    static func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        } catch {
            throw TenantStoreError(.fileSystem, "cannot create folder \(url.path): \(error.localizedDescription)")
        }
    }

    /// Creates an empty file with mode 0600 if it does not exist, and tightens it to 0600 if it does.
    ///
    /// SQLite creates a database file with the process umask (usually 0644) and gives its
    /// -wal and -shm files the database file's mode, so creating the file first is what
    /// keeps all three private.
    static func makeFile(_ url: URL) throws {
        let fd = open(url.path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw TenantStoreError(.fileSystem, "cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else {
            throw TenantStoreError(.fileSystem, "cannot restrict \(url.path) to mode 0600: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `data` to `url` with mode 0600, atomically: a reader sees the old file or the new one.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try makeFile(temporary)
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw TenantStoreError(.fileSystem, "cannot replace \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let storeError = error as? TenantStoreError { throw storeError }
            throw TenantStoreError(.fileSystem, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
