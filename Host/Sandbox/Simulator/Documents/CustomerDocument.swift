import Foundation

/// The REST customer: the `customers/create` payload and the order's `customer` object.
public enum CustomerDocument {
    /// The customer as JSON.
    public static func json(_ customer: SimulatedCustomer, currency: String, timestamps: ShopifyTimestamps) -> JSONDocument {
        let created = timestamps.timestamp(customer.createdAt)
        var address = DocumentFields.address(customer.address)
        if case .object(var members) = address {
            members.insert(("id", .int(customer.id + 1)), at: 0)
            members.insert(("customer_id", .int(customer.id)), at: 1)
            members.append(("default", .bool(true)))
            address = .object(members)
        }
        return .object([
            ("id", .int(customer.id)),
            ("email", .string(customer.email)),
            ("created_at", .string(created)),
            ("updated_at", .string(created)),
            ("first_name", .string(customer.firstName)),
            ("last_name", .string(customer.lastName)),
            ("state", .string("enabled")),
            ("note", .null),
            ("verified_email", .bool(true)),
            ("multipass_identifier", .null),
            ("tax_exempt", .bool(false)),
            ("phone", .string(customer.phone)),
            ("currency", .string(currency)),
            ("tags", .string("")),
            ("admin_graphql_api_id", DocumentFields.gid("Customer", customer.id)),
            ("default_address", address),
        ])
    }

    /// The `customers/create` payload: compact JSON.
    public static func data(_ customer: SimulatedCustomer, currency: String, timestamps: ShopifyTimestamps) -> Data {
        json(customer, currency: currency, timestamps: timestamps).data()
    }
}
