import CMark
import Foundation

extension Markdown {
    /// HTML for a Markdown text, through cmark in safe mode (raw HTML is dropped, `javascript:` and similar
    /// URLs are emptied). `resolve` turns a record link (`project:ID`) into a URL; headings start at `h2`
    /// (the page has its own `h1`) and get ids made from their text, unique within the text.
    public static func html(_ text: String, resolve: (String) -> String?) -> String {
        guard let document = parse(text) else { return "" }
        defer { cmark_node_free(document) }
        var headingIDs: [String] = []
        var used: Set<String> = []
        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let url = cmark_node_get_url(node), let resolved = resolve(String(cString: url)) {
                    cmark_node_set_url(node, resolved)
                }
            case CMARK_NODE_HEADING:
                if cmark_node_get_heading_level(node) < 2 { cmark_node_set_heading_level(node, 2) }
                var id = slug(plainText(of: node))
                if id.isEmpty { id = "section" }
                var candidate = id, counter = 2
                while used.contains(candidate) {
                    candidate = "\(id)-\(counter)"
                    counter += 1
                }
                used.insert(candidate)
                headingIDs.append(candidate)
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        return addHeadingIDs(String(cString: rendered), ids: headingIDs)
    }

    /// The text of a node's inline children, for heading ids.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            }
        }
        return text
    }

    /// An id from heading text: letters and digits of any script, other runs turned into `-`.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(character)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// cmark writes headings as bare `<h2>`…; with raw HTML dropped, every such tag is a heading, in order.
    static func addHeadingIDs(_ html: String, ids: [String]) -> String {
        guard !ids.isEmpty else { return html }
        var out = ""
        var rest = Substring(html)
        var index = 0
        while index < ids.count, let range = rest.range(of: "<h", options: []) {
            let after = rest[range.upperBound...]
            guard let level = after.first, ("2"..."6").contains(level), after.dropFirst().first == ">" else {
                out += rest[..<range.upperBound]
                rest = after
                continue
            }
            out += rest[..<range.lowerBound]
            out += "<h\(level) id=\"\(ids[index])\">"
            index += 1
            rest = after.dropFirst(2)
        }
        return out + rest
    }
}
