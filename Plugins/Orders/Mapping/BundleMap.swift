import Foundation
import PluginKit

/// Which NetSuite items a Shopify bundle SKU stands for, from the tenant's `bundle_map`
/// setting: `BUNDLE-SKU=COMP-A*2+COMP-B*1,OTHER=COMP-C`. A component without `*n` counts
/// once; the first component of a bundle is its "master" component.
public struct BundleMap: Sendable, Equatable {
    /// One component of a bundle.
    public struct Component: Sendable, Equatable {
        /// The component's SKU.
        public var sku: String
        /// Units of the component in one bundle.
        public var quantity: Int

        /// `quantity` units of `sku` per bundle.
        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// Components per bundle SKU, in the order the setting lists them.
    public var components: [String: [Component]]

    /// A map given directly.
    public init(components: [String: [Component]] = [:]) {
        self.components = components
    }

    /// Parses the setting's text (empty for no bundles).
    /// - Throws: ``SettingError`` naming `key` and the entry at fault.
    public init(parsing text: String, key: String = "bundle_map") throws {
        var components: [String: [Component]] = [:]
        for entry in text.split(separator: ",") {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw SettingError(key: key, problem: "entry '\(trimmed)' must be BUNDLE-SKU=COMPONENT*quantity+...")
            }
            var bundle: [Component] = []
            for piece in parts[1].split(separator: "+") {
                let term = piece.split(separator: "*", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let quantity = term.count == 2 ? Int(term[1]) : 1
                guard let quantity, quantity > 0, !term[0].isEmpty else {
                    throw SettingError(key: key, problem: "component '\(piece)' of bundle '\(parts[0])' must be SKU or SKU*quantity (quantity above 0)")
                }
                bundle.append(Component(sku: term[0], quantity: quantity))
            }
            guard components[parts[0]] == nil else {
                throw SettingError(key: key, problem: "bundle '\(parts[0])' is listed twice")
            }
            components[parts[0]] = bundle
        }
        self.components = components
    }

    /// Every component SKU of every bundle.
    public var componentSKUs: Set<String> { Set(components.values.flatMap { $0.map(\.sku) }) }
}
