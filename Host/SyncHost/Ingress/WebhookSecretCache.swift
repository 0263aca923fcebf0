import Foundation
import PluginKit
import Shopify
import TenantStore

/// Names of the credentials that sign a tenant's Shopify webhooks.
public enum WebhookSecretNames {
    /// The app's client secret Shopify signs webhooks with.
    public static let current = "shopify.webhook-secret"
    /// The secret before the last rotation: accepted for ``rotationGrace`` after it was stored,
    /// because Shopify may keep signing with it for up to an hour.
    public static let previous = "shopify.webhook-secret.previous"
    public static let rotationGrace: TimeInterval = 3600
}

/// Each tenant's webhook verifier, read from its vault and kept for a short time so the
/// hot path does not decrypt a secret per delivery; a rotation takes effect within `lifetime`.
actor WebhookSecretCache {
    private struct Entry {
        let verifier: ShopifyWebhookVerifier?
        let loadedAt: ContinuousClock.Instant
    }

    private let pool: TenantPool
    private let lifetime: Duration
    private var entries: [TenantID: Entry] = [:]

    init(pool: TenantPool, lifetime: Duration = .seconds(60)) {
        self.pool = pool
        self.lifetime = lifetime
    }

    /// The tenant's verifier, or nil if no webhook secret is configured for it.
    func verifier(for tenant: TenantID) async throws -> ShopifyWebhookVerifier? {
        if let entry = entries[tenant], ContinuousClock.now - entry.loadedAt < lifetime {
            return entry.verifier
        }
        let verifier = try await pool.withDatabase(tenant) { database -> ShopifyWebhookVerifier? in
            guard let current = try await database.vault.storedSecret(named: WebhookSecretNames.current) else { return nil }
            let previous = try await database.vault.storedSecret(named: WebhookSecretNames.previous)
            return ShopifyWebhookVerifier(
                secret: current.secret, previousSecret: previous?.secret,
                previousSecretExpiresAt: previous.map { $0.storedAt.addingTimeInterval(WebhookSecretNames.rotationGrace) })
        }
        entries[tenant] = Entry(verifier: verifier, loadedAt: .now)
        return verifier
    }

    /// Forgets a tenant's verifier, after its secrets changed.
    func invalidate(_ tenant: TenantID) {
        entries[tenant] = nil
    }
}
