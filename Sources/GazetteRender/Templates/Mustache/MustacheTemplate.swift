/// A parsed Mustache template: the tree the renderer walks. Gazette's own implementation of the Mustache
/// spec's core (variables, sections, inverted sections, comments, partials, delimiter changes) and its
/// inheritance extension (`{{<parent}}` and `{{$block}}`), written for speed: names are split once when
/// parsed, and rendering reads typed values without reflection.
struct MustacheTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (as it is).
        case variable(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool)
        /// `{{>name}}`; a standalone partial indents every line of its output like the tag.
        case partial(String, indentation: String)
        /// `{{$name}}default{{/name}}`: replaced by the override of an inheriting template, if any.
        case block(String, [Node])
        /// `{{<name}}{{$block}}…{{/block}}{{/name}}`: renders the named template with these blocks.
        case parent(String, overrides: [String: [Node]])
    }

    /// A dotted name split into its parts; no parts for `.`, the current value.
    struct Name: Sendable {
        let parts: [String]
        init(_ text: String) { parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
    }

    let nodes: [Node]

    init(_ text: String) throws(MustacheSyntaxError) {
        var parser = MustacheParser(text)
        nodes = try parser.parse()
    }

    /// Every partial and parent name the template uses, with the position of its tag.
    var references: [String] {
        var names: [String] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case let .section(_, children, _), let .block(_, children): walk(children)
                case let .partial(name, _): names.append(name)
                case let .parent(name, overrides):
                    names.append(name)
                    for key in overrides.keys.sorted() { walk(overrides[key]!) }
                }
            }
        }
        walk(nodes)
        return names
    }
}

/// Where and why a template does not parse.
struct MustacheSyntaxError: Error, Sendable {
    enum Reason: Sendable {
        case sectionClosedWithOtherName(opened: String, closed: String)
        case closedWithoutOpening(String)
        case sectionNotClosed(String)
        case tagNotClosed
        case badDelimiters
        case emptyName
    }
    let reason: Reason
    let line: Int
    let column: Int
}
