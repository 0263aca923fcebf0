import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ShopifySandbox
import Testing

/// A started sandbox with one shop, and helpers to talk to it over real HTTP.
struct SandboxHarness {
    let sandbox: ShopifySandbox
    let shop: SandboxShopCredentials
    let client: HTTPClient

    static func start(
        plan: ShopifyPlan = .standard, configuration: ShopifySandboxConfiguration = .init(timeScale: 1)
    ) async throws -> SandboxHarness {
        let sandbox = ShopifySandbox(configuration: configuration)
        try await sandbox.start()
        let shop = try await sandbox.createShop(domain: "shop-\(UUID().uuidString.prefix(8).lowercased()).myshopify.com", plan: plan)
        return SandboxHarness(sandbox: sandbox, shop: shop, client: HTTPClient(eventLoopGroupProvider: .singleton))
    }

    func shutdown() async {
        try? await client.shutdown()
        await sandbox.stop()
    }

    /// Posts a raw body; returns the status and the decoded JSON object (empty if not JSON).
    func post(
        url: URL? = nil, body: Data, token: String?, contentType: String = "application/json"
    ) async throws -> (status: Int, json: [String: Any]) {
        var request = HTTPClientRequest(url: (url ?? sandbox.graphQLURL(shop: shop.domain)).absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        if let token { request.headers.add(name: "X-Shopify-Access-Token", value: token) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
        return (Int(response.status.code), json)
    }

    /// Runs a GraphQL document with the shop's token; expects HTTP 200.
    func graphQL(_ query: String, variables: [String: Any] = [:]) async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        let answer = try await post(body: body, token: shop.accessToken)
        #expect(answer.status == 200)
        return answer.json
    }
}

/// Navigates decoded JSON: `value(json, "data", "orders", "edges")`.
func value(_ json: Any?, _ path: String...) -> Any? {
    var current = json
    for key in path {
        if let index = Int(key), let array = current as? [Any] {
            current = index < array.count ? array[index] : nil
        } else {
            current = (current as? [String: Any])?[key]
        }
    }
    return current
}

func errorMessages(_ json: [String: Any]) -> [String] {
    ((json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
}

/// A REST order document as `orders/create` carries it.
func restOrder(
    id: Int64, updatedAt: String, lines: [(id: Int64, variantID: Int64, sku: String, quantity: Int)] = []
) -> Data {
    let lineItems: [[String: Any]] = lines.map {
        ["id": $0.id, "variant_id": $0.variantID, "sku": $0.sku, "title": "Item \($0.sku)", "quantity": $0.quantity,
         "price": "10.00", "requires_shipping": true]
    }
    let document: [String: Any] = [
        "id": id, "name": "#\(1000 + id % 1000)", "order_number": 1000 + id % 1000, "currency": "USD",
        "total_price": "20.00", "subtotal_price": "20.00", "total_tax": "0.00", "total_discounts": "0.00",
        "financial_status": "paid", "created_at": updatedAt, "updated_at": updatedAt, "processed_at": updatedAt,
        "line_items": lineItems,
    ]
    return (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
}

/// Runs `body` with a started sandbox and shop, and always stops them afterwards.
func withSandbox(
    plan: ShopifyPlan = .standard, configuration: ShopifySandboxConfiguration = .init(timeScale: 1),
    _ body: (SandboxHarness) async throws -> Void
) async throws {
    let harness = try await SandboxHarness.start(plan: plan, configuration: configuration)
    do {
        try await body(harness)
    } catch {
        await harness.shutdown()
        throw error
    }
    await harness.shutdown()
}
