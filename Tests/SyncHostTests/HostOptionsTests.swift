import Foundation
import Testing
@testable import SyncHost

@Suite struct HostOptionsTests {
    @Test func flagsWinOverTheEnvironmentWhichWinsOverDefaults() throws {
        var flags = HostOptions.Flags()
        flags.dataDirectory = "/srv/synchost"
        flags.port = 9000
        let environment = [
            "SYNCHOST_PORT": "7000", "SYNCHOST_WORKERS": "32", "SYNCHOST_BIND": "0.0.0.0",
            "SYNCHOST_ACCOUNT_LIMITS": "1234567_sb1=15, 7654321=20", "SYNCHOST_SHUTDOWN_DEADLINE": "2.5",
        ]
        let options = try HostOptions.resolve(flags, environment: environment)
        #expect(options.dataDirectory.path == "/srv/synchost")
        #expect(options.port == 9000)
        #expect(options.workerLimit == 32)
        #expect(options.bindAddress == "0.0.0.0")
        #expect(options.perTenantLimit == 4)
        #expect(options.accountLimits == ["1234567_SB1": 15, "7654321": 20])
        #expect(options.shutdownDeadline == .milliseconds(2_500))
        #expect(options.defaultAccountLimit == 5)
    }

    @Test func theDataDirectoryCanComeFromTheEnvironmentOnly() throws {
        let options = try HostOptions.resolve(HostOptions.Flags(), environment: ["SYNCHOST_DATA_DIR": "/var/lib/synchost"])
        #expect(options.dataDirectory.path == "/var/lib/synchost")
        #expect(options.port == 8080)
        #expect(throws: HostOptionsError.self) { try HostOptions.resolve(HostOptions.Flags(), environment: [:]) }
    }

    @Test func invalidValuesAreRefusedNamingTheFlagOrVariable() {
        var flags = HostOptions.Flags()
        flags.dataDirectory = "/tmp/x"
        func message(_ flags: HostOptions.Flags, _ environment: [String: String] = [:]) -> String {
            do {
                _ = try HostOptions.resolve(flags, environment: environment)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(message(flags, ["SYNCHOST_PORT": "eighty"]).contains("SYNCHOST_PORT"))
        #expect(message(flags, ["SYNCHOST_WORKERS": "0"]).contains("SYNCHOST_WORKERS"))
        #expect(message(flags, ["SYNCHOST_SHUTDOWN_DEADLINE": "-1"]).contains("SYNCHOST_SHUTDOWN_DEADLINE"))
        var badPort = flags
        badPort.port = 70_000
        #expect(message(badPort).contains("--port"))
        var badLimit = flags
        badLimit.accountLimits = ["1234567"]
        #expect(message(badLimit).contains("ACCOUNT=LIMIT"))
        var badBind = flags
        badBind.bindAddress = "local host"
        #expect(message(badBind).contains("bind address"))
    }

    @Test func thePerTenantCapNeverExceedsTheWorkerLimit() throws {
        var flags = HostOptions.Flags()
        flags.dataDirectory = "/tmp/x"
        flags.workerLimit = 2
        flags.perTenantLimit = 8
        let options = try HostOptions.resolve(flags, environment: [:])
        #expect(options.perTenantLimit == 2)
    }
}
