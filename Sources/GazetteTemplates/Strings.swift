import Foundation
import GazetteContent
import GazetteModel

/// The interface text of one language, from `templates/i18n/LANG.yaml`: a tree of keys, given whole to the
/// templates as `t` (`{{t.nav.projects}}`) and looked up by Swift for labels it prepares (`status.completed`).
/// `@unchecked Sendable`: immutable after `init`; `tree` is typed `Any` for Mustache but holds only strings and dictionaries of them.
public struct Strings: @unchecked Sendable {
    /// Nested dictionaries of strings, as Mustache reads them.
    public let tree: [String: Any]
    /// The same tree as a template value, converted once for every page.
    public let value: TemplateValue
    /// Every leaf by its dotted path (`status.completed`), for Swift's lookups.
    private let leaves: [String: String]
    /// The leaves whose every `{` and `}` byte is a Character of its own (no combining mark joined to it):
    /// `format` reads those in bytes, with the same result as reading Characters.
    private let bracesAlone: Set<String>

    public init(tree: [String: Any]) {
        self.tree = tree
        value = TemplateValue(tree) ?? .map([:])
        var leaves: [String: String] = [:]
        func collect(_ node: Any, _ path: String) {
            if let map = node as? [String: Any] {
                for (key, child) in map { collect(child, path.isEmpty ? key : path + "." + key) }
            } else if let text = node as? String {
                leaves[path] = text
            }
        }
        collect(tree, "")
        self.leaves = leaves
        bracesAlone = Set(leaves.filter { Self.bracesStandAlone($0.value) }.keys)
    }

    /// Whether each `{` and `}` byte of `text` is a Character `{` or `}`: as many of those Characters as bytes.
    static func bracesStandAlone(_ text: String) -> Bool {
        text.filter { $0 == "{" }.count == text.utf8.filter { $0 == UInt8(ascii: "{") }.count
            && text.filter { $0 == "}" }.count == text.utf8.filter { $0 == UInt8(ascii: "}") }.count
    }

    public static func load(_ url: URL, file: String) -> Result<Strings, Diagnostic> {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            return .failure(Diagnostic(.missingFile, at: SourceLocation(file: file),
                                       Message("strings.missing", ["file": .text(file)]), help: Message("strings.missing.help")))
        }
        // Through the content's YAML reader: every value is text, as the templates print it.
        switch YAMLDocument.parse(text, file: file) {
        case let .failure(diagnostic):
            return .failure(diagnostic)
        case let .success(root):
            guard let root, case .mapping = root, let tree = plain(root) as? [String: Any] else {
                return .failure(Diagnostic(.wrongType, at: SourceLocation(file: file, line: 1, column: 1),
                                           Message("strings.notMapping", ["file": .text(file)])))
            }
            return .success(Strings(tree: tree))
        }
    }

    /// A YAML value as nested dictionaries, lists and strings.
    private static func plain(_ node: YAMLNode) -> Any {
        switch node {
        case let .scalar(text, _, _): return text
        case let .sequence(items, _): return items.map(plain)
        case let .mapping(pairs, _):
            var map: [String: Any] = [:]
            for (key, value) in pairs { map[key.text ?? ""] = plain(value) }
            return map
        }
    }

    /// Whether the tree has a string or a group at a dotted path (`nav.projects`, `nav`).
    public func contains(_ path: String) -> Bool {
        var node: Any = tree
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let map = node as? [String: Any], let child = map[String(part)] else { return false }
            node = child
        }
        return true
    }

    /// Every leaf's dotted path, sorted: for suggesting the nearest to a misspelt one.
    public var paths: [String] { leaves.keys.sorted() }

    /// The text at a dotted path (`status.completed`), or the path itself so a missing string shows.
    public func text(_ path: String) -> String { leaves[path] ?? path }

    /// Replaces `{name}` placeholders: `t.format("pager.page", ["n": "2"])`.
    public func format(_ path: String, _ values: [String: String]) -> String {
        let text = self.text(path)
        // In bytes where they give the same (a few per page: the report link, the freshness line).
        if bracesAlone.contains(path) { return Self.formatBytes(text, values) }
        return Self.formatCharacters(text, values)
    }

    /// `format` over Characters: for texts with a brace joined to another character, and the oracle of the bytes.
    static func formatCharacters(_ text: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }

    /// `format` over the bytes of a text whose braces stand alone (`bracesStandAlone`): the same steps.
    static func formatBytes(_ text: String, _ values: [String: String]) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            func next(_ byte: UInt8, from start: Int) -> Int? {
                var index = start
                while index < bytes.count {
                    if bytes[index] == byte { return index }
                    index += 1
                }
                return nil
            }
            var rest = 0
            while let open = next(UInt8(ascii: "{"), from: rest) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<open]))
                let afterOpen = open + 1
                if let close = next(UInt8(ascii: "}"), from: afterOpen),
                   let value = values[String(decoding: UnsafeBufferPointer(rebasing: bytes[afterOpen..<close]), as: UTF8.self)] {
                    out.append(contentsOf: value.utf8)
                    rest = close + 1
                } else {
                    out.append(UInt8(ascii: "{"))
                    rest = afterOpen
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<bytes.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
