import Foundation

/// A JSON document with ordered object keys, so a document is byte-for-byte the same
/// for a seed, and written compactly as Shopify sends it.
public indirect enum JSONDocument: Sendable, Equatable {
    case object([(String, JSONDocument)])
    case array([JSONDocument])
    case string(String)
    /// A number written exactly as given (ids, counts, rates such as `0.0725`).
    case number(String)
    case bool(Bool)
    case null

    /// Equal when both serialize to the same text (key order matters).
    public static func == (lhs: JSONDocument, rhs: JSONDocument) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// An integer number.
    public static func int<I: BinaryInteger>(_ value: I) -> JSONDocument { .number("\(value)") }

    /// A decimal number such as a tax rate.
    public static func decimal(_ value: Decimal) -> JSONDocument { .number(DecimalMoney.plain(value)) }

    /// A string, or `null` when absent.
    public static func optional(_ value: String?) -> JSONDocument { value.map(JSONDocument.string) ?? .null }

    /// The compact UTF-8 encoding.
    public func data() -> Data { Data(serialized().utf8) }

    /// The compact text.
    public func serialized() -> String {
        var output = ""
        write(into: &output)
        return output
    }

    private func write(into output: inout String) {
        switch self {
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, into: &output)
                output += ":"
                value.write(into: &output)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(into: &output)
            }
            output += "]"
        case .string(let text):
            Self.writeString(text, into: &output)
        case .number(let text):
            output += text
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        }
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
