/// What a plugin declares about itself: its id, what starts its jobs, and the settings a
/// tenant can give it.
public struct PluginDescriptor: Sendable, Equatable {
    /// A short lowercase id, also the flow name of its jobs: `orders`, `inventory`.
    public let id: String
    /// One line for operators: what the flow does, in which direction.
    public let summary: String
    /// Shopify webhook topics the plugin consumes, as in `X-Shopify-Topic`: `orders/create`.
    public let webhookTopics: Set<String>
    /// Types of events pushed from NetSuite the plugin consumes: `inventory.changed`.
    public let pushedEvents: Set<String>
    /// Periodic jobs the host enqueues for every tenant that enables the plugin.
    public let schedules: [PluginSchedule]
    /// The settings the plugin reads, with their types and defaults.
    public let settings: [PluginSetting]

    /// A descriptor; only the id and summary are required.
    public init(
        id: String, summary: String, webhookTopics: Set<String> = [], pushedEvents: Set<String> = [],
        schedules: [PluginSchedule] = [], settings: [PluginSetting] = []
    ) {
        self.id = id
        self.summary = summary
        self.webhookTopics = webhookTopics
        self.pushedEvents = pushedEvents
        self.schedules = schedules
        self.settings = settings
    }
}

/// A job the host enqueues every `interval` for each tenant that enables the plugin, such as
/// the orders reconciliation poll. Periodic jobs live in the tenant's queue like any other,
/// so they survive restarts.
public struct PluginSchedule: Sendable, Equatable {
    /// The job kind the plugin receives: `reconcile`.
    public let kind: String
    /// How often the job is enqueued.
    public let interval: Duration
    /// One line for operators: what the periodic job does.
    public let summary: String

    /// A job of `kind` every `interval`.
    public init(kind: String, every interval: Duration, summary: String) {
        self.kind = kind
        self.interval = interval
        self.summary = summary
    }
}

/// One setting a plugin reads from the tenant's configuration, documented like a
/// configuration struct's field: key, type, default and meaning.
public struct PluginSetting: Sendable, Equatable {
    /// The type of a setting's value.
    public enum Kind: String, Sendable, Equatable {
        /// Free text, such as a NetSuite internal id.
        case string
        /// A whole number.
        case integer
        /// An exact decimal, such as a tolerance in money.
        case decimal
        /// `true` or `false`.
        case boolean
        /// `key=value` pairs, such as a map of Shopify shipping titles to NetSuite ship methods.
        case map
    }

    /// The setting's name, such as `discount_item`.
    public let key: String
    /// The type of its value.
    public let kind: Kind
    /// The value when the tenant gives none, written as the tenant would; nil means required.
    public let defaultValue: String?
    /// What the setting means, for operators.
    public let summary: String

    /// A documented setting.
    public init(key: String, kind: Kind, defaultValue: String?, summary: String) {
        self.key = key
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }
}
