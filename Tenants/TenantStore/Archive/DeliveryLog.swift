import Foundation
import GRDB

/// How a source identified one delivery: Shopify's `X-Shopify-Webhook-Id` (unique per
/// delivery attempt of an event) and `X-Shopify-Event-Id` (shared by every duplicate of
/// one event), or a pushed NetSuite event's id.
public struct DeliveryIdentity: Sendable, Equatable {
    public var source: String
    public var topic: String
    public var deliveryID: String?
    public var eventID: String?

    public init(source: String, topic: String, deliveryID: String?, eventID: String?) {
        self.source = source
        self.topic = topic
        self.deliveryID = deliveryID
        self.eventID = eventID
    }
}

extension TenantTransaction {
    /// Records a delivery; returns false, writing nothing, if the same delivery id, or the
    /// same event id for the same topic, was recorded before (a duplicate or a retry of
    /// something already accepted). Event ids are scoped by topic because one merchant
    /// action may fire several topics.
    public func recordDelivery(_ identity: DeliveryIdentity, payloadID: Int64?) throws -> Bool {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deliveries (source, delivery_id, event_id, topic, payload_id, received_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        try insert.execute(arguments: [identity.source, identity.deliveryID, identity.eventID, identity.topic, payloadID,
                                       now.millisecondsSince1970])
        return db.changesCount == 1
    }

    /// Whether this delivery (by delivery id, or by event id and topic) was recorded before.
    public func isDuplicate(_ identity: DeliveryIdentity) throws -> Bool {
        if let deliveryID = identity.deliveryID,
           try Bool.fetchOne(db, sql: "SELECT 1 FROM deliveries WHERE source = ? AND delivery_id = ?",
                             arguments: [identity.source, deliveryID]) == true {
            return true
        }
        if let eventID = identity.eventID,
           try Bool.fetchOne(db, sql: "SELECT 1 FROM deliveries WHERE source = ? AND topic = ? AND event_id = ?",
                             arguments: [identity.source, identity.topic, eventID]) == true {
            return true
        }
        return false
    }
}

extension PayloadArchive {
    /// Forgets deliveries received more than `retention` ago; returns how many.
    @discardableResult
    public func pruneDeliveries(olderThan retention: Duration) async throws -> Int {
        let cutoff = clock.now().millisecondsSince1970 - retention.milliseconds
        return try await writer.write { db in
            try db.execute(sql: "DELETE FROM deliveries WHERE received_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }
}
