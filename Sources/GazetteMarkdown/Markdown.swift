import CMark

/// CommonMark through libcmark, always in safe mode: raw HTML is never passed through and
/// `javascript:`-style URLs are dropped.
public enum Markdown {
    /// A link or image in a Markdown text, with where it starts (line and column from 1, in the text).
    public struct Link: Hashable, Sendable {
        public var url: String
        public var line: Int
        public var column: Int
        public var isImage: Bool
    }

    /// Every link and image destination in `text`, in document order.
    public static func links(in text: String) -> [Link] {
        guard let document = parse(text) else { return [] }
        defer { cmark_node_free(document) }
        var links: [Link] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
            links.append(Link(url: String(cString: url), line: Int(cmark_node_get_start_line(node)),
                              column: Int(cmark_node_get_start_column(node)), isImage: type == CMARK_NODE_IMAGE))
        }
        return links
    }

    static func parse(_ text: String) -> OpaquePointer? {
        text.withCString { pointer in
            cmark_parse_document(pointer, text.utf8.count, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)
        }
    }
}
