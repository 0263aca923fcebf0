import Foundation
import GraphQL

/// Root values of `QueryRoot`, read from one snapshot of the shop.
enum QueryRootResolvers {
    static func root(_ builder: ObjectBuilder, bulkFileURL: (@Sendable (Int64) -> String)? = nil) -> GraphObject {
        [
            "currentBulkOperation": FieldThunk { arguments in
                guard arguments["type"].string ?? "QUERY" == "QUERY", let bulkFileURL,
                    let latest = builder.state.bulkOperations.last
                else { return nil }
                return BulkQueryRunner.object(latest, url: bulkFileURL(latest.id))
            },
            "shop": FieldThunk { _ in builder.shop() },
            "locations": FieldThunk { try builder.locations($0) },
            "orders": FieldThunk { try builder.orders($0) },
            "order": FieldThunk { arguments in
                let gid = arguments["id"].string ?? ""
                guard gid.hasPrefix("gid://shopify/") else { throw ResolverError(description: "Invalid global id '\(gid)'") }
                guard let id = GID.parse(gid, type: "Order") else { return nil }
                return builder.order(id)
            },
            "products": FieldThunk { try builder.products($0) },
            "productVariants": FieldThunk { try builder.productVariants($0) },
            "inventoryItems": FieldThunk { try builder.inventoryItems($0) },
            "fulfillmentOrders": FieldThunk { try builder.fulfillmentOrders($0) },
            "webhookSubscriptions": FieldThunk { try builder.webhookSubscriptions($0) },
            "shopifyPaymentsAccount": FieldThunk { _ in builder.paymentsAccount() },
        ]
    }
}

/// Root fields the sandbox resolves; `AdminGraphQLEngine` makes every other root field an error.
enum RootFields {
    static let served: Set<String> = [
        "shop", "locations", "orders", "order", "products", "productVariants", "inventoryItems", "fulfillmentOrders",
        "webhookSubscriptions", "shopifyPaymentsAccount", "inventorySetQuantities", "inventoryAdjustQuantities",
        "productVariantsBulkUpdate", "productSet", "fulfillmentCreate", "webhookSubscriptionCreate",
        "webhookSubscriptionDelete", "currentBulkOperation", "bulkOperationRunQuery",
    ]
}
