import Foundation
import Synchronization

extension ShopifySandbox {
    /// Adds a location to the shop.
    public func addLocation(shop: String, name: String) async throws -> SandboxLocation {
        let record = try self.shop(shop).state.withLock { $0.addLocation(name: name, now: Date()) }
        return SandboxLocation(id: record.id, gid: GID.make("Location", record.id), name: record.name)
    }

    /// Adds a product with its variants, each with an inventory item stocked at the given locations.
    public func addProduct(shop: String, title: String, variants: [SandboxVariantSeed]) async throws -> SandboxProduct {
        try self.shop(shop).state.withLock { state in
            let product = try state.addProduct(title: title, variants: variants, now: Date())
            return state.publicProduct(product)
        }
    }

    /// The shop's products in creation order.
    public func products(shop: String) async throws -> [SandboxProduct] {
        let state = try self.shop(shop).snapshot
        return state.productOrder.compactMap { state.products[$0] }.map(state.publicProduct)
    }

    /// The shop's locations in creation order.
    public func locations(shop: String) async throws -> [SandboxLocation] {
        let state = try self.shop(shop).snapshot
        return state.locationOrder.compactMap { state.locations[$0] }.map {
            SandboxLocation(id: $0.id, gid: GID.make("Location", $0.id), name: $0.name)
        }
    }

    /// Available and on-hand quantities of an item at a location; nil when the item is not stocked there.
    public func inventoryLevel(shop: String, inventoryItemID: Int64, locationID: Int64) async throws -> (available: Int, onHand: Int)? {
        let level = try self.shop(shop).state.withLock {
            $0.inventory[InventoryKey(itemID: inventoryItemID, locationID: locationID)]
        }
        return level.map { ($0.available, $0.onHand) }
    }

    /// Records a Shopify Payments payout and its balance transactions (replacing earlier records with the same ids).
    public func recordPayout(shop: String, payout: SandboxPayout, transactions: [SandboxBalanceTransaction]) async throws {
        guard MoneyText.decimal(payout.amount) != nil else {
            throw ShopifySandboxError(.invalidArgument, "payout amount '\(payout.amount)' is not a decimal amount")
        }
        for transaction in transactions {
            guard transaction.payoutID == payout.id else {
                throw ShopifySandboxError(.invalidArgument, "transaction \(transaction.id) belongs to payout \(transaction.payoutID), not \(payout.id)")
            }
            for amount in [transaction.amount, transaction.fee, transaction.net] where MoneyText.decimal(amount) == nil {
                throw ShopifySandboxError(.invalidArgument, "transaction \(transaction.id) amount '\(amount)' is not a decimal amount")
            }
        }
        try self.shop(shop).state.withLock { state in
            state.payouts[payout.id] = payout
            for transaction in transactions { state.balanceTransactions[transaction.id] = transaction }
        }
    }

    /// Request, throttle and webhook counters of the shop (zeros for an unknown shop).
    public func stats(shop: String) async -> ShopifySandboxStats {
        guard let handle = try? self.shop(shop) else { return ShopifySandboxStats() }
        var stats = handle.counters.withLock { $0 }
        stats.bucketLevel = handle.bucket.withLock { $0.available(at: clock.now) }
        return stats
    }

    /// Every webhook delivery of the shop so far, in the order they were created.
    public func deliveries(shop: String) async -> [SandboxWebhookDelivery] {
        await dispatcher.deliveries(shop: shop)
    }
}
