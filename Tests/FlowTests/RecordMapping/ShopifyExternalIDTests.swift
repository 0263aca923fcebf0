import NetSuite
import PluginKit
import RecordMapping
import Testing

@Suite struct ShopifyExternalIDTests {
    @Test func namesTheShopAndTheID() throws {
        #expect(try ShopifyExternalID.order(shopDomain: "acme-outdoor.myshopify.com", orderID: 5001).rawValue
            == "shopify-acme-outdoor-order-5001")
        #expect(try ShopifyExternalID.customer(shopDomain: "acme-outdoor.myshopify.com", customerID: 42).rawValue
            == "shopify-acme-outdoor-customer-42")
    }

    @Test func isDeterministicAndCaseInsensitiveInTheDomain() throws {
        let first = try ShopifyExternalID.order(shopDomain: "Acme-Outdoor.MyShopify.com", orderID: 7)
        let second = try ShopifyExternalID.order(shopDomain: "acme-outdoor.myshopify.com", orderID: 7)
        #expect(first == second)
    }

    @Test func twoShopsNeverShareAnID() throws {
        // Same order id in two shops, and shops whose names embed the other's id pattern.
        let pairs: [(String, Int64)] = [
            ("acme-outdoor.myshopify.com", 5001), ("bravo-goods.myshopify.com", 5001),
            ("acme.myshopify.com", 5001), ("acme-outdoor-order-5001.myshopify.com", 1), ("acme-outdoor-order-1.myshopify.com", 5001),
        ]
        var orderIDs = Set<String>()
        var customerIDs = Set<String>()
        for (shop, id) in pairs {
            orderIDs.insert(try ShopifyExternalID.order(shopDomain: shop, orderID: id).rawValue)
            customerIDs.insert(try ShopifyExternalID.customer(shopDomain: shop, customerID: id).rawValue)
        }
        #expect(orderIDs.count == pairs.count)
        #expect(customerIDs.count == pairs.count)
        #expect(orderIDs.isDisjoint(with: customerIDs))
    }

    @Test func keepsOnlyAllowedCharacters() throws {
        let id = try ShopifyExternalID.order(shopDomain: "shop.example.com", orderID: 9).rawValue
        #expect(id == "shopify-shop_example_com-order-9")
        #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    @Test func refusesDomainsAndIDsThatCannotFormAnID() {
        for domain in ["", "bad shop.myshopify.com", "évian.myshopify.com", ".myshopify.com"] {
            #expect(throws: InvalidShopifyIdentifierError.self) { try ShopifyExternalID.order(shopDomain: domain, orderID: 1) }
        }
        #expect(throws: InvalidShopifyIdentifierError.self) { try ShopifyExternalID.customer(shopDomain: "a.myshopify.com", customerID: 0) }
        #expect(throws: InvalidShopifyIdentifierError.self) { try ShopifyExternalID.order(shopDomain: "a.myshopify.com", orderID: -5) }
        let error = InvalidShopifyIdentifierError(problem: "x")
        #expect(error.failureClass == .permanent)
    }
}
