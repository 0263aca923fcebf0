import Foundation

/// Shopify's GraphQL cost bucket for one app on one shop: it holds up to `maximum` points and
/// refills at `restoreRate` points per sandbox second. A query may run only if its requested
/// cost is available; the difference between requested and actual cost is refunded afterwards.
struct CostBucket: Sendable {
    let maximum: Double
    let restoreRate: Double
    private var level: Double
    private var updatedAt: Double

    init(plan: ShopifyPlan, now: Double) {
        self.maximum = plan.bucketSize
        self.restoreRate = plan.restoreRate
        self.level = plan.bucketSize
        self.updatedAt = now
    }

    /// Points available at sandbox time `now`.
    mutating func available(at now: Double) -> Double {
        if now > updatedAt {
            level = min(maximum, level + (now - updatedAt) * restoreRate)
            updatedAt = now
        }
        return level
    }

    /// Takes `cost` points if that many are available; false (and nothing taken) otherwise.
    mutating func take(_ cost: Double, at now: Double) -> Bool {
        guard available(at: now) >= cost else { return false }
        level -= cost
        return true
    }

    /// Gives back points that were taken but not used.
    mutating func refund(_ points: Double, at now: Double) {
        _ = available(at: now)
        level = min(maximum, level + max(0, points))
    }
}
