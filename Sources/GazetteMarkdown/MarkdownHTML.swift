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
        var ids = UniqueIDs()
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
                let id = slug(plainText(of: node))
                headingIDs.append(ids.make(id.isEmpty ? "section" : id))
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        let length = strlen(rendered)
        return rendered.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            addHeadingIDs(UnsafeBufferPointer(start: bytes, count: length), ids: headingIDs)
        }
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
    /// One pass over cmark's own bytes, copying the runs between headings whole, straight into the String
    /// (the String-based `addHeadingIDs(_:ids:)` below is its oracle: a tenth of a notice page's time went
    /// into copying byte by byte).
    static func addHeadingIDs(_ html: UnsafeBufferPointer<UInt8>, ids: [String]) -> String {
        guard !ids.isEmpty else { return String(decoding: html, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + ids.count * 24)
        var index = 0, copied = 0, position = 0
        let count = html.count
        while index < ids.count, position + 3 < count {
            guard html[position] == UInt8(ascii: "<"), html[position + 1] == UInt8(ascii: "h"),
                  (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(html[position + 2]), html[position + 3] == UInt8(ascii: ">") else {
                position += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<position]))
            out.append(contentsOf: "<h".utf8)
            out.append(html[position + 2])
            out.append(contentsOf: " id=\"".utf8)
            out.append(contentsOf: ids[index].utf8)
            out.append(contentsOf: "\">".utf8)
            index += 1
            position += 4
            copied = position
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<count]))
        return String(decoding: out, as: UTF8.self)
    }

    /// The same over a String, byte by byte: the oracle of the fast path above.
    static func addHeadingIDs(_ html: String, ids: [String]) -> String {
        guard !ids.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ids.count * 16)
        var index = 0, position = 0
        while position < bytes.count {
            if index < ids.count, bytes[position] == UInt8(ascii: "<"), position + 3 < bytes.count,
               bytes[position + 1] == UInt8(ascii: "h"), (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(bytes[position + 2]),
               bytes[position + 3] == UInt8(ascii: ">") {
                out += Array("<h".utf8) + [bytes[position + 2]] + Array(" id=\"\(ids[index])\">".utf8)
                index += 1
                position += 4
                continue
            }
            out.append(bytes[position])
            position += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Ids unique within one text: the first heading `x` gets `x`, the next `x-2`, `x-3`… Each base id remembers
/// the next number to try, so n equal headings take n steps, not n²/2 (20,000 took 79 s before).
struct UniqueIDs {
    private var used: Set<String> = []
    private var next: [String: Int] = [:]
    /// Ids looked up so far, for a test that the work stays linear.
    private(set) var probes = 0

    mutating func make(_ id: String) -> String {
        var candidate = id
        var counter = next[id] ?? 2
        probes += 1
        while used.contains(candidate) {
            candidate = "\(id)-\(counter)"
            counter += 1
            probes += 1
        }
        next[id] = counter
        used.insert(candidate)
        return candidate
    }
}
