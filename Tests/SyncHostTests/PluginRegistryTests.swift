import PluginKit
import Testing
@testable import SyncHost

private struct FakePlugin: FlowPlugin {
    let descriptor: PluginDescriptor
    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome { .done() }
}

@Suite struct PluginRegistryTests {
    @Test func routingFollowsTheDescriptors() throws {
        let registry = try PluginRegistry([
            FakePlugin(descriptor: PluginDescriptor(id: "orders", summary: "", webhookTopics: ["orders/create", "orders/updated"])),
            FakePlugin(descriptor: PluginDescriptor(id: "customers", summary: "", webhookTopics: ["orders/create", "customers/create"])),
            FakePlugin(descriptor: PluginDescriptor(id: "inventory", summary: "", pushedEvents: ["inventory.changed"])),
        ])
        #expect(registry.webhookRouting.flows(for: "orders/create") == ["customers", "orders"])
        #expect(registry.webhookRouting.flows(for: "orders/updated") == ["orders"])
        #expect(registry.webhookRouting.flows(for: "refunds/create") == [])
        #expect(registry.pushedEventRouting == ["inventory.changed": ["inventory"]])
        #expect(registry.plugin(id: "orders")?.descriptor.id == "orders")
    }

    @Test func duplicateOrMalformedIDsAreRefused() {
        #expect(throws: PluginRegistryError.self) {
            try PluginRegistry([FakePlugin(descriptor: .init(id: "orders", summary: "")), FakePlugin(descriptor: .init(id: "orders", summary: ""))])
        }
        #expect(throws: PluginRegistryError.self) { try PluginRegistry([FakePlugin(descriptor: .init(id: "Orders!", summary: ""))]) }
    }
}
