import Foundation
import PluginKit
import Testing

@Suite struct FlowSettingsTests {
    let declared = [
        PluginSetting(key: "discount_item", kind: .string, defaultValue: nil, summary: "NetSuite item for discounts"),
        PluginSetting(key: "tolerance", kind: .decimal, defaultValue: "0.00", summary: "Allowed total difference"),
        PluginSetting(key: "close_on_cancel", kind: .boolean, defaultValue: "true", summary: "Close cancelled orders"),
        PluginSetting(key: "ship_methods", kind: .map, defaultValue: "", summary: "Shopify shipping title -> ship method"),
    ]

    @Test func givenValuesWinOverDefaults() throws {
        let settings = FlowSettings(given: ["tolerance": "0.05", "ship_methods": "Standard=12, Express = 13"], declared: declared)
        #expect(try settings.decimal("tolerance") == Decimal(string: "0.05"))
        #expect(try settings.boolean("close_on_cancel"))
        #expect(try settings.map("ship_methods") == ["Standard": "12", "Express": "13"])
    }

    @Test func missingOrMistypedSettingsArePermanentErrorsNamingTheKey() {
        let settings = FlowSettings(given: ["tolerance": "a lot", "close_on_cancel": "maybe", "ship_methods": "Standard"], declared: declared)
        for read in [{ _ = try settings.string("discount_item") }, { _ = try settings.decimal("tolerance") },
                     { _ = try settings.boolean("close_on_cancel") }, { _ = try settings.map("ship_methods") }] {
            let error = #expect(throws: SettingError.self) { try read() }
            #expect(error?.failureClass == .permanent)
        }
    }

    @Test func failedClassifiesErrors() {
        struct Plain: Error {}
        guard case .retry(let error) = JobOutcome.failed(Plain()) else { Issue.record("expected retry"); return }
        #expect(error.failureClass == .transient(retryAfter: nil))
        guard case .dead(let code, let reason) = JobOutcome.failed(SettingError(key: "k", problem: "is required but not set")) else {
            Issue.record("expected dead"); return
        }
        #expect(code == "invalid_setting")
        #expect(reason == "setting 'k' is required but not set")
    }
}
