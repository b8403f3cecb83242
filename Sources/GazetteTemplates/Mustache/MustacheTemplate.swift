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
        /// `{{$name}}default{{/name}}`: replaced by the override of an inheriting template, if any, whose lines
        /// are indented as the block's are.
        case block(String, [Node], indentation: BlockIndentation)
        /// `{{<name}}{{$block}}…{{/block}}{{/name}}`: renders the named template with these blocks; a standalone
        /// parent tag indents every line like a standalone partial.
        case parent(String, overrides: [String: [Node]], indentation: String)
    }

    /// How an override is indented where a block is expanded.
    enum BlockIndentation: Sendable {
        case none
        /// The block's opening tag took its line: every line of the override starts with this.
        case lines(String)
        /// The block stands after whitespace on its line: the lines after the first start with it.
        case following(String)
    }

    /// A dotted name split into its parts; no parts for `.`, the current value.
    struct Name: Sendable {
        let parts: [String]
        init(_ text: String) { parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A name a tag looks up, and where the tag is (line and column from 1).
    struct NameUse: Sendable {
        let name: String
        let line: Int
        let column: Int
    }

    let nodes: [Node]
    /// Every name the template's variable and section tags look up, in order.
    let names: [NameUse]

    init(_ text: String) throws(MustacheSyntaxError) {
        var parser = MustacheParser(text)
        nodes = try parser.parse()
        names = parser.names
    }

    /// Every partial and parent name the template uses, with the position of its tag.
    var references: [String] {
        var names: [String] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case let .section(_, children, _), let .block(_, children, _): walk(children)
                case let .partial(name, _): names.append(name)
                case let .parent(name, overrides, _):
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
