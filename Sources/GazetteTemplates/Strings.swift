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
}
