import PluginKit

/// A product as the products flow wants it to be: created when new, updated by id otherwise.
///
/// Uses `productSet`, which takes the whole desired state (options and variants) in one
/// call; variants are matched by their option values. Single-variant products use
/// Shopify's default `Title` option.
public struct ShopifyProductDefinition: Sendable, Equatable {
    /// The product's global id when it exists already (from the ledger); nil to create it.
    public var id: String?
    /// The product title.
    public var title: String
    /// ACTIVE, DRAFT or ARCHIVED.
    public var status: String
    /// The vendor, if any.
    public var vendor: String?
    /// The product type, if any.
    public var productType: String?
    /// The option name variants differ by (e.g. `Size`); `Title` for a single variant.
    public var optionName: String
    /// The variants, at most 250 (Shopify's limit per call).
    public var variants: [Variant]

    /// One variant of the product.
    public struct Variant: Sendable, Equatable {
        /// The value of the product's option for this variant (e.g. `Large`).
        public var optionValue: String
        /// The SKU, the key the ledger maps NetSuite items by.
        public var sku: String
        /// The price.
        public var price: Money
        /// The compare-at price, if any.
        public var compareAtPrice: Money?

        /// Creates a variant.
        public init(optionValue: String, sku: String, price: Money, compareAtPrice: Money? = nil) {
            self.optionValue = optionValue
            self.sku = sku
            self.price = price
            self.compareAtPrice = compareAtPrice
        }
    }

    /// Creates a product definition.
    public init(id: String? = nil, title: String, status: String = "ACTIVE", vendor: String? = nil, productType: String? = nil, optionName: String = "Title", variants: [Variant]) {
        self.id = id
        self.title = title
        self.status = status
        self.vendor = vendor
        self.productType = productType
        self.optionName = optionName
        self.variants = variants
    }
}

/// A product as Shopify stored it after `productSet`.
public struct ShopifyProduct: Sendable, Equatable, Decodable {
    /// The product's global id.
    public let id: String
    /// The title.
    public let title: String
    /// The variants, with the ids the ledger keeps.
    public let variants: [Variant]

    /// A stored variant.
    public struct Variant: Sendable, Equatable, Decodable {
        /// The variant's global id.
        public let id: String
        /// The SKU.
        public let sku: String?
        /// The price string.
        public let price: String
        /// The variant's inventory item.
        public let inventoryItem: ShopifyVariant.InventoryItemReference
    }

    private enum CodingKeys: String, CodingKey { case id, title, variants }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        variants = try container.decode(ShopifyNodes<Variant>.self, forKey: .variants).nodes
    }
}

// `ProductSetUserError.code` exists in Shopify's schema, but its enum is not in the 2026-01
// subset we write against (a schema built from it may leave the field out): ask for the
// field path and message only.
struct ProductSetMutation: ShopifyOperation {
    static let name = "productSet"
    let document = """
        mutation productSet($identifier: ProductSetIdentifiers, $input: ProductSetInput!) {
          productSet(identifier: $identifier, input: $input, synchronous: true) {
            product {
              id title
              variants(first: 250) { nodes { id sku price inventoryItem { id tracked } } }
            }
            userErrors { field message }
          }
        }
        """
    struct Identifier: Encodable, Sendable { let id: String }
    struct OptionValue: Encodable, Sendable { let name: String }
    struct Option: Encodable, Sendable { let name: String; let values: [OptionValue] }
    struct VariantOption: Encodable, Sendable { let optionName: String; let name: String }
    struct Variant: Encodable, Sendable {
        let optionValues: [VariantOption]
        let sku: String
        let price: String
        let compareAtPrice: String?
    }
    struct Input: Encodable, Sendable {
        let title: String
        let status: String
        let vendor: String?
        let productType: String?
        let productOptions: [Option]
        let variants: [Variant]
    }
    struct Variables: Encodable, Sendable {
        let identifier: Identifier?
        let input: Input
    }
    let variables: Variables
    let estimatedCost: Double = 10

    struct Payload: Decodable, Sendable {
        let product: ShopifyProduct?
        let userErrors: [ShopifyUserError]
    }
    struct Result: Decodable, Sendable { let productSet: Payload? }

    init(_ definition: ShopifyProductDefinition) {
        let values = definition.variants.map { OptionValue(name: $0.optionValue) }
        let input = Input(
            title: definition.title,
            status: definition.status,
            vendor: definition.vendor,
            productType: definition.productType,
            productOptions: [Option(name: definition.optionName, values: values)],
            variants: definition.variants.map {
                Variant(
                    optionValues: [VariantOption(optionName: definition.optionName, name: $0.optionValue)],
                    sku: $0.sku, price: $0.price.formatted(), compareAtPrice: $0.compareAtPrice?.formatted())
            }
        )
        variables = Variables(identifier: definition.id.map(Identifier.init(id:)), input: input)
    }
}

extension ShopifyAdminClient {
    /// Creates or updates a product to match `definition` (synchronously) and returns what
    /// Shopify stored. User errors are thrown as a permanent ``ShopifyError``.
    public func setProduct(_ definition: ShopifyProductDefinition) async throws -> ShopifyProduct {
        guard !definition.variants.isEmpty, definition.variants.count <= 250 else {
            throw ShopifyError.invalidRequest("productSet takes 1 to 250 variants, got \(definition.variants.count)")
        }
        let result = try await execute(ProductSetMutation(definition))
        guard let payload = result.productSet else {
            throw ShopifyError.malformedResponse(detail: "productSet returned no payload")
        }
        guard payload.userErrors.isEmpty else {
            throw ShopifyError.userErrors(payload.userErrors, operation: ProductSetMutation.name)
        }
        guard let product = payload.product else {
            throw ShopifyError.malformedResponse(detail: "productSet returned neither a product nor user errors")
        }
        return product
    }
}
