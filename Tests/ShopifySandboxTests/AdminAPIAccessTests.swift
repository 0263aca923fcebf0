import Foundation
import ShopifySandbox
import Testing

@Suite("Admin API access")
struct AdminAPIAccessTests {
    static let shopQuery = Data(#"{"query":"{ shop { name myshopifyDomain currencyCode } }"}"#.utf8)

    @Test func acceptsTheShopsToken() async throws {
        try await withSandbox { harness in
            let answer = try await harness.post(body: Self.shopQuery, token: harness.shop.accessToken)
            #expect(answer.status == 200)
            #expect(value(answer.json, "data", "shop", "myshopifyDomain") as? String == harness.shop.domain)
            #expect(value(answer.json, "data", "shop", "currencyCode") as? String == "USD")
            #expect(value(answer.json, "extensions", "cost", "requestedQueryCost") as? Int == 1)
        }
    }

    @Test func shopPlanFollowsTheConfiguredPlan() async throws {
        try await withSandbox(plan: .plus) { harness in
            let answer = try await harness.graphQL("{ shop { plan { shopifyPlus publicDisplayName } } }")
            #expect(value(answer, "data", "shop", "plan", "shopifyPlus") as? Bool == true)
            #expect(value(answer, "extensions", "cost", "throttleStatus", "maximumAvailable") as? Double == 20000)
            #expect(value(answer, "extensions", "cost", "throttleStatus", "restoreRate") as? Double == 1000)
            let invalidID = try await harness.graphQL(#"{ order(id: "123") { id } }"#)
            #expect(errorMessages(invalidID) == ["Invalid global id '123'"])
        }
    }

    @Test func refusesAMissingOrWrongToken() async throws {
        try await withSandbox { harness in
            let expected = "[API] Invalid API key or access token (unrecognized login or wrong password)"
            let missing = try await harness.post(body: Self.shopQuery, token: nil)
            #expect(missing.status == 401)
            #expect(missing.json["errors"] as? String == expected)
            let wrong = try await harness.post(body: Self.shopQuery, token: "shpat_wrong")
            #expect(wrong.status == 401)
            #expect(wrong.json["errors"] as? String == expected)
        }
    }

    @Test func unknownShopOrVersionIsNotFound() async throws {
        try await withSandbox { harness in
            let unknownShop = try await harness.post(
                url: harness.sandbox.graphQLURL(shop: "nobody.myshopify.com"), body: Self.shopQuery, token: harness.shop.accessToken)
            #expect(unknownShop.status == 404)
            let unknownVersion = try await harness.post(
                url: harness.sandbox.graphQLURL(shop: harness.shop.domain, version: "2019-13"), body: Self.shopQuery,
                token: harness.shop.accessToken)
            #expect(unknownVersion.status == 404)
        }
    }

    @Test func bodyWithoutQueryIsABadRequest() async throws {
        try await withSandbox { harness in
            let notJSON = try await harness.post(body: Data("query=shop".utf8), token: harness.shop.accessToken)
            #expect(notJSON.status == 400)
            let noQuery = try await harness.post(body: Data(#"{"variables":{}}"#.utf8), token: harness.shop.accessToken)
            #expect(noQuery.status == 400)
        }
    }

    @Test func unknownFieldAndMistypedVariableAreGraphQLErrors() async throws {
        try await withSandbox { harness in
            let unknownField = try await harness.graphQL("{ shop { name notAShopField } }")
            #expect(unknownField["data"] == nil)
            #expect(errorMessages(unknownField).contains { $0.contains("notAShopField") })

            let mistyped = try await harness.graphQL(
                "query($n: Int) { orders(first: $n) { nodes { id } } }", variables: ["n": "ten"])
            #expect(!errorMessages(mistyped).isEmpty)
            #expect(value(mistyped, "data", "orders") == nil)

            let badEnum = try await harness.graphQL("{ orders(first: 1, sortKey: UPDATED_SOMETHING) { nodes { id } } }")
            #expect(errorMessages(badEnum).contains { $0.contains("UPDATED_SOMETHING") })

            let missingFirst = try await harness.graphQL("{ orders { nodes { id } } }")
            #expect(errorMessages(missingFirst) == ["you must provide one of first or last"])
        }
    }
}
