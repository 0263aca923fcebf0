import Foundation

/// Where a customer lives, and so how the order is taxed: US states with several
/// exclusive tax lines, EU countries with VAT included in prices.
struct SalesRegion: Sendable {
    var country: String
    var countryCode: String
    var province: String
    var provinceCode: String
    var city: String
    var zip: String
    var street: String
    var tax: TaxRegime

    private static func rate(_ title: String, _ significand: Int, scale: Int) -> TaxRate {
        TaxRate(title: title, rate: DecimalMoney.fixed(significand, scale: scale))
    }

    /// US regions: exclusive tax, several tax lines each.
    static let exclusive: [SalesRegion] = [
        SalesRegion(
            country: "United States", countryCode: "US", province: "New York", provinceCode: "NY",
            city: "New York", zip: "10001", street: "350 5th Ave",
            tax: TaxRegime(taxesIncluded: false, rates: [
                rate("New York State Tax", 4, scale: 2),
                rate("New York City Tax", 45, scale: 3),
                rate("Metropolitan Commuter Transportation District", 375, scale: 5),
            ], shippingTaxable: true)
        ),
        SalesRegion(
            country: "United States", countryCode: "US", province: "California", provinceCode: "CA",
            city: "Los Angeles", zip: "90012", street: "200 N Spring St",
            tax: TaxRegime(taxesIncluded: false, rates: [
                rate("California State Tax", 6, scale: 2),
                rate("Los Angeles County Tax", 25, scale: 4),
                rate("Los Angeles County District Tax", 325, scale: 4),
            ], shippingTaxable: false)
        ),
        SalesRegion(
            country: "United States", countryCode: "US", province: "Washington", provinceCode: "WA",
            city: "Seattle", zip: "98101", street: "400 Pine St",
            tax: TaxRegime(taxesIncluded: false, rates: [
                rate("Washington State Tax", 65, scale: 3),
                rate("Seattle City Tax", 375, scale: 4),
            ], shippingTaxable: true)
        ),
    ]

    /// EU regions: VAT included in prices, one tax line, shipping taxed too.
    static let inclusive: [SalesRegion] = [
        SalesRegion(
            country: "Germany", countryCode: "DE", province: "Berlin", provinceCode: "BE",
            city: "Berlin", zip: "10117", street: "Friedrichstraße 43",
            tax: TaxRegime(taxesIncluded: true, rates: [rate("DE MwSt", 19, scale: 2)], shippingTaxable: true)
        ),
        SalesRegion(
            country: "France", countryCode: "FR", province: "Île-de-France", provinceCode: "IDF",
            city: "Paris", zip: "75002", street: "12 Rue de la Paix",
            tax: TaxRegime(taxesIncluded: true, rates: [rate("FR TVA", 20, scale: 2)], shippingTaxable: true)
        ),
        SalesRegion(
            country: "Netherlands", countryCode: "NL", province: "Noord-Holland", provinceCode: "NH",
            city: "Amsterdam", zip: "1012 JS", street: "Damrak 1",
            tax: TaxRegime(taxesIncluded: true, rates: [rate("NL btw", 21, scale: 2)], shippingTaxable: true)
        ),
    ]
}
