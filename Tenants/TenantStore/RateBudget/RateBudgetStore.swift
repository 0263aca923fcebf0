import Foundation
import GRDB

/// The last throttle status Shopify reported for the tenant's shop.
public struct ShopifyBucketSnapshot: Sendable, Equatable {
    public var maximumAvailable: Double
    public var currentlyAvailable: Double
    /// Points restored per second.
    public var restoreRate: Double
    public var observedAt: Date

    public init(maximumAvailable: Double, currentlyAvailable: Double, restoreRate: Double, observedAt: Date) {
        self.maximumAvailable = maximumAvailable
        self.currentlyAvailable = currentlyAvailable
        self.restoreRate = restoreRate
        self.observedAt = observedAt
    }
}

/// The tenant's share of its NetSuite account's concurrency limit.
public struct NetSuiteShare: Sendable, Equatable {
    public var accountID: String
    /// The tenant's weight when the account's limit is split between its tenants.
    public var weight: Int
    /// Concurrent requests the governor last allotted to this tenant.
    public var allottedConcurrency: Int
    /// Until when the governor holds back after a 429, if it does.
    public var backoffUntil: Date?

    public init(accountID: String, weight: Int, allottedConcurrency: Int, backoffUntil: Date? = nil) {
        self.accountID = accountID
        self.weight = weight
        self.allottedConcurrency = allottedConcurrency
        self.backoffUntil = backoffUntil
    }
}

/// The rate-limit state a restart must not forget.
public struct RateBudgetStore: Sendable {
    let writer: any DatabaseWriter
    let clock: any WallClock

    public func shopifyBucket() async throws -> ShopifyBucketSnapshot? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM shopify_bucket WHERE id = 1").map {
                ShopifyBucketSnapshot(maximumAvailable: $0["maximum_available"], currentlyAvailable: $0["currently_available"],
                                      restoreRate: $0["restore_rate"], observedAt: Date(millisecondsSince1970: $0["observed_at"]))
            }
        }
    }

    public func saveShopifyBucket(_ snapshot: ShopifyBucketSnapshot) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO shopify_bucket (id, maximum_available, currently_available, restore_rate, observed_at)
                VALUES (1, ?, ?, ?, ?)
                """, arguments: [snapshot.maximumAvailable, snapshot.currentlyAvailable, snapshot.restoreRate,
                                 snapshot.observedAt.millisecondsSince1970])
        }
    }

    public func netSuiteShare() async throws -> NetSuiteShare? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM netsuite_share WHERE id = 1").map {
                NetSuiteShare(accountID: $0["account_id"], weight: $0["weight"], allottedConcurrency: $0["allotted_concurrency"],
                              backoffUntil: ($0["backoff_until"] as Int64?).map(Date.init(millisecondsSince1970:)))
            }
        }
    }

    public func saveNetSuiteShare(_ share: NetSuiteShare) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO netsuite_share (id, account_id, weight, allotted_concurrency, backoff_until)
                VALUES (1, ?, ?, ?, ?)
                """, arguments: [share.accountID, share.weight, share.allottedConcurrency,
                                 share.backoffUntil?.millisecondsSince1970])
        }
    }

    /// Adds `count` calls to `api`'s counter for today (UTC).
    public func recordCalls(api: String, count: Int = 1) async throws {
        let day = Self.dayKey(clock.now())
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO daily_calls (day, api, calls) VALUES (?, ?, ?)
                ON CONFLICT (day, api) DO UPDATE SET calls = calls + excluded.calls
                """, arguments: [day, api, count])
        }
    }

    /// Calls counted for `api` on the UTC day containing `date` (today by default).
    public func dailyCalls(api: String, on date: Date? = nil) async throws -> Int {
        let day = Self.dayKey(date ?? clock.now())
        return try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT calls FROM daily_calls WHERE day = ? AND api = ?", arguments: [day, api]) ?? 0
        }
    }

    static func dayKey(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let civil = Date(timeIntervalSince1970: Double(days) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: civil)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
