import PluginKit

/// A shop domain or Shopify id that cannot form a NetSuite external id. Permanent: the same
/// input fails the same way on every attempt.
public struct InvalidShopifyIdentifierError: ClassifiedError, Equatable {
    /// What is wrong, naming the offending value.
    public let problem: String

    /// Creates the error.
    public init(problem: String) {
        self.problem = problem
    }

    /// Always permanent.
    public var failureClass: FailureClass { .permanent }
    /// `invalid_shopify_identifier`.
    public var code: String { "invalid_shopify_identifier" }
    /// The problem.
    public var message: String { problem }
}

/// One or more SKUs that name no NetSuite item. Permanent: an operator must create the item
/// (or fix the SKU in Shopify) and replay the job.
public struct UnknownSKUError: ClassifiedError, Equatable {
    /// The SKUs NetSuite does not know, sorted.
    public let skus: [String]

    /// Creates the error for the given SKUs (sorted and deduplicated).
    public init(skus: [String]) {
        self.skus = Array(Set(skus)).sorted()
    }

    /// Always permanent.
    public var failureClass: FailureClass { .permanent }
    /// `unknown_sku`.
    public var code: String { "unknown_sku" }
    /// Names every unknown SKU.
    public var message: String {
        let quoted = skus.prefix(20).map { "'\($0.prefix(80))'" }.joined(separator: ", ")
        let more = skus.count > 20 ? " and \(skus.count - 20) more" : ""
        return skus.count == 1
            ? "no NetSuite item has the SKU \(quoted) (item.itemid)"
            : "no NetSuite items have the SKUs \(quoted)\(more) (item.itemid)"
    }
}

/// An ISO currency code that names no NetSuite currency on the account. Permanent: an
/// operator must add the currency to the account.
public struct UnknownCurrencyError: ClassifiedError, Equatable {
    /// The ISO 4217 code asked for.
    public let isoCode: String

    /// Creates the error.
    public init(isoCode: String) {
        self.isoCode = isoCode
    }

    /// Always permanent.
    public var failureClass: FailureClass { .permanent }
    /// `unknown_currency`.
    public var code: String { "unknown_currency" }
    /// Names the currency.
    public var message: String { "the NetSuite account has no currency with the symbol '\(isoCode.prefix(20))'" }
}

/// The ledger refused to record a result because a newer version of the same Shopify
/// record was recorded while this job ran. Transient: the retry sees the newer version and
/// decides again (usually skipping as stale).
public struct LedgerRaceError: ClassifiedError, Equatable {
    /// The ledger record type.
    public let recordType: String
    /// The Shopify id of the record.
    public let shopifyID: String

    /// Creates the error.
    public init(recordType: String, shopifyID: String) {
        self.recordType = recordType
        self.shopifyID = shopifyID
    }

    /// Transient, retried at once by the normal back-off.
    public var failureClass: FailureClass { .transient(retryAfter: nil) }
    /// `ledger_newer_version`.
    public var code: String { "ledger_newer_version" }
    /// Names the record.
    public var message: String { "a newer version of \(recordType) \(shopifyID) was recorded while this job ran" }
}

/// A NetSuite answer that lacks a column this module reads. Transient: usually a partial answer.
struct UnexpectedNetSuiteAnswerError: ClassifiedError, Equatable {
    let problem: String

    var failureClass: FailureClass { .transient(retryAfter: nil) }
    var code: String { "netsuite_unexpected_answer" }
    var message: String { problem }
}
