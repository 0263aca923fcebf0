/// Short descriptions of why a webhook payload did not decode, for `.dead` reasons.
public enum PayloadProblem {
    /// Names the decoding problem briefly (the path and what was wrong), never the payload's
    /// values, which may be personal data.
    public static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "not valid JSON (\(type(of: error)))" }
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the top level" : text
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "'\(path(context.codingPath + [key]))' is missing"
        case .typeMismatch(let type, let context):
            return "'\(path(context.codingPath))' is not \(type)"
        case .valueNotFound(let type, let context):
            return "'\(path(context.codingPath))' is null, expected \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON"
                : "'\(path(context.codingPath))' is invalid: \(context.debugDescription.prefix(80))"
        @unknown default:
            return "undecodable"
        }
    }
}
