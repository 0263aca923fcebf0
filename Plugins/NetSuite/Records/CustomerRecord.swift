import Foundation
import PluginKit

/// A customer body for `upsert("customer", ...)`: a person, or a company when
/// `companyName` is set.
public struct CustomerRecord: Sendable, Equatable {
    /// The idempotency key (`shopify-customer-{id}`).
    public var externalID: ExternalID
    /// The subsidiary's internal id.
    public var subsidiaryID: String
    /// A person's first name.
    public var firstName: String?
    /// A person's last name.
    public var lastName: String?
    /// A company's name; its presence makes the customer a company (`isPerson: false`).
    public var companyName: String?
    /// The email address.
    public var email: String?
    /// Any further body fields, set as given.
    public var extraFields: [String: JSONValue]

    /// A customer; optional fields left nil are not sent.
    public init(
        externalID: ExternalID, subsidiaryID: String, firstName: String? = nil, lastName: String? = nil,
        companyName: String? = nil, email: String? = nil, extraFields: [String: JSONValue] = [:]
    ) {
        self.externalID = externalID
        self.subsidiaryID = subsidiaryID
        self.firstName = firstName
        self.lastName = lastName
        self.companyName = companyName
        self.email = email
        self.extraFields = extraFields
    }

    /// The REST body.
    public var json: JSONValue {
        var body = extraFields
        body["externalId"] = .string(externalID.rawValue)
        body["subsidiary"] = .reference(subsidiaryID)
        body["isPerson"] = .bool(companyName == nil)
        body["firstName"] = firstName.map(JSONValue.string)
        body["lastName"] = lastName.map(JSONValue.string)
        body["companyName"] = companyName.map(JSONValue.string)
        body["email"] = email.map(JSONValue.string)
        return .object(body)
    }
}
