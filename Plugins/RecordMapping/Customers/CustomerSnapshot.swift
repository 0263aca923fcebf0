import Foundation
import Shopify

/// A Shopify customer as the customer sync needs it, from a webhook payload or an order.
public struct CustomerSnapshot: Sendable, Equatable {
    /// The customer's REST id.
    public var id: Int64
    /// The customer's email: how an existing NetSuite customer is matched the first time.
    public var email: String?
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Phone number as Shopify stores it (E.164 in practice).
    public var phone: String?
    /// The company of the customer's default address, when there is one: makes the
    /// NetSuite customer a company rather than a person.
    public var companyName: String?
    /// When Shopify last changed the customer: the key of "stale updates lose".
    public var updatedAt: Date?

    /// A customer from its parts.
    public init(id: Int64, email: String?, firstName: String?, lastName: String?, phone: String?,
                companyName: String?, updatedAt: Date?) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.companyName = companyName
        self.updatedAt = updatedAt
    }

    /// The customer of a `customers/create` or `customers/update` webhook (or embedded in an
    /// order). Blank strings count as absent; the company comes from the default address.
    public init(_ payload: ShopifyCustomerPayload) {
        self.init(
            id: payload.id, email: Self.nonBlank(payload.email), firstName: Self.nonBlank(payload.firstName),
            lastName: Self.nonBlank(payload.lastName), phone: Self.nonBlank(payload.phone),
            companyName: Self.nonBlank(payload.defaultAddress?.company), updatedAt: payload.updatedAt)
    }

    /// A fingerprint of the fields synced to NetSuite, for the ledger's "unchanged" check.
    /// `updatedAt` is left out: a touch that changes nothing we sync is not worth a write.
    public var bodyHash: String {
        BodyFingerprint.of([String(id), email?.lowercased(), firstName, lastName, phone, companyName])
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
