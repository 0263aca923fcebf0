import Foundation
import GraphQL
import OrderedCollections
import Synchronization

/// The Admin GraphQL engine: Shopify's schema (see `SchemaCompleter`), validation, cost-based
/// throttling and execution against one shop's state.
final class AdminGraphQLEngine: Sendable {
    static let maximumInputArraySize = 250
    /// Shopify refuses any single query whose requested cost exceeds 1000 points.
    static let maximumSingleQueryCost = 1000
    let schema: GraphQLSchema
    let clock: SandboxClock
    /// Delivers the events a request's mutations caused.
    let publish: @Sendable (ShopHandle, [ShopEvent]) async -> Void
    /// Download URL of a shop's bulk operation file.
    let bulkFileURL: @Sendable (String, Int64) -> String

    private init(
        schema: GraphQLSchema, clock: SandboxClock, publish: @escaping @Sendable (ShopHandle, [ShopEvent]) async -> Void,
        bulkFileURL: @escaping @Sendable (String, Int64) -> String
    ) {
        self.schema = schema
        self.clock = clock
        self.publish = publish
        self.bulkFileURL = bulkFileURL
    }

    /// Builds the schema from the bundled file and installs the resolvers and scalar parsers.
    static func load(
        clock: SandboxClock, bulkFileURL: @escaping @Sendable (String, Int64) -> String,
        publish: @escaping @Sendable (ShopHandle, [ShopEvent]) async -> Void
    ) throws -> AdminGraphQLEngine {
        let sdl = try SchemaCompleter.completedSDL(from: AdminSchemaResource.text())
        let schema: GraphQLSchema
        do {
            schema = try buildSchema(source: sdl)
        } catch {
            throw ShopifySandboxError(.schema, "the completed schema does not build: \(error)")
        }
        for type in schema.typeMap.values {
            guard let object = type as? GraphQLObjectType else { continue }
            let fields = try object.fields()
            for field in fields.values { field.resolve = graphObjectResolver }
            object.fields = { fields }
        }
        // A root field the schema has but the sandbox does not serve fails loudly, never with a silent null.
        for root in [schema.queryType, schema.mutationType].compactMap({ $0 }) {
            for (name, field) in try root.fields() where !RootFields.served.contains(name) {
                field.resolve = { _, _, _, _ in
                    throw ResolverError(description: "\(name) is not supported by the SyncHost Shopify sandbox")
                }
            }
        }
        ScalarParsers.install(on: schema)
        let problems = validateSchema(schema: schema)
        guard problems.isEmpty else {
            throw ShopifySandboxError(.schema, "the completed schema is invalid: \(problems.map(\.message).prefix(3))")
        }
        return AdminGraphQLEngine(schema: schema, clock: clock, publish: publish, bulkFileURL: bulkFileURL)
    }

    /// Runs one request for `shop` and returns the JSON body of the answer (always HTTP 200).
    func respond(shop: ShopHandle, query: String, variables: [String: Map], operationName: String?) async -> Data {
        let document: Document
        do {
            document = try parse(source: Source(body: query, name: "GraphQL request"))
        } catch let error as GraphQLError {
            return ResponseBody.errors([error], cost: status(shop, requested: 0, actual: 0))
        } catch {
            return ResponseBody.message("\(error)", cost: status(shop, requested: 0, actual: 0))
        }
        let validationErrors = validate(schema: schema, ast: document)
        guard validationErrors.isEmpty else {
            return ResponseBody.errors(validationErrors, cost: status(shop, requested: 0, actual: 0))
        }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        let fragments = Dictionary(
            document.definitions.compactMap { $0 as? FragmentDefinition }.map { ($0.name.value, $0) },
            uniquingKeysWith: { first, _ in first })
        guard let operation = operationName.map({ name in operations.first { $0.name?.value == name } })
            ?? (operations.count == 1 ? operations.first : nil)
        else {
            return ResponseBody.message(
                operationName == nil ? "An operation name is required" : "No operation named \"\(operationName ?? "")\"",
                cost: status(shop, requested: 0, actual: 0))
        }
        if let size = InputArrays.largest(in: operation, variables: variables), size > Self.maximumInputArraySize {
            return ResponseBody.message(
                "The input array size of \(size) is greater than the maximum allowed of \(Self.maximumInputArraySize).",
                cost: status(shop, requested: 0, actual: 0))
        }
        let requested: Int
        do {
            requested = try QueryCost(schema: schema, fragments: fragments, variables: variables).requested(operation)
        } catch let error as QueryCostError {
            return ResponseBody.message(error.message, path: error.path, cost: status(shop, requested: 0, actual: 0))
        } catch {
            return ResponseBody.message("\(error)", cost: status(shop, requested: 0, actual: 0))
        }
        guard requested <= Self.maximumSingleQueryCost else {
            return ResponseBody.coded(
                "Query cost is \(requested), which exceeds the single query max cost limit (\(Self.maximumSingleQueryCost)).",
                code: "MAX_COST_EXCEEDED", cost: status(shop, requested: requested, actual: nil))
        }
        let admitted = shop.bucket.withLock { $0.take(Double(requested), at: clock.now) }
        guard admitted else {
            shop.counters.withLock { $0.throttledResponses += 1 }
            return ResponseBody.throttled(cost: status(shop, requested: requested, actual: nil))
        }
        let events = ShopEventLog()
        let bulk = BulkQueryRunner(shop: shop, schema: schema, events: events, fileURL: bulkFileURL)
        let domain = shop.domain
        let root = operation.operation == .mutation
            ? MutationResolvers(shop: shop, events: events, bulk: bulk).root()
            : QueryRootResolvers.root(ObjectBuilder(state: shop.snapshot)) { [bulkFileURL] in bulkFileURL(domain, $0) }
        let result: GraphQLResult
        do {
            result = try await execute(
                schema: schema, documentAST: document, rootValue: root, context: (), variableValues: variables,
                operationName: operation.name?.value)
        } catch {
            result = GraphQLResult(errors: [GraphQLError(message: "\(error)")])
        }
        let actual: Int
        if result.data == nil { actual = 0 }
        else if operation.operation == .mutation { actual = requested }
        else { actual = min(requested, ActualCost.of(result.data)) }
        shop.bucket.withLock { $0.refund(Double(requested - actual), at: clock.now) }
        let caused = events.drain()
        if !caused.isEmpty { await publish(shop, caused) }
        return ResponseBody.result(result, cost: status(shop, requested: requested, actual: actual))
    }

    private func status(_ shop: ShopHandle, requested: Int, actual: Int?) -> CostStatus {
        shop.bucket.withLock { bucket in
            CostStatus(
                requested: requested, actual: actual, maximum: bucket.maximum,
                available: bucket.available(at: clock.now), restoreRate: bucket.restoreRate)
        }
    }
}

/// Finds the largest list given as input, in literals or in variables.
enum InputArrays {
    static func largest(in operation: OperationDefinition, variables: [String: Map]) -> Int? {
        var largest: Int?
        func note(_ size: Int) { largest = max(largest ?? 0, size) }
        func visit(_ map: Map) {
            switch map {
            case .array(let items):
                note(items.count)
                items.forEach(visit)
            case .dictionary(let fields): fields.values.forEach(visit)
            default: break
            }
        }
        func visit(_ value: any Value) {
            switch value {
            case let list as ListValue:
                note(list.values.count)
                list.values.forEach(visit)
            case let object as ObjectValue: object.fields.forEach { visit($0.value) }
            default: break
            }
        }
        func visit(_ selectionSet: SelectionSet?) {
            for selection in selectionSet?.selections ?? [] {
                if let field = selection as? Field {
                    field.arguments.forEach { visit($0.value) }
                    visit(field.selectionSet)
                } else if let inline = selection as? InlineFragment {
                    visit(inline.selectionSet)
                }
            }
        }
        variables.values.forEach(visit)
        visit(operation.selectionSet)
        return largest
    }
}
