import Foundation
import GazetteModel
import Yams
// libyaml, as Yams builds it: the same parser, driven event by event (see `EventComposer`).
import CYaml

/// A YAML value with the position it was written at. Content is read from these, never from Yams's
/// Codable decoding, so that every value keeps its file, line and column.
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

/// Parses YAML text into `YAMLNode`s, with guards that turn hostile input into a diagnostic.
enum YAMLParser {
    /// Deeper than this is never real content, and would only exhaust the stack.
    static let maximumDepth = 64
    /// Aliases can expand a small file into billions of values ("billion laughs"); no content needs this many.
    static let maximumValues = 200_000
    /// Aliases can also repeat one long value: the text of a file's values, once its aliases are expanded,
    /// may be at most this many bytes, or the file's own size if that is larger.
    static let minimumExpandedBytes = 1 << 20

    /// The most text a file's values may hold once aliases are expanded.
    static func maximumExpandedBytes(for text: String) -> Int { max(minimumExpandedBytes, text.utf8.count) }

    /// What `convert` may still produce: values, and bytes of text.
    struct Budget {
        var values: Int
        var bytes: Int
        let maximumBytes: Int
    }

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    /// `lineOffset` shifts positions for YAML that starts further down a file (front matter). `composer: false`
    /// reads through Yams only, skipping `EventComposer`: the oracle its tests compare it with.
    static func parse(_ text: String, file: String, lineOffset: Int = 0, composer: Bool = true) -> Result<YAMLNode?, Failure> {
        if let depthProblem = scanDepth(text, file: file, lineOffset: lineOffset) {
            return .failure(Failure(diagnostic: depthProblem))
        }
        switch composer ? EventComposer.compose(text, file: file, lineOffset: lineOffset) : .declined {
        case let .root(node): return .success(node)
        case .empty: return .success(nil)
        case let .failed(diagnostic): return .failure(Failure(diagnostic: diagnostic))
        case .declined: break
        }
        let root: Node?
        do {
            root = try compose(text)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping = error,
               case let .failed(diagnostic) = EventComposer.compose(text, file: file, lineOffset: lineOffset, findingDuplicates: true) {
                // Yams names the keys but not where the second one is: found again, without the aliases.
                return .failure(Failure(diagnostic: diagnostic))
            }
            return .failure(Failure(diagnostic: diagnostic(for: error, file: file, lineOffset: lineOffset)))
        } catch {
            return .failure(Failure(diagnostic: Diagnostic(.yamlSyntax, at: SourceLocation(file: file),
                                                           Message("E004", ["problem": .text(String(String(describing: error).prefix(300)))]),
                                                           help: Message("E004.help"))))
        }
        guard let root else { return .success(nil) }
        var budget = Budget(values: maximumValues, bytes: maximumExpandedBytes(for: text), maximumBytes: maximumExpandedBytes(for: text))
        do {
            return .success(try convert(root, file: file, lineOffset: lineOffset, depth: 0, budget: &budget))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(diagnostic: Diagnostic(.yamlSyntax, at: SourceLocation(file: file),
                                                           Message("E004", ["problem": .text(String(String(describing: error).prefix(300)))]),
                                                           help: Message("E004.help"))))
        }
    }

    /// Yams's composer, made cheaper. Yams checks every mapping for repeated keys by hashing its keys, and
    /// hashing a key resolves its tag through the default resolver's regular expressions — most of the time
    /// spent reading content. Keys are compared by text and resolved tag; with no explicit tag (`!`) in the
    /// text, the basic resolver (every untagged scalar is a string) finds a repeat wherever the default one
    /// does, and sometimes where it does not (`1` and `"1"`). So a file is composed with the basic resolver,
    /// and only when that fails is it composed again as before, for the same result or the same error.
    /// The encoding is given, not `Parser.Encoding.default`, which reads the whole environment on every call.
    private static func compose(_ text: String) throws -> Node? {
        if !text.utf8.contains(UInt8(ascii: "!")),
           let root = try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot() {
            return root
        }
        return try Parser(yaml: text).singleRoot()
    }

    private static func location(_ mark: Mark?, file: String, lineOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    private static func convert(_ node: Node, file: String, lineOffset: Int, depth: Int,
                                budget: inout Budget) throws -> YAMLNode {
        budget.values -= 1
        let at = location(node.mark, file: file, lineOffset: lineOffset)
        if budget.values < 0 {
            throw Failure(diagnostic: Diagnostic(
                .tooLarge, at: at,
                Message("E003.aliases", ["maximum": .number(maximumValues)]), help: Message("E003.aliases.help")))
        }
        if depth > maximumDepth {
            throw Failure(diagnostic: tooDeep(at: at))
        }
        switch node {
        case let .scalar(scalar):
            let style: YAMLNode.Style
            switch scalar.style {
            case .literal, .folded: style = .block
            case .singleQuoted, .doubleQuoted: style = .quoted
            default: style = .plain
            }
            budget.bytes -= scalar.string.utf8.count
            if budget.bytes < 0 {
                throw Failure(diagnostic: Diagnostic(
                    .tooLarge, at: at,
                    Message("E003.aliasBytes", ["maximum": .number(budget.maximumBytes)]), help: Message("E003.aliases.help")))
            }
            return .scalar(scalar.string, style: style, at: at)
        case let .mapping(mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                pairs.append((try convert(key, file: file, lineOffset: lineOffset, depth: depth + 1, budget: &budget),
                              try convert(value, file: file, lineOffset: lineOffset, depth: depth + 1, budget: &budget)))
            }
            return .mapping(pairs, at: at)
        case let .sequence(sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                items.append(try convert(item, file: file, lineOffset: lineOffset, depth: depth + 1, budget: &budget))
            }
            return .sequence(items, at: at)
        case let .alias(alias):
            throw Failure(diagnostic: Diagnostic(.yamlSyntax, at: location(alias.mark, file: file, lineOffset: lineOffset),
                                                 Message("E004.alias"), help: Message("E004.alias.help")))
        }
    }

    static func tooDeep(at: SourceLocation) -> Diagnostic {
        Diagnostic(.tooDeep, at: at, Message("E007", ["maximum": .number(maximumDepth)]), help: Message("E007.help"))
    }

    /// A cheap look before the YAML parser runs, whose recursion could otherwise overflow the stack on
    /// hostile input. It over-counts on purpose (brackets in quoted text and comments count too): real
    /// content never comes near the limits.
    static func scanDepth(_ text: String, file: String, lineOffset: Int) -> Diagnostic? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { scanDepth($0, file: file, lineOffset: lineOffset) }!
    }

    private static func scanDepth(_ bytes: UnsafeBufferPointer<UInt8>, file: String, lineOffset: Int) -> Diagnostic? {
        var flowDepth = 0
        var line = 1
        var column = 0
        var leadingWidth = 0
        var atLineStart = true
        for byte in bytes {
            column += 1
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                column = 0
                leadingWidth = 0
                atLineStart = true
                continue
            case _ where atLineStart && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?")):
                // Indentation, and `- ` or `? ` opening a line, is where block nesting shows.
                leadingWidth += 1
                if leadingWidth > maximumDepth * 4 {
                    return tooDeep(at: SourceLocation(file: file, line: line + lineOffset, column: column))
                }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                if flowDepth > maximumDepth {
                    return tooDeep(at: SourceLocation(file: file, line: line + lineOffset, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
            default:
                break
            }
            atLineStart = false
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // libyaml's words in the reader's language where the catalogue knows them, with what to do.
            return Diagnostic(.yamlSyntax, at: location(mark, file: file, lineOffset: lineOffset),
                              Message("E004", ["problem": YAMLProblem.argument(problem, context: context?.text)]), help: yamlHint(problem))
        case let .reader(problem, _, _, _):
            return Diagnostic(.notUTF8, at: SourceLocation(file: file), Message("E002.reader", ["problem": .text(problem)]),
                              help: EncodingDetector.convertHelp(file))
        case let .duplicatedKeysInMapping(duplicates, context):
            // Not the whole file as context (Yams's description holds it): the keys, at the first one.
            let keys = duplicates.prefix(5).map { "`\($0.prefix(40))`" }.joined(separator: ", ")
            return Diagnostic(.unknownKey, at: location(context.mark, file: file, lineOffset: lineOffset),
                              Message("E103.duplicates", ["keys": .text(keys)]), help: Message("E103.twice.help"))
        default:
            return Diagnostic(.yamlSyntax, at: SourceLocation(file: file),
                              Message("E004", ["problem": .text(String(String(describing: error).prefix(300)))]),
                              help: Message("E004.help"))
        }
    }

    private static func yamlHint(_ problem: String) -> Message {
        if problem.contains("tab") { return Message("E004.tab.help") }
        if problem.contains("mapping values are not allowed") { return Message("E004.colon.help") }
        if problem.contains("did not find expected key") || problem.contains("block") { return Message("E004.indent.help") }
        if problem.contains("alias") { return Message("E004.alias.help") }
        return Message("E004.help")
    }
}

/// Builds `YAMLNode`s straight from libyaml's events, as Yams's composer and `YAMLParser.convert` would
/// together, without Yams's `Node`s in between. It takes only the common case and declines the rest —
/// an error, an alias, a key that is not a single value, two keys with the same text, nesting deeper than
/// `maximumDepth`, more than `maximumValues` values, a second document — which then go through Yams as
/// before, for the same result or the same diagnostic. (Tags do not matter here: Yams compares keys by text
/// and tag, so keys with different texts never repeat, and `convert` reads no tags.)
enum EventComposer {
    enum Outcome {
        case root(YAMLNode)
        case empty
        /// A key written twice (E103, at the second one).
        case failed(Diagnostic)
        case declined
    }

    private struct Declined: Error {}

    private struct RepeatedKey: Error {
        var key: String
        var at: SourceLocation
        var first: SourceLocation
    }

    /// With `findingDuplicates`, aliases are read as plain values (not expanded), only to find a key
    /// written twice: the result is `.failed` with it, or of no use.
    static func compose(_ text: String, file: String, lineOffset: Int, findingDuplicates: Bool = false) -> Outcome {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Outcome in
            var composer = State(file: file, lineOffset: lineOffset, findingDuplicates: findingDuplicates)
            return composer.run(bytes)
        } ?? .declined
    }

    private struct State {
        let file: String
        let lineOffset: Int
        let findingDuplicates: Bool
        /// With a tag (`!`) in the text, Yams may hold two keys of the same text apart (`1` and `!!str 1`):
        /// a repeat is then left to Yams, as before.
        var hasTags = false
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        var values = 0

        init(file: String, lineOffset: Int, findingDuplicates: Bool) {
            self.file = file
            self.lineOffset = lineOffset
            self.findingDuplicates = findingDuplicates
        }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
            parser.initialize(to: yaml_parser_t())
            event.initialize(to: yaml_event_t())
            defer {
                yaml_event_delete(event)
                parser.deallocate()
                event.deallocate()
            }
            guard yaml_parser_initialize(parser) == 1 else { return .declined }
            defer { yaml_parser_delete(parser) }
            // As Yams's `Parser(yaml:)` with UTF-8, then `singleRoot()`: the stream's start, then a document
            // or the stream's end; after the document, nothing but the stream's end.
            hasTags = bytes.contains(UInt8(ascii: "!"))
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            do {
                try next(expecting: YAML_STREAM_START_EVENT)
                guard try nextType() != YAML_STREAM_END_EVENT else { return .empty }
                try next()
                let root = try node(depth: 0)
                try next(expecting: YAML_DOCUMENT_END_EVENT)
                try next(expecting: YAML_STREAM_END_EVENT)
                return .root(root)
            } catch let repeated as RepeatedKey {
                return .failed(Diagnostic(.unknownKey, at: repeated.at,
                                          Message("E103.repeated", ["key": .text(String(repeated.key.prefix(40))), "line": .number(repeated.first.line)]),
                                          help: Message("E103.twice.help")))
            } catch {
                return .declined
            }
        }

        /// Parses the next event into `event`, deleting the one before.
        func next() throws {
            yaml_event_delete(event)
            guard yaml_parser_parse(parser, event) == 1 else { throw Declined() }
        }

        func next(expecting type: yaml_event_type_t) throws {
            try next()
            guard event.pointee.type == type else { throw Declined() }
        }

        func nextType() throws -> yaml_event_type_t {
            try next()
            return event.pointee.type
        }

        func location() -> SourceLocation {
            let mark = event.pointee.start_mark
            return SourceLocation(file: file, line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
        }

        /// The node starting at the current event; returns with its last event current.
        mutating func node(depth: Int) throws -> YAMLNode {
            values += 1
            guard values <= YAMLParser.maximumValues, depth <= YAMLParser.maximumDepth else { throw Declined() }
            let at = location()
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                let style: YAMLNode.Style
                switch event.pointee.data.scalar.style {
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
                case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
                default: style = .plain
                }
                return .scalar(scalarText(), style: style, at: at)
            case YAML_SEQUENCE_START_EVENT:
                var items: [YAMLNode] = []
                items.reserveCapacity(8)
                while try nextType() != YAML_SEQUENCE_END_EVENT {
                    items.append(try node(depth: depth + 1))
                }
                return .sequence(items, at: at)
            case YAML_MAPPING_START_EVENT:
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                pairs.reserveCapacity(depth == 0 ? 32 : 8)
                var keys: [(text: String, at: SourceLocation)] = []
                keys.reserveCapacity(depth == 0 ? 32 : 8)
                var keySet: [String: SourceLocation] = [:]
                while try nextType() != YAML_MAPPING_END_EVENT {
                    let key = try node(depth: depth + 1)
                    // Compared as Yams compares them, with String's ==; a dictionary once there are many. A key
                    // written twice is an error (E103) placed at the second one.
                    guard let text = key.text else { throw Declined() }
                    if keys.count < 32 {
                        if let first = keys.first(where: { $0.text == text }) {
                            if hasTags && !findingDuplicates { throw Declined() }
                            throw RepeatedKey(key: text, at: key.location, first: first.at)
                        }
                        keys.append((text, key.location))
                        if keys.count == 32 { keySet = Dictionary(keys.map { ($0.text, $0.at) }, uniquingKeysWith: { a, _ in a }) }
                    } else {
                        if let first = keySet[text] {
                            if hasTags && !findingDuplicates { throw Declined() }
                            throw RepeatedKey(key: text, at: key.location, first: first)
                        }
                        keySet[text] = key.location
                    }
                    try next()
                    pairs.append((key, try node(depth: depth + 1)))
                }
                return .mapping(pairs, at: at)
            case YAML_ALIAS_EVENT where findingDuplicates:
                // Not expanded: a key `*a` is the same key wherever it is written.
                let anchor = event.pointee.data.alias.anchor.map { String(cString: $0) } ?? ""
                return .scalar("*" + anchor, style: .plain, at: at)
            default:
                // An alias (Yams expands it), or an event out of place.
                throw Declined()
            }
        }

        /// The scalar's text, decoded as Yams decodes it.
        func scalarText() -> String {
            let scalar = event.pointee.data.scalar
            let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                return String(bytes: bytes, encoding: .utf8) ?? String(decoding: bytes, as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
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
