import Customers
import Orders

/// The flows this build of the host ships. `main` builds the registry from this list; a
/// plugin of another kind would be added to the registry next to them.
public enum BuiltInPlugins {
    /// A registry of every built-in flow.
    public static func registry() throws -> PluginRegistry {
        try PluginRegistry([OrdersPlugin(), CustomersPlugin()])
    }
}
