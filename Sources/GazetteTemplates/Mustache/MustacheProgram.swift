import GazetteModel

/// A template with its partials, parents and blocks put in place once, as a flat list of instructions that
/// writes UTF-8 bytes: what a page is rendered with (`TemplateSet.renderBytes`) instead of walking the tree
/// (`MustacheRenderer.render`) and converting its text to bytes.
///
/// Which partial, parent or block a tag stands for depends only on the templates, never on the values, so the
/// tree walk's choices can be made once, when the templates are loaded; what is left per page is text, values
/// and sections. Sections keep their children as a range of the list (`end`: the index after the last one).
/// The instructions hold only numbers — the template text is one byte array, the names a list — so running
/// them retains and releases nothing but the values (that, with the hashing of names, was most of the tree
/// walk's time: retain/release of the nodes' text and names was a third of it).
/// Only templates whose partial, parent and block tags add no indentation are made into a program (all of
/// gazette's: indentation makes the output depend on where each line starts); the others, and templates that
/// would put in more than `maximumOperations` (a partial that includes itself), keep the tree walk.
/// The tree walk is the oracle: `MustacheProgramOracleTests` (random templates and values) and the Mustache
/// specification's cases, which run through both.
struct MustacheProgram: Sendable {
    enum Operation: Sendable {
        /// `count` bytes of `text` from `start`.
        case text(start: Int, count: Int)
        /// The name is `names[name]`.
        case variable(name: Int, escaped: Bool)
        /// A section's children are the operations up to `end`.
        case section(name: Int, end: Int)
        case inverted(name: Int, end: Int)
    }

    let operations: [Operation]
    /// The template text of every `text` operation, in UTF-8.
    let text: [UInt8]
    let names: [MustacheTemplate.Name]

    /// More nodes put in place than this: the template stays a tree (the copies would cost more memory and time
    /// than they save; a partial that includes itself reaches it).
    static let maximumOperations = 100_000

    /// The program of `name`, or nil when the template is missing or must stay a tree.
    init?(_ name: String, templates: [String: MustacheTemplate]) {
        guard let template = templates[name] else { return nil }
        var compiler = Compiler(templates: templates)
        guard compiler.add(template.nodes, blocks: [:], depth: 0) else { return nil }
        operations = compiler.operations
        text = compiler.text
        names = compiler.names
    }

    /// The tree renderer's steps, with output replaced by operations. Returns false when the template must
    /// stay a tree.
    private struct Compiler {
        let templates: [String: MustacheTemplate]
        var operations: [Operation] = []
        var text: [UInt8] = []
        var names: [MustacheTemplate.Name] = []
        /// Whether the last operation is text that the next text may join (not across a section's bounds).
        var textOpen = false
        /// Nodes put in so far (text joins, so the operations alone would not bound the work).
        var added = 0

        mutating func name(_ name: MustacheTemplate.Name) -> Int {
            names.append(name)
            return names.count - 1
        }

        mutating func add(_ nodes: [MustacheTemplate.Node], blocks: [String: [MustacheTemplate.Node]], depth: Int) -> Bool {
            for node in nodes {
                added += 1
                guard added <= MustacheProgram.maximumOperations else { return false }
                switch node {
                case let .text(piece):
                    if piece.isEmpty { continue }
                    // Consecutive text is one append.
                    if textOpen, case let .text(start, count)? = operations.last {
                        operations[operations.count - 1] = .text(start: start, count: count + piece.utf8.count)
                    } else {
                        operations.append(.text(start: text.count, count: piece.utf8.count))
                    }
                    text.append(contentsOf: piece.utf8)
                    textOpen = true
                case let .variable(variable, escaped):
                    operations.append(.variable(name: name(variable), escaped: escaped))
                    textOpen = false
                case let .section(section, children, inverted):
                    let start = operations.count
                    let index = name(section)
                    operations.append(.section(name: index, end: -1))
                    textOpen = false
                    guard add(children, blocks: blocks, depth: depth) else { return false }
                    operations[start] = inverted ? .inverted(name: index, end: operations.count) : .section(name: index, end: operations.count)
                    textOpen = false
                case let .partial(partial, indentation):
                    guard let template = templates[partial], depth < MustacheRenderer.maximumDepth else { continue }
                    guard indentation.isEmpty, add(template.nodes, blocks: blocks, depth: depth + 1) else { return false }
                case let .block(block, defaults, indentation):
                    guard let override = blocks[block] else {
                        guard add(defaults, blocks: blocks, depth: depth) else { return false }
                        continue
                    }
                    // Where a line starts matters only to indentation, which a program has none of.
                    switch indentation {
                    case .none, .lines(""), .following(""): break
                    case .lines, .following: return false
                    }
                    guard add(override, blocks: blocks, depth: depth) else { return false }
                case let .parent(parent, overrides, indentation):
                    guard let template = templates[parent], depth < MustacheRenderer.maximumDepth else { continue }
                    guard indentation.isEmpty else { return false }
                    let inner = blocks.isEmpty ? overrides : overrides.merging(blocks) { _, outer in outer }
                    guard add(template.nodes, blocks: inner, depth: depth + 1) else { return false }
                }
            }
            return true
        }
    }

    /// The program's output for `value`, in UTF-8.
    func render(_ value: TemplateValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 * 1024)
        var stack: [TemplateValue] = [value]
        operations.withUnsafeBufferPointer { operations in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    Self.run(Code(operations: operations, text: text, names: names), from: 0, to: operations.count, &stack, &out)
                }
            }
        }
        return out
    }

    private struct Code {
        let operations: UnsafeBufferPointer<Operation>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<MustacheTemplate.Name>
    }

    private static func run(_ code: Code, from start: Int, to end: Int, _ stack: inout [TemplateValue], _ out: inout [UInt8]) {
        var index = start
        while index < end {
            switch code.operations[index] {
            case let .text(textStart, count):
                out.append(contentsOf: UnsafeBufferPointer(rebasing: code.text[textStart..<textStart + count]))
                index += 1
            case let .variable(name, escaped):
                index += 1
                switch MustacheRenderer.lookup(code.names[name], stack) {
                case let .text(value)?:
                    if escaped { escapeHTML(value, into: &out) } else { append(value, to: &out) }
                case let .bool(flag)?:
                    append(flag ? "true" : "false", to: &out)
                default:
                    continue
                }
            case let .section(name, sectionEnd):
                if let value = MustacheRenderer.lookup(code.names[name], stack), value.isTruthy {
                    switch value {
                    case .bool:
                        run(code, from: index + 1, to: sectionEnd, &stack, &out)
                    case let .list(items):
                        for item in items {
                            stack.append(item)
                            run(code, from: index + 1, to: sectionEnd, &stack, &out)
                            stack.removeLast()
                        }
                    case .text, .map:
                        stack.append(value)
                        run(code, from: index + 1, to: sectionEnd, &stack, &out)
                        stack.removeLast()
                    }
                }
                index = sectionEnd
            case let .inverted(name, sectionEnd):
                if !(MustacheRenderer.lookup(code.names[name], stack)?.isTruthy ?? false) {
                    run(code, from: index + 1, to: sectionEnd, &stack, &out)
                }
                index = sectionEnd
            }
        }
    }

    @inline(__always)
    private static func append(_ value: String, to out: inout [UInt8]) {
        if value.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: value.utf8)
        }
    }

    /// `Escape.html` over bytes: `&`, `<`, `>`, `"` and `'` (all ASCII, so no other character's bytes can
    /// hold them) replaced; runs of other bytes appended whole.
    static func escapeHTML(_ value: String, into out: inout [UInt8]) {
        func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
            var chunk = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if chunk < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunk..<index])) }
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                chunk = index + 1
            }
            if chunk < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunk...])) }
        }
        if value.utf8.withContiguousStorageIfAvailable({ escape($0, &out) }) == nil {
            let bytes = Array(value.utf8)
            bytes.withUnsafeBufferPointer { escape($0, &out) }
        }
    }
}
