import GazetteModel

/// A JSON document built in memory and written byte for byte the same every time: object keys sorted by
/// their UTF-8 bytes, two-space indentation, non-ASCII text left as UTF-8, numbers written from exact text.
/// Money goes in as `.number(yuan.plainText)` or `.int(fen)`, never through a floating-point number.
public indirect enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    /// An array whose items are made only as it is written, one at a time: a province's packages hold tens of
    /// thousands of releases, and only the one being written is in memory.
    case lazyArray(count: Int, item: @Sendable (Int) -> JSONValue)
    case string(String)
    case int(Int64)
    /// A number written exactly as given (`180000.00`); the text must be a JSON number.
    case number(String)
    case bool(Bool)
    case null

    public static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }

    /// A string, or `null` when absent.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    public static func optional(_ day: Day?) -> JSONValue { day.map { .string($0.description) } ?? .null }
    public static func optional(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }

    /// The document, ending in a newline.
    public func text() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The same text as `text()`, given in pieces of about a megabyte as it is made.
    public func write(chunks emit: (String) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var out = ""
            write(into: &out, indent: 0, flush: emit)
            out += "\n"
            emit(out)
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): return x == y
        case let (.string(x), .string(y)), let (.number(x), .number(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default:
            guard let x = a.items, let y = b.items else { return false }
            return x == y
        }
    }

    /// The items of an array, lazy or not.
    private var items: [JSONValue]? {
        switch self {
        case let .array(items): return items
        case let .lazyArray(count, item): return (0..<count).map(item)
        default: return nil
        }
    }

    /// The document on one line, without spaces (for a Server-Sent Event's `data:` line).
    public func compactText() -> String {
        switch self {
        case let .object(map):
            let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return "{" + keys.map { key in
                var quoted = ""
                JSONValue.quote(key, into: &quoted)
                return quoted + ":" + map[key]!.compactText()
            }.joined(separator: ",") + "}"
        case .array, .lazyArray:
            return "[" + items!.map { $0.compactText() }.joined(separator: ",") + "]"
        default:
            var out = ""
            write(into: &out, indent: 0)
            return out
        }
    }

    /// Writes the value at an indentation level; with `flush`, hands out what is written whenever it passes
    /// a megabyte, between the items of arrays.
    private func write(into out: inout String, indent: Int, flush: ((String) -> Void)? = nil) {
        switch self {
        case let .object(map):
            if map.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                out += JSONValue.indentation(indent + 1)
                JSONValue.quote(key, into: &out)
                out += ": "
                map[key]!.write(into: &out, indent: indent + 1, flush: flush)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += JSONValue.indentation(indent) + "}"
        case let .array(items):
            writeItems(items.count, { items[$0] }, into: &out, indent: indent, flush: flush)
        case let .lazyArray(count, item):
            writeItems(count, item, into: &out, indent: indent, flush: flush)
        case let .string(text): JSONValue.quote(text, into: &out)
        case let .int(value): out += String(value)
        case let .number(text): out += text
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    private func writeItems(_ count: Int, _ item: (Int) -> JSONValue, into out: inout String, indent: Int,
                            flush: ((String) -> Void)?) {
        if count == 0 { out += "[]"; return }
        out += "[\n"
        for index in 0..<count {
            out += JSONValue.indentation(indent + 1)
            item(index).write(into: &out, indent: indent + 1, flush: flush)
            out += index == count - 1 ? "\n" : ",\n"
            if let flush, out.utf8.count >= 1 << 20 {
                flush(out)
                out = ""
            }
        }
        out += JSONValue.indentation(indent) + "]"
    }

    /// Two spaces a level; the first levels made once.
    private static let indents: [String] = (0..<16).map { String(repeating: "  ", count: $0) }
    private static func indentation(_ level: Int) -> String {
        level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }

    /// RFC 8259 string escaping, as every JSON file of the site writes it.
    static func quote(_ text: String, into out: inout String) {
        out += Escape.json(text)
    }
}

extension JSONValue {
    /// Money both ways: `{"fen": 18000000, "yuan": "180000.00"}`.
    package static func money(_ amount: Yuan) -> JSONValue {
        .object(["fen": .int(amount.fen), "yuan": .string(amount.plainText)])
    }
}
