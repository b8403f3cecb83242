import CYAML
import Foundation
@testable import GazetteContent
import GazetteModel

/// The oracle for `YAMLComposer`: libyaml's own document loader (`yaml_parser_load`), which composes the
/// same events into a graph of nodes by a route Gazette does not use. Its graph is walked here, written
/// plainly, for what the composer works out on the way: the first key written twice, the second document, and
/// the value, byte and depth budgets with aliases expanded.
enum LibyamlLoaderOracle {
    /// What the loader says a text holds.
    enum Outcome {
        /// The root written out as `FastPathOracleTests.dump` writes a `YAMLNode`; nil for an empty stream.
        case value(String?)
        /// A failure: the message's key, its line and column (nil: no position), and text its English message
        /// must contain.
        case failure(key: String, line: Int?, column: Int?, containing: String)
        /// libyaml failed at this position; the composer may report a repeated key written before it instead.
        case syntaxOrEarlierRepeat(key: String, line: Int?, column: Int?, containing: String)
        /// Another document follows (the loader may fail on it, or load it).
        case anotherDocument(line: Int?, column: Int?, orFailure: (key: String, line: Int?, column: Int?, containing: String)?)
    }

    static func outcome(_ text: String, lineOffset: Int) -> Outcome {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { fatalError("libyaml cannot start") }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Outcome in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var document = yaml_document_t()
            guard yaml_parser_load(&parser, &document) == 1 else {
                let error = Self.error(parser, lineOffset: lineOffset)
                return .syntaxOrEarlierRepeat(key: error.key, line: error.line, column: error.column, containing: error.containing)
            }
            defer { yaml_document_delete(&document) }
            guard yaml_document_get_root_node(&document) != nil else { return .value(nil) }
            let graph = Graph(document: &document, lineOffset: lineOffset)
            if graph.hasCycle(1) {
                // An alias inside the node its anchor names: libyaml's loader makes a cycle, the composer finds
                // the anchor not yet defined.
                return .failure(key: "E004", line: nil, column: nil, containing: "found undefined alias")
            }
            var seen = Set<Int32>()
            if let repeated = graph.firstRepeatedKey(1, seen: &seen) { return repeated }
            // A second document, or a failure on the way to it.
            var second = yaml_document_t()
            if yaml_parser_load(&parser, &second) == 1 {
                defer { yaml_document_delete(&second) }
                if yaml_document_get_root_node(&second) != nil {
                    return .anotherDocument(line: Int(second.start_mark.line) + 1 + lineOffset,
                                            column: Int(second.start_mark.column) + 1, orFailure: nil)
                }
            } else {
                return .anotherDocument(line: nil, column: nil, orFailure: Self.error(parser, lineOffset: lineOffset))
            }
            var budget = Budget(values: YAMLParser.maximumValues, bytes: YAMLParser.maximumExpandedBytes(for: text))
            if let over = graph.overBudget(1, depth: 0, budget: &budget) { return over }
            return .value(graph.dump(1))
        }
    }

    static func error(_ parser: yaml_parser_t, lineOffset: Int) -> (key: String, line: Int?, column: Int?, containing: String) {
        let problem = parser.problem.map { String(cString: $0) }
        // libyaml's words as the catalogue words them (the same problem may read differently in English).
        if parser.error == YAML_READER_ERROR {
            return ("E002.reader", nil, nil, Message("E002.reader", ["problem": YAMLProblem.argument(problem, context: nil)]).text(in: .en))
        }
        let context = parser.context.map { String(cString: $0) }
        let words = Message("E004", ["problem": YAMLProblem.argument(problem, context: context)]).text(in: .en)
        return ("E004", Int(parser.problem_mark.line) + 1 + lineOffset, Int(parser.problem_mark.column) + 1, words)
    }

    struct Budget {
        var values: Int
        var bytes: Int
    }

    /// The loaded document's nodes, by index (1-based, as libyaml numbers them).
    struct Graph {
        let document: UnsafeMutablePointer<yaml_document_t>
        let lineOffset: Int

        init(document: UnsafeMutablePointer<yaml_document_t>, lineOffset: Int) {
            self.document = document
            self.lineOffset = lineOffset
        }

        func node(_ index: Int32) -> yaml_node_t { yaml_document_get_node(document, Int32(index))!.pointee }

        func at(_ index: Int32) -> (line: Int, column: Int) {
            let mark = node(index).start_mark
            return (Int(mark.line) + 1 + lineOffset, Int(mark.column) + 1)
        }

        func text(_ index: Int32) -> String? {
            let n = node(index)
            guard n.type == YAML_SCALAR_NODE else { return nil }
            return String(decoding: UnsafeBufferPointer(start: n.data.scalar.value, count: n.data.scalar.length), as: UTF8.self)
        }

        func children(_ index: Int32) -> [Int32] {
            let n = node(index)
            switch n.type {
            case YAML_SEQUENCE_NODE:
                let items = n.data.sequence.items
                return Array(UnsafeBufferPointer(start: items.start, count: items.top - items.start))
            case YAML_MAPPING_NODE:
                let pairs = n.data.mapping.pairs
                return UnsafeBufferPointer(start: pairs.start, count: pairs.top - pairs.start).flatMap { [$0.key, $0.value] }
            default:
                return []
            }
        }

        func hasCycle(_ index: Int32) -> Bool {
            var onPath = Set<Int32>(), done = Set<Int32>()
            func visit(_ index: Int32) -> Bool {
                if onPath.contains(index) { return true }
                guard done.insert(index).inserted else { return false }
                onPath.insert(index)
                defer { onPath.remove(index) }
                return children(index).contains(where: visit)
            }
            return visit(index)
        }

        /// Keys compared by text, in the order they were written; each node looked at once (an alias repeats a
        /// node whose keys were looked at where it was defined).
        func firstRepeatedKey(_ index: Int32, seen: inout Set<Int32>) -> Outcome? {
            guard seen.insert(index).inserted else { return nil }
            let n = node(index)
            if n.type == YAML_MAPPING_NODE {
                var first: [String: Int] = [:]
                let list = children(index)
                for pair in stride(from: 0, to: list.count, by: 2) {
                    if let repeated = firstRepeatedKey(list[pair], seen: &seen) { return repeated }
                    if let key = text(list[pair]) {
                        if let line = first[key] {
                            let (l, c) = at(list[pair])
                            return .failure(key: "E103.repeated", line: l, column: c, containing: "line \(line)")
                        }
                        first[key] = at(list[pair]).line
                    }
                    if let repeated = firstRepeatedKey(list[pair + 1], seen: &seen) { return repeated }
                }
            } else {
                for child in children(index) {
                    if let repeated = firstRepeatedKey(child, seen: &seen) { return repeated }
                }
            }
            return nil
        }

        /// Every node counted as if aliases were written out, in the order written: the first over a budget.
        func overBudget(_ index: Int32, depth: Int, budget: inout Budget) -> Outcome? {
            let (l, c) = at(index)
            budget.values -= 1
            if budget.values < 0 { return .failure(key: "E003.aliases", line: l, column: c, containing: "\(YAMLParser.maximumValues)") }
            if depth > YAMLParser.maximumDepth { return .failure(key: "E007", line: l, column: c, containing: "\(YAMLParser.maximumDepth)") }
            if let text = text(index) {
                budget.bytes -= text.utf8.count
                if budget.bytes < 0 { return .failure(key: "E003.aliasBytes", line: l, column: c, containing: "") }
            }
            for child in children(index) {
                if let over = overBudget(child, depth: depth + 1, budget: &budget) { return over }
            }
            return nil
        }

        func dump(_ index: Int32) -> String {
            let (l, c) = at(index)
            let n = node(index)
            switch n.type {
            case YAML_SCALAR_NODE:
                let style: YAMLNode.Style
                switch n.data.scalar.style {
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
                case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
                default: style = .plain
                }
                return "S\(style)@\(l):\(c)\(text(index)!.debugDescription)"
            case YAML_SEQUENCE_NODE:
                return "[@\(l):\(c)" + children(index).map(dump).joined(separator: ",") + "]"
            default:
                let list = children(index)
                return "{@\(l):\(c)" + stride(from: 0, to: list.count, by: 2).map { dump(list[$0]) + "=" + dump(list[$0 + 1]) }
                    .joined(separator: ",") + "}"
            }
        }
    }

    /// Why the composer's result differs from the loader's, or nil when they agree.
    static func mismatch(_ actual: Result<YAMLNode?, YAMLParser.Failure>, _ expected: Outcome) -> String? {
        func matches(_ d: Diagnostic, _ key: String, _ line: Int?, _ column: Int?, _ containing: String) -> Bool {
            d.text.key == key && (line == nil || d.location.line == line) && (column == nil || d.location.column == column)
                && (containing.isEmpty || d.message(in: .en).contains(containing))
        }
        func describe(_ d: Diagnostic) -> String { "\(d.text.key)@\(d.location.line):\(d.location.column) \(d.message(in: .en))" }
        switch (actual, expected) {
        case let (.success(node), .value(dump)):
            let mine = node.map(FastPathOracleTests.dump)
            return mine == dump ? nil : "composer: \(mine ?? "nothing")\nloader:   \(dump ?? "nothing")"
        case let (.failure(f), .failure(key, line, column, containing)):
            return matches(f.diagnostic, key, line, column, containing) ? nil
                : "composer: \(describe(f.diagnostic)); loader: \(key)@\(line ?? 0):\(column ?? 0) …\(containing)…"
        case let (.failure(f), .syntaxOrEarlierRepeat(key, line, column, containing)):
            if matches(f.diagnostic, key, line, column, containing) { return nil }
            // A repeated key the composer met before libyaml's error.
            if f.diagnostic.text.key == "E103.repeated", let line, let column,
               (f.diagnostic.location.line, f.diagnostic.location.column) < (line, column) { return nil }
            return "composer: \(describe(f.diagnostic)); loader failed: \(key)@\(line ?? 0):\(column ?? 0) \(containing)"
        case let (.failure(f), .anotherDocument(line, column, orFailure)):
            if matches(f.diagnostic, "E004", line, column, "but found another document") { return nil }
            if let e = orFailure, matches(f.diagnostic, e.key, e.line, e.column, e.containing) { return nil }
            return "composer: \(describe(f.diagnostic)); loader: another document at \(line ?? 0):\(column ?? 0) or \(String(describing: orFailure))"
        case let (.success(node), _):
            return "composer: \(node.map(FastPathOracleTests.dump) ?? "nothing"); loader: \(expected)"
        case let (.failure(f), .value(dump)):
            return "composer: \(describe(f.diagnostic)); loader: \(dump ?? "nothing")"
        }
    }
}
