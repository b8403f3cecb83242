import GazetteModel

/// Renders parsed templates with a value: names are looked up from the innermost section outwards, as the
/// Mustache spec says; sections repeat over lists, show once for other true values, and are skipped for
/// absent values, `false` and empty lists.
struct MustacheRenderer: Sendable {
    typealias Node = MustacheTemplate.Node
    let templates: [String: MustacheTemplate]

    /// Deeper nesting of partials and parents than this is a template that includes itself without end
    /// (`TemplateSet` refuses templates that can reach themselves; this guards the renderer on its own).
    static let maximumDepth = 64

    /// Each template's program (`MustacheProgram`): the templates that need no tree walk.
    let programs: [String: MustacheProgram]

    init(templates: [String: MustacheTemplate]) {
        self.templates = templates
        var programs: [String: MustacheProgram] = [:]
        for name in templates.keys { programs[name] = MustacheProgram(name, templates: templates) }
        self.programs = programs
    }

    /// The output in UTF-8: by the template's program, else (a template with indented partials) by the tree.
    func renderBytes(_ name: String, _ value: TemplateValue) -> [UInt8] {
        if let program = programs[name] { return program.render(value) }
        return Array(render(name, value).utf8)
    }

    /// The template rendered by walking its tree: for text, templates with indented partials, and the programs'
    /// oracle.
    func render(_ name: String, _ value: TemplateValue) -> String {
        guard let template = templates[name] else { return "" }
        var out = Output()
        out.text.reserveCapacity(32 * 1024)
        var stack: [TemplateValue] = [value]
        render(template.nodes, &stack, &out, blocks: [:], indentation: "", depth: 0)
        return out.text
    }

    /// The text made so far, and whether it ends at the start of a line (for indenting partials).
    struct Output {
        var text = ""
        var atLineStart = true
    }

    /// `indentation` is the whitespace before the standalone partial tags this output is inside of: it
    /// starts every line of the partial's own text, as the spec says ("prepended to each line of the partial
    /// before rendering"), but not the lines of a value the partial prints.
    private func render(_ nodes: [Node], _ stack: inout [TemplateValue], _ out: inout Output, blocks: [String: [Node]],
                        indentation: String, depth: Int) {
        for node in nodes {
            switch node {
            case let .text(text):
                if indentation.isEmpty { out.text += text } else { Self.append(text, indentedBy: indentation, to: &out) }
            case let .variable(name, escaped):
                let text: String
                switch Self.lookup(name, stack) {
                case let .text(value)?: text = value
                case let .bool(flag)?: text = flag ? "true" : "false"
                default: continue
                }
                if !indentation.isEmpty && out.atLineStart && !text.isEmpty { out.text += indentation }
                out.atLineStart = false
                if escaped { Escape.html(text, into: &out.text) } else { out.text += text }
            case let .section(name, children, inverted):
                let value = Self.lookup(name, stack)
                if inverted {
                    if !(value?.isTruthy ?? false) {
                        render(children, &stack, &out, blocks: blocks, indentation: indentation, depth: depth)
                    }
                    continue
                }
                guard let value, value.isTruthy else { continue }
                switch value {
                case .bool:
                    render(children, &stack, &out, blocks: blocks, indentation: indentation, depth: depth)
                case let .list(items):
                    for item in items {
                        stack.append(item)
                        render(children, &stack, &out, blocks: blocks, indentation: indentation, depth: depth)
                        stack.removeLast()
                    }
                case .text, .map:
                    stack.append(value)
                    render(children, &stack, &out, blocks: blocks, indentation: indentation, depth: depth)
                    stack.removeLast()
                }
            case let .partial(name, tagIndentation):
                guard let template = templates[name], depth < Self.maximumDepth else { continue }
                // A standalone partial tag starts its line (the parser took the whitespace before it).
                if !tagIndentation.isEmpty { out.atLineStart = true }
                render(template.nodes, &stack, &out, blocks: blocks, indentation: indentation + tagIndentation, depth: depth + 1)
            case let .block(name, defaults, blockIndentation):
                guard let override = blocks[name] else {
                    render(defaults, &stack, &out, blocks: blocks, indentation: indentation, depth: depth)
                    continue
                }
                switch blockIndentation {
                case .none:
                    render(override, &stack, &out, blocks: blocks, indentation: indentation, depth: depth)
                case let .lines(own):
                    out.atLineStart = true
                    render(override, &stack, &out, blocks: blocks, indentation: indentation + own, depth: depth)
                case let .following(own):
                    // The tag stands after whitespace already written: the first line goes on from there.
                    out.atLineStart = false
                    render(override, &stack, &out, blocks: blocks, indentation: indentation + own, depth: depth)
                }
            case let .parent(name, overrides, parentIndentation):
                guard let template = templates[name], depth < Self.maximumDepth else { continue }
                if !parentIndentation.isEmpty { out.atLineStart = true }
                // The most derived template wins: blocks given from outside override this template's own.
                render(template.nodes, &stack, &out, blocks: blocks.isEmpty ? overrides : overrides.merging(blocks) { _, outer in outer },
                       indentation: indentation + parentIndentation, depth: depth + 1)
            }
        }
    }

    /// The value of a name: its first part from the innermost value that has it, the rest inside that.
    @inline(__always)
    static func lookup(_ name: MustacheTemplate.Name, _ stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        var index = stack.count - 1
        while index >= 0 {
            if let child = stack[index].child(first) {
                found = child
                break
            }
            index -= 1
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard let child = value.child(part) else { return nil }
            value = child
        }
        return value
    }

    /// Template text inside an indented partial: the indentation before the first character of each line.
    private static func append(_ text: String, indentedBy indentation: String, to out: inout Output) {
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            // "\r\n" is one Character.
            let lineEnd = text[lineStart...].firstIndex { $0 == "\n" || $0 == "\r\n" }.map { text.index(after: $0) } ?? text.endIndex
            if out.atLineStart { out.text += indentation }
            out.text += text[lineStart..<lineEnd]
            out.atLineStart = text[text.index(before: lineEnd)].isNewline
            lineStart = lineEnd
        }
    }
}
