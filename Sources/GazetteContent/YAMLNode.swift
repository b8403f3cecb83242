import Foundation
import GazetteModel

/// A YAML value with the position it was written at, so that every value keeps its file, line and column.
public enum YAMLNode: Sendable {
    public enum Style: Sendable { case plain, quoted, block }
    case scalar(String, style: Style, at: SourceLocation)
    case mapping([(key: YAMLNode, value: YAMLNode)], at: SourceLocation)
    case sequence([YAMLNode], at: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case let .scalar(_, _, at), let .mapping(_, at), let .sequence(_, at): return at
        }
    }

    /// An unquoted `~`, `null`, or nothing at all.
    public var isNull: Bool {
        if case let .scalar(text, .plain, _) = self {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The scalar's text, or `nil` for a mapping or a sequence.
    public var text: String? {
        if case let .scalar(text, _, _) = self { return text }
        return nil
    }

    /// What the value is, for messages: "a list", "a mapping", "text".
    /// What the node is, as a word of the message catalogue.
    public var kindWord: MessageArgument {
        switch self {
        case .scalar: return .word(isNull ? "yaml.nothing" : "yaml.single")
        case .mapping: return .word("yaml.mapping")
        case .sequence: return .word("yaml.list")
        }
    }

    public var kindDescription: String {
        switch self {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .mapping: return "a mapping (key: value)"
        case .sequence: return "a list"
        }
    }
}

/// YAML for the rest of Gazette (the interface strings), read by the same route as the content, with the
/// same positions and diagnostics.
public enum YAMLDocument {
    /// The document's root value, nil for an empty document, or the diagnostic for `file`.
    public static func parse(_ text: String, file: String) -> Result<YAMLNode?, Diagnostic> {
        YAMLParser.parse(text, file: file).mapError(\.diagnostic)
    }
}
