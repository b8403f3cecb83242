/// Renders parsed templates with a value: names are looked up from the innermost section outwards, as the
/// Mustache spec says; sections repeat over lists, show once for other true values, and are skipped for
/// absent values, `false` and empty lists.
struct MustacheRenderer: Sendable {
    typealias Node = MustacheTemplate.Node
    let templates: [String: MustacheTemplate]

    func render(_ name: String, _ value: TemplateValue) -> String {
        guard let template = templates[name] else { return "" }
        var out = ""
        out.reserveCapacity(32 * 1024)
        var stack: [TemplateValue] = [value]
        render(template.nodes, &stack, &out, blocks: [:])
        return out
    }

    private func render(_ nodes: [Node], _ stack: inout [TemplateValue], _ out: inout String, blocks: [String: [Node]]) {
        for node in nodes {
            switch node {
            case let .text(text):
                out += text
            case let .variable(name, escaped):
                switch lookup(name, stack) {
                case let .text(text)?:
                    if escaped { Escape.html(text, into: &out) } else { out += text }
                case let .bool(flag)?:
                    out += flag ? "true" : "false"
                default:
                    break
                }
            case let .section(name, children, inverted):
                let value = lookup(name, stack)
                if inverted {
                    if !(value?.isTruthy ?? false) { render(children, &stack, &out, blocks: blocks) }
                    continue
                }
                guard let value, value.isTruthy else { continue }
                switch value {
                case .bool:
                    render(children, &stack, &out, blocks: blocks)
                case let .list(items):
                    for item in items {
                        stack.append(item)
                        render(children, &stack, &out, blocks: blocks)
                        stack.removeLast()
                    }
                case .text, .map:
                    stack.append(value)
                    render(children, &stack, &out, blocks: blocks)
                    stack.removeLast()
                }
            case let .partial(name, indentation):
                guard let template = templates[name] else { continue }
                if indentation.isEmpty {
                    render(template.nodes, &stack, &out, blocks: blocks)
                } else {
                    var inner = ""
                    render(template.nodes, &stack, &inner, blocks: blocks)
                    Self.indent(inner, by: indentation, into: &out)
                }
            case let .block(name, defaults):
                render(blocks[name] ?? defaults, &stack, &out, blocks: blocks)
            case let .parent(name, overrides):
                guard let template = templates[name] else { continue }
                // The most derived template wins: blocks given from outside override this template's own.
                render(template.nodes, &stack, &out, blocks: overrides.merging(blocks) { _, outer in outer })
            }
        }
    }

    /// The value of a name: its first part from the innermost value that has it, the rest inside that.
    @inline(__always)
    private func lookup(_ name: MustacheTemplate.Name, _ stack: [TemplateValue]) -> TemplateValue? {
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

    /// Every line of a standalone partial starts with the tag's indentation.
    private static func indent(_ text: String, by indentation: String, into out: inout String) {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset > 0 { out += "\n" }
            if !line.isEmpty { out += indentation }
            out += line
        }
    }
}
