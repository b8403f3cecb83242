import Foundation
import GazetteModel
// libyaml from the system (Debian libyaml-dev), declared in Package.swift like cmark: the one YAML parser.
import CYAML

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

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    /// `lineOffset` shifts positions for YAML that starts further down a file (front matter).
    static func parse(_ text: String, file: String, lineOffset: Int = 0) -> Result<YAMLNode?, Failure> {
        if let depthProblem = scanDepth(text, file: file, lineOffset: lineOffset) {
            return .failure(Failure(diagnostic: depthProblem))
        }
        return YAMLComposer.compose(text, file: file, lineOffset: lineOffset)
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

    /// A syntax error: libyaml's words in the reader's language where the catalogue knows them
    /// (`YAMLProblem`), with a plain sentence of what to do.
    static func syntaxError(problem: String?, context: String?, at: SourceLocation) -> Diagnostic {
        Diagnostic(.yamlSyntax, at: at, Message("E004", ["problem": YAMLProblem.argument(problem, context: context)]),
                   help: yamlHint(problem))
    }

    private static func yamlHint(_ problem: String?) -> Message {
        guard let problem else { return Message("E004.help") }
        if problem.contains("tab") { return Message("E004.tab.help") }
        if problem.contains("mapping values are not allowed") { return Message("E004.colon.help") }
        if problem.contains("did not find expected key") || problem.contains("block") { return Message("E004.indent.help") }
        if problem.contains("alias") { return Message("E004.alias.help") }
        return Message("E004.help")
    }
}

/// Builds `YAMLNode`s straight from libyaml's events: one document (none for an empty stream), aliases
/// expanded to the node their anchor names (counted against the value and byte budgets as if written out),
/// a key written twice refused (E103, at the second one), libyaml's errors with their line and column.
///
/// Priorities, as a reader composing first and checking afterwards would have them: a syntax error, an
/// undefined alias, a repeated key or a second document is reported where it is found; going over the
/// budgets or the depth limit is remembered at the first node that does, and reported only when the rest
/// of the stream composes.
///
/// Keys are compared by their text alone (`1`, `"1"` and `!!str 1` are the same key): the records are read
/// by text, and tags are not read at all. An anchor names its node once the node is complete, so an alias
/// inside the node it names is undefined (no cycles).
enum YAMLComposer {
    static func compose(_ text: String, file: String, lineOffset: Int) -> Result<YAMLNode?, YAMLParser.Failure> {
        var text = text
        text.makeContiguousUTF8()
        let maximumBytes = YAMLParser.maximumExpandedBytes(for: text)
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var composer = State(file: file, lineOffset: lineOffset, maximumBytes: maximumBytes)
            return composer.run(bytes)
        }!
    }

    private struct State {
        let file: String
        let lineOffset: Int
        let maximumBytes: Int
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        /// What the document may still hold, aliases expanded: values, and bytes of text.
        var values = YAMLParser.maximumValues
        var bytes: Int
        /// The first node over a budget or too deep (reported once the stream has composed).
        var overBudget: Diagnostic?
        var anchors: [String: YAMLNode] = [:]

        init(file: String, lineOffset: Int, maximumBytes: Int) {
            self.file = file
            self.lineOffset = lineOffset
            self.maximumBytes = maximumBytes
            bytes = maximumBytes
        }

        mutating func run(_ input: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, YAMLParser.Failure> {
            parser.initialize(to: yaml_parser_t())
            event.initialize(to: yaml_event_t())
            defer {
                yaml_event_delete(event)
                parser.deallocate()
                event.deallocate()
            }
            guard yaml_parser_initialize(parser) == 1 else {
                return .failure(YAMLParser.Failure(diagnostic: memoryError()))
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, input.baseAddress, input.count)
            do {
                try next() // the stream's start
                guard try nextType() != YAML_STREAM_END_EVENT else { return .success(nil) }
                try next() // past the document's start
                let root = try node(depth: 0)
                try next() // the document's end
                if try nextType() != YAML_STREAM_END_EVENT {
                    throw YAMLParser.Failure(diagnostic: YAMLParser.syntaxError(
                        problem: "but found another document", context: "expected a single document in the stream",
                        at: location()))
                }
                if let overBudget { return .failure(YAMLParser.Failure(diagnostic: overBudget)) }
                return .success(root)
            } catch let failure as YAMLParser.Failure {
                return .failure(failure)
            } catch {
                return .failure(YAMLParser.Failure(diagnostic: memoryError()))
            }
        }

        /// Parses the next event into `event`, deleting the one before.
        func next() throws {
            yaml_event_delete(event)
            guard yaml_parser_parse(parser, event) == 1 else { throw YAMLParser.Failure(diagnostic: libyamlError()) }
        }

        func nextType() throws -> yaml_event_type_t {
            try next()
            return event.pointee.type
        }

        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
        }

        func location() -> SourceLocation { location(event.pointee.start_mark) }

        /// The node starting at the current event; returns with its last event current.
        mutating func node(depth: Int) throws -> YAMLNode {
            let at = location()
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.pointee.data.scalar
                let style: YAMLNode.Style
                switch scalar.style {
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
                case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
                default: style = .plain
                }
                let node = YAMLNode.scalar(scalarText(), style: style, at: at)
                charge(node, depth: depth)
                anchor(scalar.anchor, node)
                return node
            case YAML_SEQUENCE_START_EVENT:
                let anchorName = event.pointee.data.sequence_start.anchor.map { String(cString: $0) }
                charge(at: at, depth: depth)
                var items: [YAMLNode] = []
                items.reserveCapacity(8)
                while try nextType() != YAML_SEQUENCE_END_EVENT {
                    items.append(try node(depth: depth + 1))
                }
                let node = YAMLNode.sequence(items, at: at)
                if let anchorName { anchors[anchorName] = node }
                return node
            case YAML_MAPPING_START_EVENT:
                let anchorName = event.pointee.data.mapping_start.anchor.map { String(cString: $0) }
                charge(at: at, depth: depth)
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                pairs.reserveCapacity(depth == 0 ? 32 : 8)
                // Where each key was first written; a plain list while short, a dictionary once there are many.
                var keys: [(text: String, at: SourceLocation)] = []
                keys.reserveCapacity(depth == 0 ? 32 : 8)
                var keySet: [String: SourceLocation] = [:]
                while try nextType() != YAML_MAPPING_END_EVENT {
                    let key = try node(depth: depth + 1)
                    if let text = key.text {
                        let first: SourceLocation?
                        if keys.count < 32 {
                            first = keys.first(where: { $0.text == text })?.at
                            keys.append((text, key.location))
                            if keys.count == 32 { keySet = Dictionary(keys.map { ($0.text, $0.at) }, uniquingKeysWith: { a, _ in a }) }
                        } else {
                            first = keySet[text]
                            if first == nil { keySet[text] = key.location }
                        }
                        if let first {
                            throw YAMLParser.Failure(diagnostic: Diagnostic(
                                .unknownKey, at: key.location,
                                Message("E103.repeated", ["key": .text(String(text.prefix(40))), "line": .number(first.line)]),
                                help: Message("E103.twice.help")))
                        }
                    }
                    try next()
                    pairs.append((key, try node(depth: depth + 1)))
                }
                let node = YAMLNode.mapping(pairs, at: at)
                if let anchorName { anchors[anchorName] = node }
                return node
            case YAML_ALIAS_EVENT:
                let name = event.pointee.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard let node = anchors[name] else {
                    throw YAMLParser.Failure(diagnostic: YAMLParser.syntaxError(problem: "found undefined alias", context: nil, at: at))
                }
                // Written out again here: every value of it counts, at this depth.
                charge(node, depth: depth)
                return node
            default:
                // libyaml hands events in order; anything else here is a bug in this composer.
                throw YAMLParser.Failure(diagnostic: YAMLParser.syntaxError(
                    problem: "unexpected event \(event.pointee.type.rawValue)", context: nil, at: at))
            }
        }

        mutating func anchor(_ name: UnsafeMutablePointer<yaml_char_t>?, _ node: YAMLNode) {
            if let name { anchors[String(cString: name)] = node }
        }

        /// One value more (a mapping's or list's own node), at `depth`.
        mutating func charge(at: SourceLocation, depth: Int) {
            guard overBudget == nil else { return }
            values -= 1
            if values < 0 {
                overBudget = Diagnostic(.tooLarge, at: at, Message("E003.aliases", ["maximum": .number(YAMLParser.maximumValues)]),
                                        help: Message("E003.aliases.help"))
            } else if depth > YAMLParser.maximumDepth {
                overBudget = YAMLParser.tooDeep(at: at)
            }
        }

        /// A whole node's values and text, at `depth` (a scalar just read, or what an alias names).
        mutating func charge(_ node: YAMLNode, depth: Int) {
            guard overBudget == nil else { return }
            charge(at: node.location, depth: depth)
            guard overBudget == nil else { return }
            switch node {
            case let .scalar(text, _, at):
                bytes -= text.utf8.count
                if bytes < 0 {
                    overBudget = Diagnostic(.tooLarge, at: at, Message("E003.aliasBytes", ["maximum": .number(maximumBytes)]),
                                            help: Message("E003.aliases.help"))
                }
            case let .sequence(items, _):
                for item in items { charge(item, depth: depth + 1) }
            case let .mapping(pairs, _):
                for (key, value) in pairs {
                    charge(key, depth: depth + 1)
                    charge(value, depth: depth + 1)
                }
            }
        }

        /// The scalar's text, exactly (libyaml has checked that it is UTF-8). A U+FEFF written as `"\ufeff"` at
        /// the start of a value stays (Yams's decoding dropped it).
        func scalarText() -> String {
            let scalar = event.pointee.data.scalar
            return String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
        }

        /// libyaml's error, at its position.
        func libyamlError() -> Diagnostic {
            let p = parser.pointee
            let problem = p.problem.map { String(cString: $0) }
            switch p.error {
            case YAML_READER_ERROR:
                return Diagnostic(.notUTF8, at: SourceLocation(file: file), Message("E002.reader", ["problem": YAMLProblem.argument(problem, context: nil)]),
                                  help: EncodingDetector.convertHelp(file))
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
                return YAMLParser.syntaxError(problem: problem, context: p.context.map { String(cString: $0) },
                                              at: location(p.problem_mark))
            default:
                return memoryError()
            }
        }

        func memoryError() -> Diagnostic {
            Diagnostic(.yamlSyntax, at: SourceLocation(file: file), Message("E004", ["problem": .word("yaml.problem.memory")]),
                       help: Message("E004.help"))
        }
    }
}
