import Foundation

/// Completes the subset schema file into a schema GraphQL can build.
///
/// The file references types it does not define. Two remedies, both faithful to Shopify:
/// - define the referenced scalars, interfaces and enums the sandbox needs, with names, fields
///   and values taken from Shopify's real schema (enums may list a subset of the real values,
///   never a value Shopify lacks);
/// - leave out what still cannot be built: a field whose type is undefined, an optional argument
///   or optional input field whose type is undefined, an `implements` of an undefined interface.
///   A query using a left-out field fails validation, as a misspelt field would.
///
/// One correction: the file declares `ProductSetIdentifiers` with `type`, but it is an argument
/// type, and Shopify defines it as `input ProductSetIdentifiers`.
enum SchemaCompleter {
    /// Definitions Shopify has and the subset file references without defining.
    static let supplement = """
        scalar DateTime
        scalar Decimal
        scalar Money
        scalar URL
        scalar UnsignedInt64
        scalar HTML
        scalar BigInt
        scalar StorefrontID
        interface Node {
          id: ID!
        }
        interface DisplayableError {
          field: [String!]
          message: String!
        }
        interface LegacyInteroperability {
          legacyResourceId: UnsignedInt64!
        }
        type ApiVersion {
          displayName: String!
          handle: String!
          supported: Boolean!
        }
        type ShopPlan {
          partnerDevelopment: Boolean!
          publicDisplayName: String!
          shopifyPlus: Boolean!
        }
        type BulkOperationUserError implements DisplayableError {
          field: [String!]
          message: String!
        }
        enum BulkOperationType { MUTATION QUERY }
        type SelectedOption {
          name: String!
          value: String!
        }
        enum OrderSortKeys { CREATED_AT ID ORDER_NUMBER PROCESSED_AT UPDATED_AT }
        enum ProductSortKeys { CREATED_AT ID TITLE UPDATED_AT }
        enum ProductVariantSortKeys { ID SKU TITLE }
        enum LocationSortKeys { ID NAME }
        enum WebhookSubscriptionSortKeys { CREATED_AT ID }
        enum FulfillmentOrderSortKeys { ID }
        enum FulfillmentStatus { CANCELLED ERROR FAILURE SUCCESS }
        enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }
        enum ProductVariantInventoryPolicy { CONTINUE DENY }
        enum ShopifyPaymentsBalanceTransactionPayoutStatus { CANCELED FAILED IN_TRANSIT PAID SCHEDULED }
        type OrderTransaction implements Node {
          id: ID!
          kind: OrderTransactionKind!
          status: OrderTransactionStatus!
          gateway: String
          amountSet: MoneyBag!
          createdAt: DateTime!
          processedAt: DateTime
          test: Boolean!
        }
        type ShippingLineConnection {
          edges: [ShippingLineEdge!]!
          nodes: [ShippingLine!]!
          pageInfo: PageInfo!
        }
        type ShippingLineEdge {
          cursor: String!
          node: ShippingLine!
        }
        enum OrderTransactionKind { AUTHORIZATION CAPTURE CHANGE EMV_AUTHORIZATION REFUND SALE SUGGESTED_REFUND VOID }
        enum OrderTransactionStatus { AWAITING_RESPONSE ERROR FAILURE PENDING SUCCESS UNKNOWN }
        enum InventoryAdjustQuantitiesUserErrorCode { CHANGE_FROM_QUANTITY_STALE INVALID_INVENTORY_ITEM INVALID_LOCATION INVALID_QUANTITY_NAME INVALID_QUANTITY_TOO_HIGH INVALID_QUANTITY_TOO_LOW INVALID_REASON INVALID_REFERENCE_DOCUMENT ITEM_NOT_STOCKED_AT_LOCATION }
        """

    static let builtInScalars: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]

    /// The completed SDL text, ready for `buildSchema`.
    static func completedSDL(from fileText: String) throws -> String {
        var document = try SchemaDocument(parsing: fileText)
        let extra = try SchemaDocument(parsing: supplement)
        for name in extra.order where document.definitions[name] == nil {
            if let definition = extra.definitions[name] {
                document.definitions[name] = definition
                document.order.append(name)
            }
        }
        document.definitions["ProductSetIdentifiers"]?.kind = .input
        prune(&document)
        return emit(document)
    }

    private static func kind(of name: String, in document: SchemaDocument) -> SchemaDocument.Kind? {
        if builtInScalars.contains(name) { return .scalar }
        return document.definitions[name]?.kind
    }

    private static func isOutput(_ name: String, _ document: SchemaDocument) -> Bool {
        guard let kind = kind(of: name, in: document) else { return false }
        return kind != .input
    }

    private static func isInput(_ name: String, _ document: SchemaDocument) -> Bool {
        guard let kind = kind(of: name, in: document) else { return false }
        return kind == .input || kind == .scalar || kind == .enumeration
    }

    /// Drops what cannot be built, repeating until nothing changes (a type left without fields is itself dropped).
    private static func prune(_ document: inout SchemaDocument) {
        var changed = true
        while changed {
            changed = false
            for name in document.order {
                guard var definition = document.definitions[name] else { continue }
                switch definition.kind {
                case .object, .interface:
                    let fields = definition.fields.compactMap { pruned(field: $0, document) }
                    let interfaces = definition.interfaces.filter { kind(of: $0, in: document) == .interface }
                    if fields.count != definition.fields.count || interfaces != definition.interfaces {
                        definition.fields = fields
                        definition.interfaces = interfaces
                        changed = true
                    }
                case .input:
                    var fields: [SchemaDocument.Field] = []
                    var broken = false
                    for field in definition.fields {
                        if isInput(field.baseType, document) { fields.append(field) }
                        else if SchemaDocument.isRequired(field.type) { broken = true }
                    }
                    if broken { fields = [] }
                    if fields.count != definition.fields.count {
                        definition.fields = fields
                        changed = true
                    }
                case .enumeration, .scalar:
                    continue
                }
                if (definition.kind == .object || definition.kind == .input || definition.kind == .interface),
                    definition.fields.isEmpty
                {
                    document.definitions[name] = nil
                    changed = true
                } else {
                    document.definitions[name] = definition
                }
            }
            document.order = document.order.filter { document.definitions[$0] != nil }
            let query = document.queryFields.compactMap { pruned(field: $0, document) }
            let mutation = document.mutationFields.compactMap { pruned(field: $0, document) }
            if query.count != document.queryFields.count || mutation.count != document.mutationFields.count {
                changed = true
            }
            document.queryFields = query
            document.mutationFields = mutation
        }
    }

    private static func pruned(field: SchemaDocument.Field, _ document: SchemaDocument) -> SchemaDocument.Field? {
        guard isOutput(field.baseType, document) else { return nil }
        var copy = field
        copy.arguments = []
        for argument in field.arguments {
            if isInput(argument.baseType, document) { copy.arguments.append(argument) }
            else if SchemaDocument.isRequired(argument.type) { return nil }
        }
        return copy
    }

    private static func emit(_ document: SchemaDocument) -> String {
        var lines = ["schema { query: QueryRoot mutation: Mutation }"]
        lines.append("type QueryRoot {")
        lines += document.queryFields.map { "  " + line(for: $0) }
        lines.append("}")
        lines.append("type Mutation {")
        lines += document.mutationFields.map { "  " + line(for: $0) }
        lines.append("}")
        for name in document.order {
            guard let definition = document.definitions[name] else { continue }
            switch definition.kind {
            case .scalar:
                lines.append("scalar \(name)")
            case .enumeration:
                lines.append("enum \(name) { \(definition.values.joined(separator: " ")) }")
            case .object, .input, .interface:
                let implements = definition.interfaces.isEmpty ? "" : " implements " + definition.interfaces.joined(separator: " & ")
                lines.append("\(definition.kind.rawValue) \(name)\(implements) {")
                lines += definition.fields.map { "  " + line(for: $0) }
                lines.append("}")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func line(for field: SchemaDocument.Field) -> String {
        let arguments = field.arguments.isEmpty ? "" : "(" + field.arguments.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ")"
        return "\(field.name)\(arguments): \(field.type)"
    }
}

/// Values of `WebhookSubscriptionTopic`, read from the bundled schema file.
enum SubscriptionTopics {
    static let values: Set<String> = {
        guard let text = try? AdminSchemaResource.text() else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("enum WebhookSubscriptionTopic {") {
            return Set(line.dropFirst("enum WebhookSubscriptionTopic {".count).replacingOccurrences(of: "}", with: "")
                .split(separator: " ").map(String.init))
        }
        return []
    }()
}

/// The bundled schema file.
enum AdminSchemaResource {
    static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "shopify-admin-2026-01", withExtension: "graphql") else {
            throw ShopifySandboxError(.schema, "the bundled schema file is missing")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
