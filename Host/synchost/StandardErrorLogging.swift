import Logging

/// The commands log to standard error, so standard output stays for what a command prints.
enum StandardErrorLogging {
    /// Sends every logger's lines at `level` and above to standard error; call once, first.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
