import Foundation

/// A tenant's settings for one plugin: the values the tenant gave, over the defaults the
/// plugin declared in its ``PluginSetting``s. Reading a value of the wrong type, or a
/// required one that is missing, throws a permanent error that names the key, so the job
/// dies with a reason an operator can fix.
public struct FlowSettings: Sendable, Equatable {
    private let values: [String: String]

    /// `given` are the tenant's values; `declared` supply defaults for the keys not given.
    public init(given: [String: String], declared: [PluginSetting] = []) {
        var merged: [String: String] = [:]
        for setting in declared { merged[setting.key] = setting.defaultValue }
        merged.merge(given) { $1 }
        values = merged
    }

    /// The value of `key` as written; throws if it has none.
    public func string(_ key: String) throws -> String {
        guard let value = values[key] else { throw SettingError(key: key, problem: "is required but not set") }
        return value
    }

    /// The value of `key` as a whole number.
    public func integer(_ key: String) throws -> Int {
        guard let value = Int(try string(key).trimmingCharacters(in: .whitespaces)) else {
            throw SettingError(key: key, problem: "must be a whole number")
        }
        return value
    }

    /// The value of `key` as an exact decimal (`0.05`, never through `Double`).
    public func decimal(_ key: String) throws -> Decimal {
        let text = try string(key)
        guard let money = try? Money(text, currency: "XXX") else { throw SettingError(key: key, problem: "must be a decimal number") }
        return money.amount
    }

    /// The value of `key` as a boolean: `true`/`yes`/`1` or `false`/`no`/`0`.
    public func boolean(_ key: String) throws -> Bool {
        switch try string(key).lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw SettingError(key: key, problem: "must be true or false")
        }
    }

    /// A `key=value,key=value` map. Keys and values are trimmed; an entry without `=` is refused.
    public func map(_ key: String) throws -> [String: String] {
        let text = try string(key)
        var result: [String: String] = [:]
        for entry in text.split(separator: ",") where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw SettingError(key: key, problem: "entry '\(entry.prefix(60))' is not key=value") }
            result[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Whether the key has a value (given or default).
    public func has(_ key: String) -> Bool { values[key] != nil }
}

/// A setting that is missing or of the wrong type: permanent until an operator fixes it.
public struct SettingError: ClassifiedError, Equatable {
    /// The setting's key.
    public let key: String
    /// What is wrong: "is required but not set", "must be a whole number".
    public let problem: String

    /// An error about `key`.
    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    /// Permanent: the job cannot succeed until an operator fixes the setting.
    public var failureClass: FailureClass { .permanent }
    /// `invalid_setting`.
    public var code: String { "invalid_setting" }
    /// `setting 'key' problem`.
    public var message: String { "setting '\(key)' \(problem)" }
}
