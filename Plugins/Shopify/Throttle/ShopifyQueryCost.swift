import Foundation
import PluginKit

/// `extensions.cost.throttleStatus` of a GraphQL answer: the state of the shop's cost bucket
/// for this app right after the request was charged.
public struct ShopifyThrottleStatus: Sendable, Equatable, Codable {
    /// Bucket size in points (2,000 on Standard, 20,000 on Plus).
    public let maximumAvailable: Double
    /// Points left in the bucket.
    public let currentlyAvailable: Double
    /// Points restored per second (100 Standard, 200 Advanced, 1,000 Plus, 2,000 Enterprise).
    public let restoreRate: Double

    /// Creates a status (from an answer, a snapshot or a test).
    public init(maximumAvailable: Double, currentlyAvailable: Double, restoreRate: Double) {
        self.maximumAvailable = maximumAvailable
        self.currentlyAvailable = currentlyAvailable
        self.restoreRate = restoreRate
    }
}

/// `extensions.cost` of a GraphQL answer.
public struct ShopifyQueryCost: Sendable, Equatable, Codable {
    /// What Shopify computed before running the query: the points that must be available.
    public let requestedQueryCost: Double
    /// What the query really cost (absent on a throttled answer).
    public let actualQueryCost: Double?
    /// The bucket after the charge.
    public let throttleStatus: ShopifyThrottleStatus

    /// Creates a cost record (from an answer or a test).
    public init(requestedQueryCost: Double, actualQueryCost: Double?, throttleStatus: ShopifyThrottleStatus) {
        self.requestedQueryCost = requestedQueryCost
        self.actualQueryCost = actualQueryCost
        self.throttleStatus = throttleStatus
    }

    /// How long the bucket needs to hold `requestedQueryCost` again, from its state in this answer.
    public var delayUntilAffordable: Duration {
        let deficit = requestedQueryCost - throttleStatus.currentlyAvailable
        return ShopifyQueryCost.delay(toRestore: deficit, rate: throttleStatus.restoreRate)
    }

    /// The time a bucket restoring `rate` points per second needs to gain `deficit` points,
    /// rounded up to the millisecond; zero when nothing is missing.
    static func delay(toRestore deficit: Double, rate: Double) -> Duration {
        guard deficit > 0 else { return .zero }
        // A bucket that reports no restore rate would never refill: wait one second and re-learn.
        guard rate > 0 else { return .seconds(1) }
        // Clamped: a bogus rate or deficit in an answer must not trap or stall the tenant for long.
        return .seconds(clamping: deficit / rate, maximum: 60)
    }
}

/// What a ``ShopifyCostBucket`` knows, in a form the tenant store can persist and a new
/// client can be seeded from, so a restarted host does not start cold.
public struct ShopifyCostBucketSnapshot: Sendable, Equatable, Codable {
    /// Bucket size in points.
    public let maximumAvailable: Double
    /// Points believed available at `observedAt`.
    public let currentlyAvailable: Double
    /// Points restored per second.
    public let restoreRate: Double
    /// When `currentlyAvailable` was true (on the bucket's clock).
    public let observedAt: Date

    /// Creates a snapshot.
    public init(maximumAvailable: Double, currentlyAvailable: Double, restoreRate: Double, observedAt: Date) {
        self.maximumAvailable = maximumAvailable
        self.currentlyAvailable = currentlyAvailable
        self.restoreRate = restoreRate
        self.observedAt = observedAt
    }
}
