import PluginKit

/// The plugins a host runs: an explicit value built in `main` and passed down, never a
/// side effect of loading code. Today every plugin is built in; the registry is where a
/// plugin of another kind (out of process, say) would be added, behind the same
/// ``FlowPlugin`` protocol.
public struct PluginRegistry: Sendable {
    public let plugins: [any FlowPlugin]
    private let byID: [String: any FlowPlugin]

    /// Refuses two plugins with one id, and ids that are not short lowercase slugs.
    public init(_ plugins: [any FlowPlugin]) throws {
        var byID: [String: any FlowPlugin] = [:]
        for plugin in plugins {
            let id = plugin.descriptor.id
            guard Self.isValidID(id) else { throw PluginRegistryError(message: "plugin id '\(id.prefix(60))' must be 1 to 40 lowercase letters, digits or dashes") }
            guard byID[id] == nil else { throw PluginRegistryError(message: "two plugins claim the id '\(id)'") }
            byID[id] = plugin
        }
        self.plugins = plugins
        self.byID = byID
    }

    public func plugin(id: String) -> (any FlowPlugin)? { byID[id] }

    /// Which plugins consume each webhook topic, for ingress.
    public var webhookRouting: WebhookRouting {
        var flows: [String: [String]] = [:]
        for plugin in plugins {
            for topic in plugin.descriptor.webhookTopics { flows[topic, default: []].append(plugin.descriptor.id) }
        }
        return WebhookRouting(flowsByTopic: flows)
    }

    /// Which plugins consume each pushed NetSuite event type.
    public var pushedEventRouting: [String: [String]] {
        var flows: [String: [String]] = [:]
        for plugin in plugins {
            for event in plugin.descriptor.pushedEvents { flows[event, default: []].append(plugin.descriptor.id) }
        }
        return flows.mapValues { $0.sorted() }
    }

    private static func isValidID(_ id: String) -> Bool {
        (1...40).contains(id.count) && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// A registry that cannot be built.
public struct PluginRegistryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
