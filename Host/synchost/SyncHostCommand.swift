import ArgumentParser

/// The `synchost` command line: a thin shell over the host's modules.
@main
struct SyncHostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synchost",
        abstract: "Keep many Shopify stores in sync with NetSuite, one tenant per store.",
        version: SyncHostVersion.current,
        subcommands: [ServeCommand.self, DemoCommand.self, SandboxCommand.self, BenchCommand.self, VersionCommand.self]
    )
}

enum SyncHostVersion {
    static let current = "0.1.0"
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of synchost.")

    func run() {
        print("synchost \(SyncHostVersion.current)")
    }
}
