import Foundation

/// How `synchost serve` (and the demo) runs the host: where its data lives, where it
/// listens, how many jobs it runs at once, and each NetSuite account's concurrency limit.
///
/// Every option can come from a flag or from the environment (`SYNCHOST_*`, handy under a
/// service manager or in a container); a flag wins over the environment, which wins over the
/// default. A value that does not parse is refused with the flag or variable named, before
/// anything starts.
public struct HostOptions: Sendable, Equatable {
    /// The host's data directory: the tenant catalog, one folder per tenant, the master key.
    public var dataDirectory: URL
    /// The address the HTTP ingress binds. Default 127.0.0.1 (put a TLS proxy in front).
    public var bindAddress: String = "127.0.0.1"
    /// The HTTP port; 0 picks a free one. Default 8080.
    public var port: Int = 8080
    /// Jobs running at once over all tenants. Default 16.
    public var workerLimit: Int = 16
    /// Jobs running at once for one tenant. Default 4.
    public var perTenantLimit: Int = 4
    /// How long a graceful stop waits for jobs in flight. Default 20 s.
    public var shutdownDeadline: Duration = .seconds(20)
    /// NetSuite concurrency limit per account id, for accounts whose limit is not the default.
    public var accountLimits: [String: Int] = [:]
    /// The concurrency limit of accounts not listed (NetSuite Standard tier: 5).
    public var defaultAccountLimit: Int = 5

    /// Options with defaults for everything but the data directory.
    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    /// The environment variables the host reads, by option.
    public enum Variable: String, CaseIterable, Sendable {
        case dataDirectory = "SYNCHOST_DATA_DIR"
        case bindAddress = "SYNCHOST_BIND"
        case port = "SYNCHOST_PORT"
        case workerLimit = "SYNCHOST_WORKERS"
        case perTenantLimit = "SYNCHOST_TENANT_WORKERS"
        case shutdownDeadline = "SYNCHOST_SHUTDOWN_DEADLINE"
        case accountLimits = "SYNCHOST_ACCOUNT_LIMITS"
        case defaultAccountLimit = "SYNCHOST_DEFAULT_ACCOUNT_LIMIT"
    }

    /// Options given as flags, each nil when the flag was not given.
    public struct Flags: Sendable, Equatable {
        public var dataDirectory: String?
        public var bindAddress: String?
        public var port: Int?
        public var workerLimit: Int?
        public var perTenantLimit: Int?
        public var shutdownDeadlineSeconds: Double?
        public var accountLimits: [String] = []
        public var defaultAccountLimit: Int?

        public init() {}
    }

    /// Resolves flags over the environment over the defaults, refusing anything invalid.
    public static func resolve(_ flags: Flags, environment: [String: String]) throws -> HostOptions {
        func env(_ variable: Variable) -> String? {
            environment[variable.rawValue].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func integer(_ flag: Int?, _ variable: Variable, flagName: String, range: ClosedRange<Int>) throws -> Int? {
            if let flag {
                guard range.contains(flag) else { throw HostOptionsError("\(flagName) must be between \(range.lowerBound) and \(range.upperBound)") }
                return flag
            }
            guard let text = env(variable) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw HostOptionsError("\(variable.rawValue)='\(text.prefix(40))' must be a whole number between \(range.lowerBound) and \(range.upperBound)")
            }
            return value
        }

        guard let directory = flags.dataDirectory ?? env(.dataDirectory) else {
            throw HostOptionsError("a data directory is required: --data-dir DIR or \(Variable.dataDirectory.rawValue)")
        }
        var options = HostOptions(dataDirectory: URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL)
        if let bind = flags.bindAddress ?? env(.bindAddress) {
            guard !bind.isEmpty, bind.count <= 255, !bind.contains(where: \.isWhitespace) else {
                throw HostOptionsError("the bind address '\(bind.prefix(40))' is not a host name or IP address")
            }
            options.bindAddress = bind
        }
        options.port = try integer(flags.port, .port, flagName: "--port", range: 0...65_535) ?? options.port
        options.workerLimit = try integer(flags.workerLimit, .workerLimit, flagName: "--workers", range: 1...1_024) ?? options.workerLimit
        options.perTenantLimit = try integer(flags.perTenantLimit, .perTenantLimit, flagName: "--tenant-workers", range: 1...256)
            ?? options.perTenantLimit
        options.defaultAccountLimit = try integer(flags.defaultAccountLimit, .defaultAccountLimit, flagName: "--default-account-limit",
                                                  range: 1...1_000) ?? options.defaultAccountLimit
        let deadlineRange = 0.0...3_600.0
        var deadlineSeconds = flags.shutdownDeadlineSeconds
        if let seconds = deadlineSeconds, !deadlineRange.contains(seconds) {
            throw HostOptionsError("--shutdown-deadline must be between 0 and 3600 seconds")
        }
        if deadlineSeconds == nil, let text = env(.shutdownDeadline) {
            guard let seconds = Double(text), deadlineRange.contains(seconds) else {
                throw HostOptionsError("\(Variable.shutdownDeadline.rawValue)='\(text.prefix(40))' must be a number of seconds between 0 and 3600")
            }
            deadlineSeconds = seconds
        }
        if let seconds = deadlineSeconds { options.shutdownDeadline = .milliseconds(Int64(seconds * 1_000)) }
        let limitEntries = flags.accountLimits.isEmpty
            ? (env(.accountLimits)?.split(separator: ",").map(String.init) ?? [])
            : flags.accountLimits
        for entry in limitEntries {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let limit = Int(parts[1]), (1...1_000).contains(limit) else {
                throw HostOptionsError("account limit '\(entry.prefix(60))' must look like ACCOUNT=LIMIT, e.g. 1234567_SB1=15")
            }
            options.accountLimits[parts[0].uppercased()] = limit
        }
        options.perTenantLimit = min(options.perTenantLimit, options.workerLimit)
        return options
    }
}

/// Options that cannot be used; the message names the flag or variable.
public struct HostOptionsError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
