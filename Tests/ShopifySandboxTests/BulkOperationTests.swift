import AsyncHTTPClient
import Foundation
import NIOCore
import ShopifySandbox
import Testing

@Suite("Bulk operations")
struct BulkOperationTests {
    @Test func bulkQueryWritesJSONLWithParentIDs() async throws {
        try await withSandbox { harness in
            let product = try await harness.sandbox.addProduct(shop: harness.shop.domain, title: "Tee", variants: [
                SandboxVariantSeed(sku: "TEE-S", price: "12.00"), SandboxVariantSeed(sku: "TEE-M", price: "12.00"),
            ])
            let started = try await harness.graphQL(
                """
                mutation($query: String!) {
                  bulkOperationRunQuery(query: $query) { bulkOperation { id status url rootObjectCount objectCount } userErrors { field message } }
                }
                """,
                variables: ["query": "{ products { edges { node { id title variants { edges { node { id sku } } } } } } }"])
            #expect(value(started, "data", "bulkOperationRunQuery", "bulkOperation", "status") as? String == "COMPLETED")
            #expect(value(started, "data", "bulkOperationRunQuery", "bulkOperation", "objectCount") as? String == "3")
            let current = try await harness.graphQL("{ currentBulkOperation { status url rootObjectCount } }")
            #expect(value(current, "data", "currentBulkOperation", "rootObjectCount") as? String == "1")
            let url = try #require(value(current, "data", "currentBulkOperation", "url") as? String)

            let response = try await harness.client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            let lines = String(decoding: Data(body.readableBytesView), as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 3)
            let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(objects.first?["id"] as? String == product.gid)
            #expect(objects.dropFirst().allSatisfy { $0["__parentId"] as? String == product.gid })
            #expect(Set(objects.dropFirst().compactMap { $0["sku"] as? String }) == ["TEE-S", "TEE-M"])

            let invalid = try await harness.graphQL(
                #"mutation { bulkOperationRunQuery(query: "{ products { edges { node { nope } } } }") { userErrors { message } } }"#)
            #expect((value(invalid, "data", "bulkOperationRunQuery", "userErrors") as? [Any])?.count == 1)
        }
    }
}
