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
        /// The opening tag took its line: its content starts on the next line.
        var standalone = false
        /// The whitespace before the opening tag, when nothing else is before it on its line.
        var indentation: String? = nil
    }
    private var frames: [Frame] = [Frame(kind: .root, name: "", line: 1, column: 1)]
    /// Every name a variable or section tag looks up, with where its tag starts.
    private(set) var names: [MustacheTemplate.NameUse] = []

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
        let lineLeading = !tagOnLine && bytes[lineStart..<tagStart].allSatisfy(isSpace)
        let leadingSpace = lineLeading ? String(decoding: bytes[lineStart..<tagStart], as: UTF8.self) : nil
        let canStandAlone = hasSigil && sigil != UInt8(ascii: "&") && sigil != UInt8(ascii: "{")
        if let sigil, "$</".utf8.contains(sigil), let last = inheritanceLine(tagEnd: tagEnd) {
            // A line of parent and block tags only (`{{<layout}}{{$content}}`, `{{<parent}}{{/parent}}`) is
            // standalone as a whole, as the inheritance spec says: its first tag takes the whitespace before it,
            // its last the line break after it.
            if lineLeading {
                indentation = leadingSpace!
                pending.removeLast(tagStart - lineStart)
            }
            if let last {
                standalone = true
                position = last
            } else {
                position = tagEnd
                tagOnLine = true
            }
        } else if canStandAlone && lineLeading {
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
        } else if tagOnLine && position == tagEnd {
            // A tag of an inheritance line that is not its last.
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
        case UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"): break
        default: names.append(MustacheTemplate.NameUse(name: inner, line: line, column: column))
        }
        switch sigil {
        case UInt8(ascii: "#"): frames.append(Frame(kind: .section(inverted: false), name: inner, line: line, column: column))
        case UInt8(ascii: "^"): frames.append(Frame(kind: .section(inverted: true), name: inner, line: line, column: column))
        case UInt8(ascii: "$"):
            frames.append(Frame(kind: .block, name: inner, line: line, column: column, standalone: standalone,
                                indentation: standalone ? indentation : leadingSpace))
        case UInt8(ascii: "<"):
            frames.append(Frame(kind: .parent, name: inner, line: line, column: column, indentation: indentation))
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
            // The indentation of a block's content: lines are re-indented where the block is expanded.
            let intrinsic = frame.standalone ? Self.leadingSpace(of: frame.nodes) : ""
            // Inside a parent tag a block is an override, its own indentation taken off; elsewhere it is a
            // block with its default content.
            if case .parent = frames[frames.count - 1].kind {
                frames[frames.count - 1].overrides[frame.name] = intrinsic.isEmpty ? frame.nodes : Self.dedent(frame.nodes, by: intrinsic)
                return
            }
            let indentation: MustacheTemplate.BlockIndentation
            if frame.standalone {
                indentation = .lines(intrinsic.isEmpty ? frame.indentation ?? "" : intrinsic)
            } else if let leading = frame.indentation, !leading.isEmpty {
                indentation = .following(leading)
            } else {
                indentation = .none
            }
            node = .block(frame.name, frame.nodes, indentation: indentation)
        case .parent: node = .parent(frame.name, overrides: frame.overrides, indentation: frame.indentation ?? "")
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

    // MARK: Inheritance whitespace

    /// When the tag ending at `tagEnd` stands on a line that holds only parent and block tags and whitespace,
    /// at least two tags and one of them a parent's: `.some(where the line's break ends)` if it is the line's
    /// last tag, `.some(nil)` if more follow. Nil when the line is not such a line.
    private func inheritanceLine(tagEnd: Int) -> Int?? {
        var index = lineStart
        var tags = 0, parents = 0
        var last: Int? = nil
        let openParents = Set(frames.filter { if case .parent = $0.kind { return true } else { return false } }.map(\.name))
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            if index == bytes.count || bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
                if index == bytes.count { last = index } else { last = index + (bytes[index] == 0x0D ? 2 : 1) }
                break
            }
            guard bytes[index...].starts(with: open), index + open.count < bytes.count else { return nil }
            let sigil = bytes[index + open.count]
            guard "$</".utf8.contains(sigil), let close = find(close, from: index + open.count + 1) else { return nil }
            let name = trimmed(String(decoding: bytes[(index + open.count + 1)..<close], as: UTF8.self))
            if sigil == UInt8(ascii: "<") || (sigil == UInt8(ascii: "/") && openParents.contains(name)) { parents += 1 }
            tags += 1
            index = close + self.close.count
        }
        guard tags >= 2, parents >= 1 else { return nil }
        // Whether a tag follows this one on the line.
        var after = tagEnd
        while after < bytes.count, isSpace(bytes[after]) { after += 1 }
        let isLast = after == bytes.count || bytes[after] == 0x0A || bytes[after] == 0x0D
        return .some(isLast ? last : nil)
    }

    /// The spaces and tabs that start the first line of these nodes.
    private static func leadingSpace(of nodes: [Node]) -> String {
        guard case let .text(text)? = nodes.first else { return "" }
        return String(text.prefix { $0 == " " || $0 == "\t" })
    }

    /// Takes `prefix` off the start of every line of the nodes' text, and off the indentation of the blocks and
    /// partials inside: a block's content as if written at the left margin.
    static func dedent(_ nodes: [Node], by prefix: String) -> [Node] {
        var atLineStart = true
        func strip(_ indentation: String) -> String { indentation.hasPrefix(prefix) ? String(indentation.dropFirst(prefix.count)) : indentation }
        func walk(_ nodes: [Node]) -> [Node] {
            nodes.map { node in
                switch node {
                case let .text(text):
                    var out = ""
                    var rest = text[...]
                    while !rest.isEmpty {
                        if atLineStart && rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
                        let end = rest.firstIndex { $0 == "\n" || $0 == "\r\n" }.map { rest.index(after: $0) } ?? rest.endIndex
                        out += rest[..<end]
                        atLineStart = end != rest.endIndex || (rest.last?.isNewline ?? false)
                        rest = rest[end...]
                    }
                    return .text(out)
                case .variable:
                    atLineStart = false
                    return node
                case let .section(name, children, inverted):
                    return .section(name, walk(children), inverted: inverted)
                case let .partial(name, indentation):
                    return .partial(name, indentation: strip(indentation))
                case let .block(name, children, indentation):
                    let inner = walk(children)
                    switch indentation {
                    case let .lines(own): return .block(name, inner, indentation: .lines(strip(own)))
                    case let .following(own): return .block(name, inner, indentation: .following(strip(own)))
                    case .none: return .block(name, inner, indentation: .none)
                    }
                case let .parent(name, overrides, indentation):
                    return .parent(name, overrides: overrides, indentation: strip(indentation))
                }
            }
        }
        return walk(nodes)
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
