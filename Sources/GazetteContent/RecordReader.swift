import GazetteModel

/// The fields of one YAML mapping, by key, after unknown and repeated keys were reported.
struct Fields {
    var path: String
    var location: SourceLocation
    var values: Values

    /// The fields by key: a record has a few dozen at most, so a list looked through beats hashing.
    struct Values {
        private var pairs: [(key: String, node: YAMLNode)] = []

        init(capacity: Int) { pairs.reserveCapacity(capacity) }

        subscript(key: String) -> YAMLNode? {
            get {
                for pair in pairs where pair.key == key { return pair.node }
                return nil
            }
            set {
                if let index = pairs.firstIndex(where: { $0.key == key }) {
                    if let newValue { pairs[index].node = newValue } else { pairs.remove(at: index) }
                } else if let newValue {
                    pairs.append((key, newValue))
                }
            }
        }
    }

    subscript(key: String) -> YAMLNode? {
        guard let node = values[key], !node.isNull else { return nil }
        return node
    }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Reads typed values out of YAML nodes for one record, collecting diagnostics and field positions.
/// Every reading function reports what is wrong and returns nil, so one record shows all its problems.
final class RecordReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    var locations: FieldLocations

    init(file: String) {
        self.file = file
        self.locations = FieldLocations(file: file)
    }

    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    func report(_ code: DiagnosticCode, at: SourceLocation, _ message: Message, help: Message? = nil) {
        diagnostics.append(Diagnostic(code, at: at, message, help: help))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Mappings

    /// Reads a mapping, reporting unknown keys (with the nearest known one) and keys written twice.
    func fields(_ node: YAMLNode, path: String, known: [String], what: String) -> Fields? {
        fields(node, path: path, known: known, what: MessageArgument.text(what))
    }

    /// `what` names the mapping in messages: a record kind (`.word("what.project")`) or a field.
    func fields(_ node: YAMLNode, path: String, known: [String], what: MessageArgument) -> Fields? {
        guard case let .mapping(pairs, at) = node else {
            report(.wrongType, at: node.location, Message("E102.mapping", ["what": what, "kind": node.kindWord]))
            return nil
        }
        if path.isEmpty { locations.start = at }
        var values = Fields.Values(capacity: pairs.count)
        for (keyNode, value) in pairs {
            guard let key = keyNode.text else {
                report(.wrongType, at: keyNode.location, Message("E102.key", ["kind": keyNode.kindWord]))
                continue
            }
            guard known.contains(key) else {
                report(.unknownKey, at: keyNode.location, Message("E103.field", ["key": .text(key), "what": what]),
                       help: Nearest.help(for: key, among: known)
                           ?? Message("E103.field.help", ["fields": .texts(known)]))
                continue
            }
            if values[key] != nil {
                report(.unknownKey, at: keyNode.location, Message("E103.twice", ["key": .text(key), "what": what]),
                       help: Message("E103.twice.help"))
                continue
            }
            values[key] = value
            // A scalar is placed at its value; a block (mapping or list) at its key's line.
            let at: SourceLocation
            if case .scalar = value { at = value.location } else { at = keyNode.location }
            locations.set(path.isEmpty ? key : "\(path).\(key)", at)
        }
        return Fields(path: path, location: at, values: values)
    }

    /// A nested mapping field (`midterm`, `contract`), or nil when absent.
    func nested(_ fields: Fields, _ key: String, known: [String], required: Bool = false) -> Fields? {
        guard let node = value(fields, key, required: required) else { return nil }
        return self.fields(node, path: fields.path(key), known: known, what: .text("`\(key)`"))
    }

    /// The node of a field; a missing required field is reported at the mapping it belongs in.
    func value(_ fields: Fields, _ key: String, required: Bool) -> YAMLNode? {
        if let node = fields[key] { return node }
        if required {
            report(.missingField, at: fields.location, Message("E101", ["field": .text(fields.path(key))]),
                   help: Message("E101.help", ["key": .text(key)]))
        }
        return nil
    }

    // MARK: Scalars

    func text(_ fields: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(fields, key, required: required) else { return nil }
        return scalarText(node, key: fields.path(key))
    }

    func scalarText(_ node: YAMLNode, key: String) -> String? {
        guard let text = node.text else {
            report(.wrongType, at: node.location, Message("E102.single", ["field": .text(key), "kind": node.kindWord]))
            return nil
        }
        if let control = ControlCharacters.first(in: text) {
            report(ControlCharacters.diagnostic(control, key: key, at: node.location))
            return nil
        }
        return text
    }

    func day(_ fields: Fields, _ key: String, required: Bool = false) -> Day? {
        guard let node = value(fields, key, required: required) else { return nil }
        return day(node, key: fields.path(key))
    }

    func day(_ node: YAMLNode, key: String) -> Day? {
        guard let text = scalarText(node, key: key) else { return nil }
        guard let day = Day(text) else {
            report(.badDate, at: node.location, Message("E106", ["value": .text(String(text.prefix(40))), "field": .text(key)]),
                   help: Message("E106.help"))
            return nil
        }
        return day
    }

    func yuan(_ fields: Fields, _ key: String, required: Bool = false) -> Yuan? {
        guard let node = value(fields, key, required: required) else { return nil }
        guard let text = scalarText(node, key: fields.path(key)) else { return nil }
        return yuan(text, key: fields.path(key), at: node.location)
    }

    func yuan(_ text: String, key: String, at location: SourceLocation) -> Yuan? {
        switch Yuan.parse(text) {
        case let .success(value): return value
        case let .failure(problem):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            let message: Message
            var suggestion: Message?
            let values: [String: MessageArgument] = ["value": .text(shown), "field": .text(key)]
            switch problem {
            case .empty: message = Message("E105.empty", values)
            case .notANumber:
                message = Message("E105.notANumber", values)
                suggestion = wan(text).map { Message("E105.wan.help", ["value": .text($0)]) }
                    ?? (text.contains(",") || text.contains("，") ? Message("E105.separators.help", ["value": .text(text.filter { $0 != "," && $0 != "，" })])
                    : text.lowercased().contains("e") ? Message("E105.exponent.help") : Message("E105.help"))
            case .negative:
                message = Message("E105.negative", values)
                suggestion = Message("E105.negative.help")
            case .tooManyDecimals:
                message = Message("E105.decimals", values)
            case .tooLarge:
                message = Message("E105.tooLarge", ["value": .text(shown), "maximum": .yuan(Yuan.maximum)])
            }
            report(.badAmount, at: location, message, help: suggestion)
            return nil
        }
    }

    /// `18万` or `18.5万元` written out in yuan (`180000`, `185000`), when it is one.
    private func wan(_ text: String) -> String? {
        var t = text.trimmingSpaces()
        if t.hasSuffix("元") { t.removeLast() }
        guard t.hasSuffix("万") else { return nil }
        t.removeLast()
        guard case let .success(value) = Yuan.parse(t), value.fen.multipliedReportingOverflow(by: 10_000).overflow == false else { return nil }
        return Yuan(fen: value.fen * 10_000).plainText.replacingOccurrences(of: ".00", with: "")
    }

    func integer(_ fields: Fields, _ key: String, range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let node = value(fields, key, required: required) else { return nil }
        guard let text = scalarText(node, key: fields.path(key)) else { return nil }
        guard text.count <= 18, let number = Int(text) else {
            report(.wrongType, at: node.location, Message("E102.integer", ["field": .text(fields.path(key)), "value": .text(String(text.prefix(40)))]))
            return nil
        }
        guard range.contains(number) else {
            report(.outOfRange, at: node.location,
                   Message("E104.range", ["field": .text(fields.path(key)), "value": .number(number),
                                          "low": .number(range.lowerBound), "high": .number(range.upperBound)]))
            return nil
        }
        return number
    }

    func percent(_ fields: Fields, _ key: String) -> Percent? {
        guard let node = value(fields, key, required: false), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        guard let percent = Percent(text) else {
            report(.outOfRange, at: node.location,
                   Message("E104.percent", ["field": .text(fields.path(key)), "value": .text(String(text.prefix(40)))]),
                   help: Message("E104.percent.help"))
            return nil
        }
        return percent
    }

    func bool(_ fields: Fields, _ key: String) -> Bool? {
        guard let node = value(fields, key, required: false), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        if let value = Keywords.boolean(text) { return value }
        report(.wrongType, at: node.location, Message("E102.boolean", ["field": .text(fields.path(key)), "value": .text(String(text.prefix(40)))]),
               help: Nearest.help(for: text, among: Keywords.booleanWords))
        return nil
    }

    /// One of a fixed set of words (`pass | rectify | fail`).
    func choice<T: RawRepresentable & CaseIterable>(_ fields: Fields, _ key: String, as type: T.Type,
                                                     required: Bool = false, allowed: [T]? = nil) -> T?
    where T.RawValue == String {
        guard let node = value(fields, key, required: required), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        // Without `allowed`, every value there is is allowed. The Chinese term stands for its key.
        let options = allowed ?? Array(T.allCases)
        let words = options.map(\.rawValue)
        guard let canonical = Keywords.key(for: text, among: words), let value = T(rawValue: canonical) else {
            report(.outOfRange, at: node.location,
                   Message("E104.choice", ["value": .text(String(text.prefix(40))), "field": .text(fields.path(key)),
                                           "choices": .alternatives(words.map { Keywords.shown($0) })]),
                   help: Keywords.nearest(for: text, among: words))
            return nil
        }
        return value
    }

    func regionCode(_ fields: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(fields, key, required: required), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        return regionCode(text, at: node.location, key: fields.path(key))
    }

    func regionCode(_ text: String, at: SourceLocation, key: String) -> String? {
        guard RegionCode.isValid(text) else {
            report(.badRegionCode, at: at, Message("E107", ["value": .text(String(text.prefix(40))), "field": .text(key)]),
                   help: Message("E107.help"))
            return nil
        }
        return text
    }

    /// A list of single values; a single value is accepted as a list of one.
    func list(_ fields: Fields, _ key: String, required: Bool = false) -> [(text: String, at: SourceLocation)]? {
        guard let node = value(fields, key, required: required) else { return nil }
        let items: [YAMLNode]
        switch node {
        case let .sequence(nodes, _): items = nodes
        case .scalar: items = [node]
        case .mapping:
            report(.wrongType, at: node.location, Message("E102.list", ["field": .text(fields.path(key))]))
            return nil
        }
        var result: [(String, SourceLocation)] = []
        for (index, item) in items.enumerated() {
            guard let text = scalarText(item, key: "\(fields.path(key))[\(index)]") else { continue }
            locations.set("\(fields.path(key))[\(index)]", item.location)
            result.append((text, item.location))
        }
        if required && result.isEmpty {
            report(.missingField, at: node.location, Message("E101.empty", ["field": .text(fields.path(key))]))
        }
        return result
    }

    /// A list of mappings (`violations`, `documents`).
    func mappings(_ fields: Fields, _ key: String, known: [String]) -> [Fields] {
        guard let node = value(fields, key, required: false) else { return [] }
        guard case let .sequence(items, _) = node else {
            report(.wrongType, at: node.location, Message("E102.entries", ["field": .text(fields.path(key))]))
            return []
        }
        return items.enumerated().compactMap { index, item in
            self.fields(item, path: "\(fields.path(key))[\(index)]", known: known,
                        what: .message(Message("what.entry", ["field": .text(key)])))
        }
    }

    /// A Markdown field: its text, and where the text itself starts (a block scalar starts on the next line).
    func markdown(_ fields: Fields, _ key: String, owner: String, into texts: inout [MarkdownText]) -> String? {
        guard let node = value(fields, key, required: false), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        var start = node.location
        if case .scalar(_, .block, _) = node {
            // A `|` block scalar starts on the next line, indented one step (two spaces) past its key.
            start = SourceLocation(file: start.file, line: start.line + 1, column: fields.location.column + 2)
        }
        texts.append(MarkdownText(text: text, start: start, owner: owner))
        return text
    }
}
