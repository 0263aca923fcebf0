/// Which flows consume each Shopify webhook topic: ingress enqueues one job per flow.
/// Built from the plugin registry; a topic no flow consumes is acknowledged and archived
/// without jobs, so Shopify does not keep retrying it.
public struct WebhookRouting: Sendable {
    private let flowsByTopic: [String: [String]]

    public init(flowsByTopic: [String: [String]]) {
        self.flowsByTopic = flowsByTopic.mapValues { Array(Set($0)).sorted() }
    }

    /// The flows that consume `topic`, sorted.
    public func flows(for topic: String) -> [String] {
        flowsByTopic[topic] ?? []
    }
}
