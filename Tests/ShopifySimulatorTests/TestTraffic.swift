import Foundation
@testable import ShopifySimulator

/// Simulated traffic without a sandbox: a script over the offline catalog of a seed.
enum TestTraffic {
    static func script(seed: UInt64, configure: (inout SimulatorConfiguration) -> Void = { _ in }) -> StoreScript {
        var configuration = SimulatorConfiguration(seed: seed)
        configure(&configuration)
        var random = SeededRandom(seed: seed)
        let plan = CatalogPlan.generate(size: configuration.catalog, random: &random)
        return StoreScript(configuration: configuration, catalog: .offline(plan))
    }

    /// A script that has written `orders` order chains.
    static func played(seed: UInt64, orders: Int, configure: (inout SimulatorConfiguration) -> Void = { _ in }) -> (StoreScript, [OrderChain]) {
        var script = script(seed: seed, configure: configure)
        let chains = (0..<orders).map { _ in script.nextOrder() }
        return (script, chains)
    }

    /// A configuration that makes every feature frequent, so few orders cover them all.
    static func busy(_ configuration: inout SimulatorConfiguration) {
        configuration.presentmentCurrencyShare = 0.4
        configuration.taxInclusiveShare = 0.5
        configuration.bundleShare = 0.3
        configuration.giftCardShare = 0.3
        configuration.discountCodeShare = 0.6
        configuration.lineDiscountShare = 0.4
        configuration.shippingDiscountShare = 0.4
        configuration.followUps = FollowUpProbabilities(update: 0.4, cancel: 0.2, partialRefund: 0.5, fulfillment: 0.6)
    }
}
