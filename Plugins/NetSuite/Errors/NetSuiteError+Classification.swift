import Foundation
import PluginKit

extension NetSuiteError {
    /// Classifies a non-2xx answer from NetSuite.
    ///
    /// - 429, or a `CONCURRENCY_LIMIT_EXCEEDED` / `SSS_REQUEST_LIMIT_EXCEEDED` code under any
    ///   status (RESTlets answer the latter with 400): rate limited, after `Retry-After` or
    ///   `defaultRateLimitDelay`.
    /// - 401: authentication (`INVALID_LOGIN`); 403: authentication too, since a role
    ///   without a permission is fixed by an operator, not by retrying.
    /// - 408, 5xx (including 503 maintenance): transient, with `Retry-After` when given.
    /// - Any other 4xx: permanent, carrying every `o:errorDetails` entry.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - retryAfter: The raw `Retry-After` header, if any.
    ///   - body: The response body (NetSuite's RFC 7807-style JSON, a RESTlet's
    ///     `{"error":{"code","message"}}`, or anything else).
    public static func classify(
        status: Int,
        retryAfter: String?,
        body: Data,
        defaultRateLimitDelay: Duration = .seconds(1),
        now: Date = Date()
    ) -> NetSuiteError {
        let parsed = ErrorBody(decoding: body)
        let delay = retryAfter.flatMap { parseRetryAfter($0, now: now) }
        let firstCode = parsed.details.first?.errorCode
        let rateLimitCodes: Set<String> = ["CONCURRENCY_LIMIT_EXCEEDED", "SSS_REQUEST_LIMIT_EXCEEDED"]
        let hasRateLimitCode = parsed.details.contains { rateLimitCodes.contains($0.errorCode ?? "") }

        func make(_ failureClass: FailureClass, fallbackCode: String) -> NetSuiteError {
            NetSuiteError(
                code: "netsuite_" + (firstCode ?? fallbackCode),
                failureClass: failureClass,
                message: describe(status: status, title: parsed.title, details: parsed.details),
                httpStatus: status,
                details: parsed.details
            )
        }

        switch status {
        case 429:
            return make(.rateLimited(retryAfter: delay ?? defaultRateLimitDelay), fallbackCode: "CONCURRENCY_LIMIT_EXCEEDED")
        case _ where hasRateLimitCode:
            let code = parsed.details.first { rateLimitCodes.contains($0.errorCode ?? "") }?.errorCode ?? "CONCURRENCY_LIMIT_EXCEEDED"
            return NetSuiteError(
                code: "netsuite_" + code,
                failureClass: .rateLimited(retryAfter: delay ?? defaultRateLimitDelay),
                message: describe(status: status, title: parsed.title, details: parsed.details),
                httpStatus: status,
                details: parsed.details
            )
        case 401:
            return make(.authentication, fallbackCode: "http_401")
        case 403:
            return make(.authentication, fallbackCode: "http_403")
        case 408, 500...599:
            return make(.transient(retryAfter: delay), fallbackCode: "http_\(status)")
        default:
            return make(.permanent, fallbackCode: "http_\(status)")
        }
    }

    /// `Retry-After` as delay-seconds (`120`, `1.5`) or an HTTP-date; nil when unreadable.
    /// A date in the past is a zero delay.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            return .seconds(clamping: seconds)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }

    static func describe(status: Int, title: String?, details: [Detail]) -> String {
        var text = "NetSuite answered HTTP \(status)"
        if let title { text += " \(title)" }
        let described = details.map { detail in
            var part = detail.errorCode ?? "error"
            if let path = detail.errorPath { part += " at \(path)" }
            if let message = detail.detail { part += ": \(message)" }
            return part
        }
        if !described.isEmpty { text += " - " + described.joined(separator: "; ") }
        // A pathological body must not turn into a pathological log line.
        return text.count > 2000 ? String(text.prefix(2000)) + "..." : text
    }
}

/// The parts of a NetSuite error body we read, in either shape NetSuite uses.
struct ErrorBody {
    var title: String?
    var details: [NetSuiteError.Detail] = []

    init(decoding body: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return }
        title = object["title"] as? String
        if let entries = object["o:errorDetails"] as? [[String: Any]] {
            details = entries.map {
                NetSuiteError.Detail(errorCode: $0["o:errorCode"] as? String, errorPath: $0["o:errorPath"] as? String, detail: $0["detail"] as? String)
            }
        } else if let restletError = object["error"] as? [String: Any] {
            // RESTlets: {"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED","message":"..."}}
            details = [NetSuiteError.Detail(errorCode: restletError["code"] as? String, errorPath: nil, detail: restletError["message"] as? String)]
        }
    }
}
