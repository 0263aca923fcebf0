import Foundation

/// Draws customers and their addresses.
struct CustomerFactory {
    static func customer(id: Int64, serial: Int, createdAt: Date, random: inout SeededRandom) -> SimulatedCustomer {
        let first = random.pick(firstNames) ?? "Alex"
        let last = random.pick(lastNames) ?? "Morgan"
        let region = random.pick(SalesRegion.exclusive + SalesRegion.inclusive) ?? SalesRegion.exclusive[0]
        let phone = phoneNumber(&random)
        return SimulatedCustomer(
            id: id,
            email: "\(first.lowercased()).\(last.lowercased()).\(serial)@example.com",
            firstName: first,
            lastName: last,
            phone: phone,
            createdAt: createdAt,
            address: address(first: first, last: last, phone: phone, region: region)
        )
    }

    static func address(first: String, last: String, phone: String, region: SalesRegion) -> SimulatedAddress {
        SimulatedAddress(
            firstName: first, lastName: last, address1: region.street, city: region.city,
            province: region.province, provinceCode: region.provinceCode, country: region.country,
            countryCode: region.countryCode, zip: region.zip, phone: phone
        )
    }

    /// A name for a guest checkout.
    static func guestName(_ random: inout SeededRandom) -> (first: String, last: String) {
        (random.pick(firstNames) ?? "Sam", random.pick(lastNames) ?? "Lee")
    }

    static func phoneNumber(_ random: inout SeededRandom) -> String {
        "+1555\(random.int(in: 1_000_000...9_999_999))"
    }

    private static let firstNames = [
        "Ava", "Noah", "Mia", "Liam", "Zoe", "Lukas", "Chloé", "Jonas", "Emma", "Mateo", "Sofia", "Ravi", "Hana", "Owen",
    ]
    private static let lastNames = [
        "Smith", "Müller", "Dubois", "Garcia", "Jansen", "Nguyen", "O'Brien", "Rossi", "Kowalski", "Patel", "Tanaka",
    ]
}
