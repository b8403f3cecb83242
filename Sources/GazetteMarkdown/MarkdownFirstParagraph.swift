import CMark
import Foundation

extension Markdown {
    /// The HTML of the first paragraph `html(_:resolve:)` writes with `<p>` tags, links made `#`: the same
    /// bytes as the part of the whole document's HTML from its first `<p>` to the next `</p>`, without
    /// rendering the rest (a feed summary needs only this). Nil when the text has no such paragraph.
    ///
    /// cmark writes `<p>` for a paragraph unless it is an item of a tight list, and nowhere else (text is
    /// escaped, raw HTML dropped); a paragraph holds no block, so its own `</p>` is the next one.
    public static func firstParagraphHTML(_ text: String) -> String? {
        guard let document = parse(text) else { return nil }
        defer { cmark_node_free(document) }
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var paragraph: OpaquePointer?
        while paragraph == nil {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { continue }
            let grandparent = cmark_node_parent(node).flatMap(cmark_node_parent)
            let tight = grandparent.map { cmark_node_get_type($0) == CMARK_NODE_LIST && cmark_node_get_list_tight($0) != 0 } ?? false
            if !tight { paragraph = node }
        }
        guard let paragraph else { return nil }
        // As `html(_:resolve:)` with a resolver that gives `#` for every URL.
        let links = cmark_iter_new(paragraph)
        while true {
            let event = cmark_iter_next(links)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(links) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, cmark_node_get_url(node) != nil { cmark_node_set_url(node, "#") }
        }
        cmark_iter_free(links)
        guard let rendered = cmark_render_html(paragraph, CMARK_OPT_DEFAULT) else { return nil }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
