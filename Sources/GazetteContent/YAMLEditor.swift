import GazetteModel

/// A new value for one field of a record file.
public enum YAMLValue: Sendable, Equatable {
    case scalar(String)
    /// Text always written in quotes (a region code, `"630102"`, as the content format writes it).
    case quoted(String)
    case list([String])
    /// Markdown, written as a `|` block.
    case markdown(String)
    /// A mapping of scalars, written `{2015: pass, 2016: pass}` (an organization's annual inspections).
    case mapping([YAMLPair])
    /// A list of mappings of scalars, written one `- {title: …, file: "…"}` per line (documents, violations).
    case mappings([[YAMLPair]])

    /// The value as the reader sees it, to compare with what the file holds. A mapping is compared by its
    /// pairs whatever their order (`key: value`, sorted by key), an item of a list of mappings as one text.
    public var texts: [String] {
        switch self {
        case let .scalar(text), let .quoted(text): return [text]
        case let .list(items): return items
        case let .markdown(text): return [text.hasSuffix("\n") ? text : text + "\n"]
        case let .mapping(pairs): return YAMLPair.texts(pairs.map { ($0.key, $0.value) })
        case let .mappings(items): return items.map { YAMLPair.texts($0.map { ($0.key, $0.value) }).joined(separator: "; ") }
        }
    }
}

/// One `key: value` of a mapping the editor writes.
public struct YAMLPair: Sendable, Equatable {
    public var key: String
    public var value: String
    /// Written in quotes whatever it holds (a region code, a URL).
    public var quoted: Bool

    public init(_ key: String, _ value: String, quoted: Bool = false) {
        self.key = key
        self.value = value
        self.quoted = quoted
    }

    /// The pairs as compared: `key: value`, sorted by key.
    static func texts(_ pairs: [(String, String)]) -> [String] {
        pairs.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }
    }

    /// `{key: value, key: "value"}`.
    static func flow(_ pairs: [YAMLPair]) -> String {
        "{" + pairs.map { YAMLEditor.scalar($0.key, inFlow: true) + ": " + ($0.quoted ? YAMLEditor.quoted($0.value) : YAMLEditor.scalar($0.value, inFlow: true)) }
            .joined(separator: ", ") + "}"
    }
}

/// Writes record files and changes them field by field, leaving every other byte — other fields, comments,
/// blank lines, the order of keys, flow or block style — as it was. Every edit is checked by reading the file
/// again: the changed fields must read as the new values and every other value as before; otherwise the file is
/// not changed and the edit is refused.
public enum YAMLEditor {
    public struct Change: Sendable, Equatable {
        public var path: String
        public var old: String?
        public var new: String
    }

    public struct Refusal: Error, Sendable {
        public var path: String
        /// Why, as a catalogue message (`import.refusal.…`).
        public var reason: Message

        init(path: String, reason key: String, _ arguments: [String: MessageArgument] = [:]) {
            self.path = path
            reason = Message(key, arguments)
        }
    }

    // MARK: New files

    /// A new record file: the fields in the order given, nested paths grouped under their parent.
    public static func newFile(_ values: [(path: String, value: YAMLValue)]) -> (text: String, lines: [String: Int]) {
        var out = ""
        var lines: [String: Int] = [:]
        var openParents: [String] = []
        var line = 1
        for (path, value) in values {
            let parts = path.split(separator: ".").map(String.init)
            // Close parents that this path is not under, open the ones it is.
            var common = 0
            while common < openParents.count, common < parts.count - 1, openParents[common] == parts[common] { common += 1 }
            openParents = Array(openParents.prefix(common))
            while openParents.count < parts.count - 1 {
                let key = parts[openParents.count]
                out += String(repeating: "  ", count: openParents.count) + key + ":\n"
                line += 1
                openParents.append(key)
            }
            let indent = String(repeating: "  ", count: parts.count - 1)
            lines[path] = line
            let rendered = render(value, indent: indent)
            out += indent + parts.last! + ":" + rendered
            line += rendered.filter { $0 == "\n" }.count
        }
        return (out, lines)
    }

    /// ` value\n`, ` [a, b]\n`, or ` |\n  text\n` (indented one step past `indent`).
    static func render(_ value: YAMLValue, indent: String) -> String {
        switch value {
        case let .scalar(text): return " " + scalar(text) + "\n"
        case let .quoted(text): return " " + quoted(text) + "\n"
        case let .list(items): return " [" + items.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]\n"
        case let .mapping(pairs): return " " + YAMLPair.flow(pairs) + "\n"
        case let .mappings(items): return "\n" + items.map { indent + "  - " + YAMLPair.flow($0) + "\n" }.joined()
        case let .markdown(text):
            var block = " |\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                block += line.isEmpty ? "\n" : indent + "  " + line + "\n"
            }
            return block
        }
    }

    /// A scalar written so that YAML reads back exactly the text: plain when it is safe, else double-quoted.
    public static func scalar(_ text: String, inFlow: Bool = false) -> String {
        if isPlainSafe(text, inFlow: inFlow) { return text }
        return quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first.isWhitespace || last.isWhitespace { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") || text.contains("\n") || text.contains("\r")
            || text.contains("\t") { return false }
        if inFlow && text.contains(where: { ",[]{}:".contains($0) }) { return false }
        // Words the reader takes as "nothing".
        if ["~", "null", "Null", "NULL"].contains(text) { return false }
        return text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }

    // MARK: Changing a file

    /// Sets `values` (by path) in `text`, changing only what differs. Returns the new text and the changes,
    /// or the reason an edit cannot be made in place.
    public static func update(_ text: String, file: String, values: [(path: String, value: YAMLValue)])
        -> Result<(text: String, changes: [Change], lines: [String: Int]), Refusal> {
        guard case let .success(parsed) = YAMLParser.parse(text, file: file), let root = parsed,
              case .mapping = root else {
            return .failure(Refusal(path: "", reason: "import.refusal.unreadable"))
        }
        var document = Document(text: text)
        var changes: [Change] = []
        var current = root
        for (path, value) in values {
            let existing = node(at: path, in: current)
            let oldTexts = existing.map(texts)
            if let oldTexts, oldTexts == value.texts { continue }
            if existing == nil, value.texts.allSatisfy(\.isEmpty) { continue }
            let result: Result<Void, Refusal>
            if let existing {
                result = document.replace(existing, with: value, path: path, root: current)
            } else {
                result = document.insert(path: path, value: value, root: current)
            }
            if case let .failure(refusal) = result { return .failure(refusal) }
            changes.append(Change(path: path, old: oldTexts.map { $0.joined(separator: ", ") }, new: value.texts.joined(separator: ", ")))
            guard case let .success(reparsed) = YAMLParser.parse(document.joined, file: file), let next = reparsed else {
                return .failure(Refusal(path: path, reason: "import.refusal.breaks"))
            }
            current = next
        }
        // The oracle: every changed path reads as its new value, every other value as before.
        let before = leaves(root), after = leaves(current)
        let changed = Set(changes.map(\.path))
        for (path, value) in values where changed.contains(path) {
            guard node(at: path, in: current).map(texts) == value.texts else {
                return .failure(Refusal(path: path, reason: "import.refusal.readBack"))
            }
        }
        for (path, old) in before where !changed.contains(where: { path == $0 || path.hasPrefix($0 + "[") || path.hasPrefix($0 + ".") }) {
            guard after[path] == old else {
                return .failure(Refusal(path: path, reason: "import.refusal.alsoChanges", ["other": .text(path)]))
            }
        }
        var lines: [String: Int] = [:]
        for path in changed { if let n = node(at: path, in: current) { lines[path] = n.location.line } }
        return .success((document.joined, changes, lines))
    }

    /// Every scalar of a document by its path (`midterm.by[1]`).
    static func leaves(_ node: YAMLNode, prefix: String = "") -> [String: String] {
        switch node {
        case let .scalar(text, _, _): return [prefix: text]
        case let .sequence(items, _):
            var out: [String: String] = [:]
            for (index, item) in items.enumerated() { out.merge(leaves(item, prefix: "\(prefix)[\(index)]")) { a, _ in a } }
            return out
        case let .mapping(pairs, _):
            var out: [String: String] = [:]
            for (key, value) in pairs {
                let name = (prefix.isEmpty ? "" : prefix + ".") + (key.text ?? "?")
                out.merge(leaves(value, prefix: name)) { a, _ in a }
            }
            return out
        }
    }

    static func node(at path: String, in root: YAMLNode) -> YAMLNode? {
        var current = root
        for key in path.split(separator: ".") {
            guard case let .mapping(pairs, _) = current, let pair = pairs.last(where: { $0.key.text == String(key) }) else { return nil }
            current = pair.value
        }
        if current.isNull { return nil }
        return current
    }

    static func keyNode(at path: String, in root: YAMLNode) -> YAMLNode? {
        var current = root
        var keyNode: YAMLNode?
        for key in path.split(separator: ".") {
            guard case let .mapping(pairs, _) = current, let pair = pairs.last(where: { $0.key.text == String(key) }) else { return nil }
            keyNode = pair.key
            current = pair.value
        }
        return keyNode
    }

    /// What a node holds, compared with `YAMLValue.texts`: a mapping's pairs as `key: value` sorted by key, an
    /// item of a list that is a mapping as its pairs joined by `; `.
    static func texts(_ node: YAMLNode) -> [String] {
        func pairs(_ node: YAMLNode) -> [String]? {
            guard case let .mapping(pairs, _) = node else { return nil }
            return YAMLPair.texts(pairs.map { ($0.key.text ?? "", $0.value.text ?? "") })
        }
        switch node {
        case let .scalar(text, _, _): return [text]
        case let .sequence(items, _): return items.map { item in pairs(item)?.joined(separator: "; ") ?? item.text ?? "" }
        case .mapping: return pairs(node) ?? []
        }
    }

    /// The file as lines (each keeping its `\r` if it had one), edited by line and column.
    struct Document {
        var lines: [[Character]]
        let lineEnd: String
        let endsWithNewline: Bool

        init(text: String) {
            lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
            endsWithNewline = text.hasSuffix("\n")
            var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
            if endsWithNewline { parts.removeLast() }
            lines = parts.map { $0.last == "\r" ? Array($0.dropLast()) : $0 }
        }

        var joined: String {
            lines.map { String($0) }.joined(separator: lineEnd) + (endsWithNewline || lines.isEmpty ? lineEnd : "")
        }

        func indent(of line: Int) -> Int { lines[line].prefix { $0 == " " }.count }

        /// The end (exclusive column index) of a flow collection or quoted scalar starting at `column`.
        func matchingEnd(line: Int, column: Int) -> (line: Int, column: Int)? {
            var depth = 0
            var quote: Character?
            var l = line, c = column
            while l < lines.count {
                while c < lines[l].count {
                    let ch = lines[l][c]
                    if let q = quote {
                        if q == "\"" && ch == "\\" { c += 2; continue }
                        if ch == q {
                            if q == "'" && c + 1 < lines[l].count && lines[l][c + 1] == "'" { c += 2; continue }
                            quote = nil
                            if depth == 0 { return (l, c + 1) }
                        }
                    } else if ch == "\"" || ch == "'" {
                        quote = ch
                    } else if ch == "[" || ch == "{" {
                        depth += 1
                    } else if ch == "]" || ch == "}" {
                        depth -= 1
                        if depth == 0 { return (l, c + 1) }
                    } else if ch == "#" && depth > 0 && c > 0 && lines[l][c - 1] == " " {
                        break
                    }
                    c += 1
                }
                l += 1
                c = 0
            }
            return nil
        }

        /// The end of a plain scalar starting at (line, column): the line's end, a ` #` comment, or in a flow
        /// collection the next `,`, `]` or `}`.
        func plainEnd(line: Int, column: Int, inFlow: Bool) -> Int {
            var c = column
            let text = lines[line]
            while c < text.count {
                let ch = text[c]
                if ch == "#" && c > column && text[c - 1] == " " { break }
                if inFlow && (ch == "," || ch == "]" || ch == "}") { break }
                c += 1
            }
            while c > column && text[c - 1] == " " { c -= 1 }
            return c
        }

        /// Whether the node at `location` sits inside a flow collection: its parent starts with `{` or `[`.
        func parentIsFlow(_ path: String, root: YAMLNode) -> Bool {
            let parentPath = path.split(separator: ".").dropLast().joined(separator: ".")
            let parent = parentPath.isEmpty ? root : YAMLEditor.node(at: parentPath, in: root)
            guard let parent, case .mapping = parent else { return false }
            let at = parent.location
            let l = at.line - 1, c = at.column - 1
            return l >= 0 && l < lines.count && c < lines[l].count && lines[l][c] == "{"
        }

        mutating func splice(line: Int, from start: Int, toLine endLine: Int, to end: Int, with text: String) {
            let head = Array(lines[line][..<start])
            let tail = Array(lines[endLine][end...])
            let middle = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
            var replacement: [[Character]] = []
            for (index, piece) in middle.enumerated() {
                var row = index == 0 ? head + piece : piece
                if index == middle.count - 1 { row += tail }
                replacement.append(row)
            }
            lines.replaceSubrange(line...endLine, with: replacement)
        }

        mutating func replace(_ node: YAMLNode, with value: YAMLValue, path: String, root: YAMLNode) -> Result<Void, Refusal> {
            let l = node.location.line - 1, c = node.location.column - 1
            guard l >= 0, l < lines.count, c >= 0, c <= lines[l].count else {
                return .failure(Refusal(path: path, reason: "import.refusal.notFound"))
            }
            let inFlow = parentIsFlow(path, root: root)
            let keyIndent = YAMLEditor.keyNode(at: path, in: root).map { $0.location.column - 1 } ?? indent(of: l)
            if case .mapping = value { return replaceCollection(node, with: value, path: path, inFlow: inFlow) }
            if case .mappings = value { return replaceCollection(node, with: value, path: path, inFlow: inFlow) }
            let newText: String
            switch value {
            case .markdown:
                guard !inFlow else { return .failure(Refusal(path: path, reason: "import.refusal.blockInFlow")) }
                newText = String(YAMLEditor.render(value, indent: String(repeating: " ", count: keyIndent)).dropFirst().dropLast())
            default:
                newText = String(YAMLEditor.render(value, indent: "").dropFirst().dropLast())
            }
            switch node {
            case let .scalar(_, style, _):
                let first = c < lines[l].count ? lines[l][c] : " "
                if style == .block || first == "|" || first == ">" {
                    // The block runs while lines are blank or indented past the key.
                    var last = l
                    var next = l + 1
                    while next < lines.count, lines[next].allSatisfy({ $0 == " " }) || indent(of: next) > keyIndent {
                        if !lines[next].allSatisfy({ $0 == " " }) { last = next }
                        next += 1
                    }
                    splice(line: l, from: c, toLine: last, to: lines[last].count, with: newText)
                } else if first == "\"" || first == "'" {
                    guard let end = matchingEnd(line: l, column: c) else {
                        return .failure(Refusal(path: path, reason: "import.refusal.quotes"))
                    }
                    splice(line: l, from: c, toLine: end.line, to: end.column, with: newText)
                } else {
                    if case .markdown = value {
                        splice(line: l, from: c, toLine: l, to: plainEnd(line: l, column: c, inFlow: false), with: newText)
                    } else {
                        let written = inFlow ? flowValue(value) : newText
                        splice(line: l, from: c, toLine: l, to: plainEnd(line: l, column: c, inFlow: inFlow), with: written)
                    }
                }
            case let .sequence(items, _):
                if c < lines[l].count, lines[l][c] == "[" {
                    guard let end = matchingEnd(line: l, column: c) else {
                        return .failure(Refusal(path: path, reason: "import.refusal.bracket"))
                    }
                    splice(line: l, from: c, toLine: end.line, to: end.column, with: newText)
                } else {
                    // A block list: `- item` lines, replaced by the same style at the same indentation.
                    let lastLine = (items.map { $0.location.line - 1 }.max() ?? l)
                    let dashIndent = indent(of: l)
                    let itemsText = value.texts.map { String(repeating: " ", count: dashIndent) + "- " + YAMLEditor.scalar($0) }
                        .joined(separator: "\n")
                    lines.replaceSubrange(l...lastLine, with: itemsText.split(separator: "\n").map(Array.init))
                }
            case .mapping:
                return .failure(Refusal(path: path, reason: "import.refusal.breaks"))
            }
            return .success(())
        }

        mutating func insert(path: String, value: YAMLValue, root: YAMLNode) -> Result<Void, Refusal> {
            let parts = path.split(separator: ".").map(String.init)
            // The deepest ancestor that exists.
            var depth = parts.count - 1
            while depth > 0, YAMLEditor.node(at: parts.prefix(depth).joined(separator: "."), in: root) == nil { depth -= 1 }
            let parentPath = parts.prefix(depth).joined(separator: ".")
            let parent = parentPath.isEmpty ? root : YAMLEditor.node(at: parentPath, in: root)!
            guard case let .mapping(pairs, at) = parent else {
                return .failure(Refusal(path: path, reason: "import.refusal.notMapping", ["parent": .text(parentPath)]))
            }
            let missing = Array(parts[depth...])
            let l = at.line - 1, c = at.column - 1
            if !parentPath.isEmpty, l < lines.count, c < lines[l].count, lines[l][c] == "{" {
                // `{a: 1}` → `{a: 1, b: 2}`.
                guard let end = matchingEnd(line: l, column: c) else { return .failure(Refusal(path: path, reason: "import.refusal.bracket")) }
                if case .markdown = value { return .failure(Refusal(path: path, reason: "import.refusal.blockInFlow")) }
                var flow = ""
                for key in missing.dropLast() { flow += key + ": {" }
                flow += missing.last! + ": " + flowValue(value) + String(repeating: "}", count: missing.count - 1)
                let closing = end.column - 1
                var before = closing
                while before > 0 && lines[end.line][before - 1] == " " { before -= 1 }
                let empty = before > 0 && lines[end.line][before - 1] == "{"
                splice(line: end.line, from: before, toLine: end.line, to: closing, with: (empty ? "" : ", ") + flow)
                return .success(())
            }
            // A block mapping (or the file): a new line after the mapping's last line, at its keys' indentation.
            let keyIndent = parentPath.isEmpty ? 0 : (pairs.first.map { $0.key.location.column - 1 } ?? 2)
            var lastLine = lines.count - 1
            if !parentPath.isEmpty {
                lastLine = lastLineOf(parent, keyIndent: keyIndent)
            }
            var block = ""
            for (index, key) in missing.enumerated() {
                let indent = String(repeating: " ", count: keyIndent + index * 2)
                if index < missing.count - 1 {
                    block += indent + key + ":\n"
                } else {
                    block += indent + key + ":" + YAMLEditor.render(value, indent: indent)
                }
            }
            let newLines = block.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(Array.init)
            lines.insert(contentsOf: newLines, at: lastLine + 1)
            return .success(())
        }

        /// The last line a block mapping's entries take (including the lines of a block text in it).
        func lastLineOf(_ node: YAMLNode, keyIndent: Int) -> Int {
            var last = node.location.line - 1
            func visit(_ n: YAMLNode) {
                last = max(last, n.location.line - 1)
                switch n {
                case let .mapping(pairs, _): for (k, v) in pairs { visit(k); visit(v) }
                case let .sequence(items, _): items.forEach(visit)
                case .scalar: break
                }
            }
            visit(node)
            var next = last + 1
            while next < lines.count, !lines[next].allSatisfy({ $0 == " " }), indent(of: next) >= keyIndent,
                  !(indent(of: next) == keyIndent && lines[next].contains(":") && lines[next][keyIndent] != "-") {
                last = next
                next += 1
            }
            return last
        }

        /// A whole mapping or list of mappings replaced: a flow one (`{…}`, `[…]`) by the new value in flow style, a
        /// block one by one line per pair or item at the same indentation. Refused when comments sit inside it.
        mutating func replaceCollection(_ node: YAMLNode, with value: YAMLValue, path: String, inFlow: Bool) -> Result<Void, Refusal> {
            let l = node.location.line - 1, c = node.location.column - 1
            let first: Character = c < lines[l].count ? lines[l][c] : " "
            if first == "{" || first == "[" || inFlow {
                guard first == "{" || first == "[", let end = matchingEnd(line: l, column: c) else {
                    return .failure(Refusal(path: path, reason: "import.refusal.bracket"))
                }
                splice(line: l, from: c, toLine: end.line, to: end.column, with: flowValue(value))
                return .success(())
            }
            if case .scalar = node { return .failure(Refusal(path: path, reason: "import.refusal.breaks")) }
            let itemIndent = indent(of: l)
            // The lines the collection takes: to its last value, then on while lines are indented past its items.
            var last = l
            func visit(_ n: YAMLNode) {
                last = max(last, n.location.line - 1)
                switch n {
                case let .mapping(pairs, _): for (k, v) in pairs { visit(k); visit(v) }
                case let .sequence(items, _): items.forEach(visit)
                case .scalar: break
                }
            }
            visit(node)
            while last + 1 < lines.count, !lines[last + 1].allSatisfy({ $0 == " " }), indent(of: last + 1) > itemIndent { last += 1 }
            for line in lines[l...last] {
                let text = String(line)
                if text.trimmingCharacters(in: .whitespaces).hasPrefix("#") || text.contains(" #") {
                    return .failure(Refusal(path: path, reason: "import.refusal.comments"))
                }
            }
            let pad = String(repeating: " ", count: itemIndent)
            let newLines: [String]
            switch value {
            case let .mapping(pairs):
                newLines = pairs.map { pad + YAMLEditor.scalar($0.key) + ": " + ($0.quoted ? YAMLEditor.quoted($0.value) : YAMLEditor.scalar($0.value)) }
            case let .mappings(items):
                newLines = items.map { pad + "- " + YAMLPair.flow($0) }
            default:
                return .failure(Refusal(path: path, reason: "import.refusal.breaks"))
            }
            lines.replaceSubrange(l...last, with: newLines.map(Array.init))
            return .success(())
        }

        func flowValue(_ value: YAMLValue) -> String {
            switch value {
            case let .mapping(pairs): return YAMLPair.flow(pairs)
            case let .mappings(items): return "[" + items.map(YAMLPair.flow).joined(separator: ", ") + "]"
            case let .scalar(text): return YAMLEditor.scalar(text, inFlow: true)
            case let .quoted(text): return YAMLEditor.quoted(text)
            case let .list(items): return "[" + items.map { YAMLEditor.scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
            case let .markdown(text): return YAMLEditor.scalar(text, inFlow: true)
            }
        }
    }
}

extension YAMLEditor {
    /// The values of a record file at the given paths (a scalar as one text, a list as its items), for writing
    /// records back into a table; nil when the file cannot be read.
    public static func values(of text: String, file: String, paths: [String]) -> [String: [String]]? {
        guard case let .success(parsed) = YAMLParser.parse(text, file: file), let root = parsed else { return nil }
        var out: [String: [String]] = [:]
        for path in paths {
            if let node = node(at: path, in: root) { out[path] = texts(node) }
        }
        return out
    }

    /// The items of a record's list of mappings (`documents`) as their pairs, or of a mapping (`annual_inspections`)
    /// as one pair each; nil when the file cannot be read, empty when the field is absent.
    public static func items(of text: String, file: String, path: String) -> [[(String, String)]]? {
        guard case let .success(parsed) = YAMLParser.parse(text, file: file), let root = parsed else { return nil }
        guard let node = node(at: path, in: root) else { return [] }
        func pairs(_ node: YAMLNode) -> [(String, String)] {
            guard case let .mapping(pairs, _) = node else { return [] }
            return pairs.map { ($0.key.text ?? "", $0.value.text ?? "") }
        }
        switch node {
        case let .sequence(items, _): return items.map(pairs)
        case .mapping: return pairs(node).map { [$0] }
        case .scalar: return []
        }
    }
}
