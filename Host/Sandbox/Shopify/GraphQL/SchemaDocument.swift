import Foundation

/// The subset schema file, read definition by definition so that it can be completed into a
/// buildable schema. The file's format is regular: one-line `extend type` and `enum`
/// definitions, and multi-line `type` / `input` blocks with one field per line.
struct SchemaDocument {
    enum Kind: String { case object = "type", input, interface, enumeration = "enum", scalar }

    struct Argument {
        let name: String
        let type: String
        var baseType: String { SchemaDocument.baseType(type) }
    }

    struct Field {
        let name: String
        var arguments: [Argument]
        let type: String
        var baseType: String { SchemaDocument.baseType(type) }
    }

    struct Definition {
        let name: String
        var kind: Kind
        var interfaces: [String]
        var fields: [Field]
        /// Enum values, for `enum` definitions.
        var values: [String]
    }

    var queryFields: [Field] = []
    var mutationFields: [Field] = []
    var definitions: [String: Definition] = [:]
    /// Definition names in file order, so the completed schema reads like the file.
    var order: [String] = []

    init(parsing text: String) throws {
        var current: Definition?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if var open = current {
                if line == "}" {
                    add(open)
                    current = nil
                } else {
                    open.fields.append(try Self.field(line))
                    current = open
                }
                continue
            }
            if line.hasPrefix("extend type "), let brace = line.firstIndex(of: "{"), line.hasSuffix("}") {
                let root = line.dropFirst("extend type ".count)[..<brace].trimmingCharacters(in: .whitespaces)
                let inner = line[line.index(after: brace)..<line.index(before: line.endIndex)]
                let field = try Self.field(inner.trimmingCharacters(in: .whitespaces))
                if root == "QueryRoot" { queryFields.append(field) } else if root == "Mutation" { mutationFields.append(field) }
                continue
            }
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2, let kind = Kind(rawValue: words[0]) else {
                throw ShopifySandboxError(.schema, "unexpected schema line: \(line.prefix(80))")
            }
            let name = words[1]
            if kind == .enumeration || kind == .scalar {
                let values = line.firstIndex(of: "{").map { brace in
                    line[line.index(after: brace)...].replacingOccurrences(of: "}", with: "")
                        .split(separator: " ").map(String.init)
                } ?? []
                add(Definition(name: name, kind: kind, interfaces: [], fields: [], values: values))
                continue
            }
            var interfaces: [String] = []
            if let implements = words.firstIndex(of: "implements") {
                interfaces = words[(implements + 1)...].filter { $0 != "&" && $0 != "{" }
            }
            current = Definition(name: name, kind: kind, interfaces: interfaces, fields: [], values: [])
        }
    }

    private mutating func add(_ definition: Definition) {
        if definitions[definition.name] == nil { order.append(definition.name) }
        definitions[definition.name] = definition
    }

    /// `name(arg: Type, other: [T!]): Type!`
    static func field(_ line: String) throws -> Field {
        var arguments: [Argument] = []
        var rest = Substring(line)
        let name: String
        if let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close {
            name = String(line[..<open])
            for part in line[line.index(after: open)..<close].split(separator: ",") {
                let pieces = part.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { throw ShopifySandboxError(.schema, "bad argument in \(line.prefix(80))") }
                arguments.append(Argument(
                    name: pieces[0].trimmingCharacters(in: .whitespaces),
                    type: pieces[1].trimmingCharacters(in: .whitespaces)))
            }
            rest = line[line.index(after: close)...]
        } else {
            guard let colon = line.firstIndex(of: ":") else { throw ShopifySandboxError(.schema, "bad field \(line.prefix(80))") }
            name = String(line[..<colon])
            rest = line[colon...]
        }
        let type = rest.drop { $0 == ":" || $0 == " " }.trimmingCharacters(in: .whitespaces)
        return Field(name: name.trimmingCharacters(in: .whitespaces), arguments: arguments, type: type)
    }

    static func baseType(_ type: String) -> String {
        type.filter { $0 != "[" && $0 != "]" && $0 != "!" }
    }

    static func isRequired(_ type: String) -> Bool { type.hasSuffix("!") }
}
