import PluginKit

/// Every failure of a call to NetSuite, classified once for the host.
///
/// `code` is stable and metric-safe: NetSuite's own error code behind a `netsuite_` prefix
/// (`netsuite_INVALID_KEY_OR_REF`, `netsuite_INVALID_LOGIN`,
/// `netsuite_CONCURRENCY_LIMIT_EXCEEDED`) or one of ours (`netsuite_http_503`,
/// `netsuite_timeout`, `netsuite_connection_failed`, `netsuite_undecodable_response`).
/// Messages name what happened and never contain credentials, signatures or tokens.
public struct NetSuiteError: ClassifiedError, Equatable {
    /// A short stable code, safe as a metric label.
    public let code: String
    /// What the host should do about it.
    public let failureClass: FailureClass
    /// What happened, for an operator.
    public let message: String
    /// The HTTP status NetSuite answered, when there was an answer.
    public let httpStatus: Int?
    /// Every entry of NetSuite's `o:errorDetails`, in order.
    public let details: [Detail]

    /// One entry of NetSuite's `o:errorDetails`.
    public struct Detail: Sendable, Equatable, Codable {
        /// NetSuite's code, such as `INVALID_KEY_OR_REF` or `USER_ERROR`.
        public let errorCode: String?
        /// The field the error is about, such as `item.items[0].item`.
        public let errorPath: String?
        /// NetSuite's explanation.
        public let detail: String?

        /// A detail as NetSuite reports it; every part is optional there.
        public init(errorCode: String?, errorPath: String?, detail: String?) {
            self.errorCode = errorCode
            self.errorPath = errorPath
            self.detail = detail
        }

        enum CodingKeys: String, CodingKey {
            case errorCode = "o:errorCode"
            case errorPath = "o:errorPath"
            case detail
        }
    }

    /// - Parameter code: Made metric-safe: characters outside `[A-Za-z0-9_]` become `_`.
    public init(code: String, failureClass: FailureClass, message: String, httpStatus: Int? = nil, details: [Detail] = []) {
        self.code = Self.metricSafe(code)
        self.failureClass = failureClass
        self.message = message
        self.httpStatus = httpStatus
        self.details = details
    }

    /// NetSuite's code of the first detail, the one the `code` was built from.
    public var netSuiteErrorCode: String? { details.first?.errorCode }

    /// The `o:errorPath` of every detail that has one.
    public var errorPaths: [String] { details.compactMap(\.errorPath) }

    /// The code reduced to `[A-Za-z0-9_]` and at most 80 characters.
    static func metricSafe(_ code: String) -> String {
        let cleaned = String(code.unicodeScalars.map { scalar -> Character in
            let isSafe = scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
            return isSafe ? Character(scalar) : "_"
        })
        return String(cleaned.prefix(80))
    }
}
