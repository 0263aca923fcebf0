import Foundation
import Logging

/// Configuration of a ``NetSuiteSandbox``.
///
/// ```swift
/// // One real second counts as one sandbox hour: an access token expires after a second.
/// let sandbox = NetSuiteSandbox(configuration: .init(timeScale: 3600))
/// ```
public struct NetSuiteSandboxConfiguration: Sendable {
    /// TCP port on 127.0.0.1; 0 asks the system for an ephemeral port (see ``NetSuiteSandbox/baseURL``).
    public var port: Int
    /// Sandbox seconds per real second. Scales every duration the sandbox measures: access
    /// token lifetime, the TBA timestamp window, injected latency, hangs and `Retry-After`.
    public var timeScale: Double
    /// Largest request body accepted, in bytes; a larger body gets 413.
    public var maximumBodySize: Int
    /// Upper bound, in real seconds, of a hang injected by ``NetSuiteFaults/timeoutRate``,
    /// so that a hung request never outlives a test even if its client never gives up.
    public var maximumHangSeconds: Double
    /// Level of the HTTP server's own log (start, stop, connection errors); quiet by default.
    public var logLevel: Logger.Level

    /// Creates a configuration; every field has a default.
    public init(
        port: Int = 0, timeScale: Double = 1, maximumBodySize: Int = 4 << 20, maximumHangSeconds: Double = 30,
        logLevel: Logger.Level = .warning
    ) {
        self.port = port
        self.logLevel = logLevel
        self.timeScale = timeScale > 0 ? timeScale : 1
        self.maximumBodySize = maximumBodySize
        self.maximumHangSeconds = maximumHangSeconds
    }
}
