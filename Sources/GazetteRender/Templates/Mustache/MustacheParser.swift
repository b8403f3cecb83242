/// Turns template text into nodes, following the Mustache spec's whitespace rule: a section, inverted
/// section, closing, comment, partial, delimiter, block or parent tag alone on its line (but for spaces and
/// tabs) takes the whole line with it, so templates can be laid out one tag a line without blank lines in
/// the output.
struct MustacheParser {
    typealias Node = MustacheTemplate.Node

    private let bytes: [UInt8]
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private var position = 0
    /// Where the current line starts, and whether a tag already stands on it (then no tag is standalone).
    private var lineStart = 0
    private var tagOnLine = false
    /// Text read since the last tag.
    private var pending: [UInt8] = []

    private enum FrameKind { case root, section(inverted: Bool), block, parent }
    private struct Frame {
        var kind: FrameKind
        var name: String
        var nodes: [Node] = []
        var overrides: [String: [Node]] = [:]
        var line: Int
        var column: Int
    }
    private var frames: [Frame] = [Frame(kind: .root, name: "", line: 1, column: 1)]

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func parse() throws(MustacheSyntaxError) -> [Node] {
        while position < bytes.count {
            guard let tagStart = find(open, from: position) else {
                takeText(upTo: bytes.count)
                break
            }
            takeText(upTo: tagStart)
            try readTag(at: tagStart)
        }
        flushText()
        if frames.count > 1, let unclosed = frames.last {
            throw MustacheSyntaxError(reason: .sectionNotClosed(unclosed.name), line: unclosed.line, column: unclosed.column)
        }
        return frames[0].nodes
    }

    // MARK: Text

    private mutating func takeText(upTo end: Int) {
        var index = position
        while index < end {
            let byte = bytes[index]
            pending.append(byte)
            if byte == 0x0A {
                lineStart = index + 1
                tagOnLine = false
            }
            index += 1
        }
        position = end
    }

    private mutating func flushText() {
        guard !pending.isEmpty else { return }
        append(.text(String(decoding: pending, as: UTF8.self)))
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ node: Node) {
        frames[frames.count - 1].nodes.append(node)
    }

    // MARK: Tags

    private mutating func readTag(at tagStart: Int) throws(MustacheSyntaxError) {
        let contentStart = tagStart + open.count
        let sigil: UInt8? = contentStart < bytes.count ? bytes[contentStart] : nil
        let closing: [UInt8]
        switch sigil {
        case UInt8(ascii: "{"): closing = [UInt8(ascii: "}")] + close
        case UInt8(ascii: "="): closing = [UInt8(ascii: "=")] + close
        default: closing = close
        }
        let hasSigil = sigil.map { Array("#^/><$!=&{".utf8).contains($0) } ?? false
        guard let closeStart = find(closing, from: contentStart + (hasSigil ? 1 : 0)) else {
            throw error(.tagNotClosed, at: tagStart)
        }
        let tagEnd = closeStart + closing.count
        let inner = trimmed(String(decoding: bytes[(contentStart + (hasSigil ? 1 : 0))..<closeStart], as: UTF8.self))
        // A name holds no braces or line breaks: when it seems to, this tag was not closed where it should be
        // (`{{name}` followed, further on, by another tag's `}}`).
        if sigil != UInt8(ascii: "!") && sigil != UInt8(ascii: "=") && inner.contains(where: { $0 == "{" || $0 == "}" || $0.isNewline }) {
            throw error(.tagNotClosed, at: tagStart)
        }

        // A standalone tag takes its whole line: the spaces before it, and the spaces and line break after.
        var indentation = ""
        var standalone = false
        let canStandAlone = hasSigil && sigil != UInt8(ascii: "&") && sigil != UInt8(ascii: "{")
        if canStandAlone && !tagOnLine && bytes[lineStart..<tagStart].allSatisfy(isSpace) {
            var after = tagEnd
            while after < bytes.count, isSpace(bytes[after]) { after += 1 }
            if after == bytes.count || bytes[after] == 0x0A {
                standalone = true
                indentation = String(decoding: bytes[lineStart..<tagStart], as: UTF8.self)
                pending.removeLast(tagStart - lineStart)
                position = min(after + 1, bytes.count)
            } else if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A {
                standalone = true
                indentation = String(decoding: bytes[lineStart..<tagStart], as: UTF8.self)
                pending.removeLast(tagStart - lineStart)
                position = after + 2
            }
        }
        if standalone {
            lineStart = position
            tagOnLine = false
        } else {
            position = tagEnd
            if let lastBreak = bytes[tagStart..<tagEnd].lastIndex(of: 0x0A) { lineStart = lastBreak + 1 }
            tagOnLine = true
        }
        flushText()

        let (line, column) = location(of: tagStart)
        if sigil != UInt8(ascii: "!") && sigil != UInt8(ascii: "=") && inner.isEmpty {
            throw MustacheSyntaxError(reason: .emptyName, line: line, column: column)
        }
        switch sigil {
        case UInt8(ascii: "#"): frames.append(Frame(kind: .section(inverted: false), name: inner, line: line, column: column))
        case UInt8(ascii: "^"): frames.append(Frame(kind: .section(inverted: true), name: inner, line: line, column: column))
        case UInt8(ascii: "$"): frames.append(Frame(kind: .block, name: inner, line: line, column: column))
        case UInt8(ascii: "<"): frames.append(Frame(kind: .parent, name: inner, line: line, column: column))
        case UInt8(ascii: "/"): try closeFrame(named: inner, line: line, column: column)
        case UInt8(ascii: ">"): append(.partial(inner, indentation: indentation))
        case UInt8(ascii: "!"): break
        case UInt8(ascii: "="): try changeDelimiters(inner, at: tagStart)
        case UInt8(ascii: "&"), UInt8(ascii: "{"): append(.variable(MustacheTemplate.Name(inner), escaped: false))
        default: append(.variable(MustacheTemplate.Name(inner), escaped: true))
        }
    }

    private mutating func closeFrame(named name: String, line: Int, column: Int) throws(MustacheSyntaxError) {
        guard frames.count > 1 else {
            throw MustacheSyntaxError(reason: .closedWithoutOpening(name), line: line, column: column)
        }
        let frame = frames.removeLast()
        guard frame.name == name else {
            throw MustacheSyntaxError(reason: .sectionClosedWithOtherName(opened: frame.name, closed: name), line: line, column: column)
        }
        let node: Node
        switch frame.kind {
        case .root: return
        case let .section(inverted): node = .section(MustacheTemplate.Name(frame.name), frame.nodes, inverted: inverted)
        case .block:
            // Inside a parent tag a block is an override; elsewhere it is a block with its default content.
            if case .parent = frames[frames.count - 1].kind {
                frames[frames.count - 1].overrides[frame.name] = frame.nodes
                return
            }
            node = .block(frame.name, frame.nodes)
        case .parent: node = .parent(frame.name, overrides: frame.overrides)
        }
        // Inside a parent, only blocks count: anything else between its tags is ignored, as the spec says.
        if case .parent = frames[frames.count - 1].kind { return }
        append(node)
    }

    private mutating func changeDelimiters(_ inner: String, at tagStart: Int) throws(MustacheSyntaxError) {
        let parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
            throw error(.badDelimiters, at: tagStart)
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }

    // MARK: Helpers

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start <= bytes.count - needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Line and column (counted in characters) of a byte offset, both from 1.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var start = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            start = index + 1
        }
        let column = String(decoding: bytes[start..<offset], as: UTF8.self).count + 1
        return (line, column)
    }

    private func error(_ reason: MustacheSyntaxError.Reason, at offset: Int) -> MustacheSyntaxError {
        let (line, column) = location(of: offset)
        return MustacheSyntaxError(reason: reason, line: line, column: column)
    }
}
