import Foundation
import NetSuite

/// The NetSuite external ids of records synced from Shopify.
///
/// One NetSuite account may serve several shops (tenants), and NetSuite external ids are
/// unique per record type across the whole account, so every id names the shop:
/// `shopify-acme-outdoor-order-5001` for order 5001 of `acme-outdoor.myshopify.com`.
/// The numeric Shopify id always comes last, after a fixed `-order-`/`-customer-` word, so
/// two different (shop, id) pairs can never produce the same text: reading from the right,
/// the digits give the id and what precedes the fixed word gives the shop.
public enum ShopifyExternalID {
    /// The external id of the sales order made from a Shopify order.
    ///
    /// - Parameters:
    ///   - shopDomain: The shop's `*.myshopify.com` domain (any case).
    ///   - orderID: The order's REST id (its `legacyResourceId`).
    /// - Throws: `InvalidShopifyIdentifierError` when the domain or id cannot form an id.
    public static func order(shopDomain: String, orderID: Int64) throws -> ExternalID {
        try make(kind: "order", shopDomain: shopDomain, id: orderID)
    }

    /// The external id of the NetSuite customer made from a Shopify customer.
    ///
    /// - Parameters:
    ///   - shopDomain: The shop's `*.myshopify.com` domain (any case).
    ///   - customerID: The customer's REST id.
    /// - Throws: `InvalidShopifyIdentifierError` when the domain or id cannot form an id.
    public static func customer(shopDomain: String, customerID: Int64) throws -> ExternalID {
        try make(kind: "customer", shopDomain: shopDomain, id: customerID)
    }

    /// The shop's name as ids carry it: `acme-outdoor` for `acme-outdoor.myshopify.com`.
    ///
    /// Domains are case-insensitive, so the name is lowercased. A domain that is not a
    /// myshopify domain keeps all its labels, dots becoming `_` (Shopify handles never
    /// contain `_`, so such a name cannot equal a myshopify handle).
    static func shopName(_ shopDomain: String) throws -> String {
        let domain = shopDomain.trimmingCharacters(in: .whitespaces).lowercased()
        let suffix = ".myshopify.com"
        let name = domain.hasSuffix(suffix) ? String(domain.dropLast(suffix.count)) : domain.replacingOccurrences(of: ".", with: "_")
        let valid = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
        }
        guard valid else {
            throw InvalidShopifyIdentifierError(problem: "shop domain '\(String(shopDomain.prefix(80)))' is not a shop domain of letters, digits and '-'")
        }
        return name
    }

    private static func make(kind: String, shopDomain: String, id: Int64) throws -> ExternalID {
        guard id > 0 else { throw InvalidShopifyIdentifierError(problem: "Shopify \(kind) id \(id) is not a positive number") }
        return try ExternalID("shopify-\(try shopName(shopDomain))-\(kind)-\(id)")
    }
}
