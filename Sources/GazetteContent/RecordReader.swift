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

    func report(_ code: DiagnosticCode, at: SourceLocation, _ message: String, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(code, at: at, message, suggestion: suggestion))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Mappings

    /// Reads a mapping, reporting unknown keys (with the nearest known one) and keys written twice.
    func fields(_ node: YAMLNode, path: String, known: [String], what: String) -> Fields? {
        guard case let .mapping(pairs, at) = node else {
            report(.wrongType, at: node.location, "\(what) should be a mapping of `key: value` lines, not \(node.kindDescription).")
            return nil
        }
        if path.isEmpty { locations.start = at }
        var values = Fields.Values(capacity: pairs.count)
        for (keyNode, value) in pairs {
            guard let key = keyNode.text else {
                report(.wrongType, at: keyNode.location, "A key should be a plain word, not \(keyNode.kindDescription).")
                continue
            }
            guard known.contains(key) else {
                report(.unknownKey, at: keyNode.location, "`\(key)` is not a field of \(what).",
                       suggestion: Nearest.suggestion(for: key, among: known)
                           ?? "known fields: \(known.joined(separator: ", "))")
                continue
            }
            if values[key] != nil {
                report(.unknownKey, at: keyNode.location, "`\(key)` is written twice in \(what).",
                       suggestion: "Keep one of them.")
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
        return self.fields(node, path: fields.path(key), known: known, what: "`\(key)`")
    }

    /// The node of a field; a missing required field is reported at the mapping it belongs in.
    func value(_ fields: Fields, _ key: String, required: Bool) -> YAMLNode? {
        if let node = fields[key] { return node }
        if required {
            report(.missingField, at: fields.location,
                   "The required field `\(fields.path(key))` is missing.",
                   suggestion: "Add `\(key): …`; docs/content-format.md shows an example.")
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
            report(.wrongType, at: node.location, "`\(key)` should be a single value, not \(node.kindDescription).")
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
            report(.badDate, at: node.location, "`\(text)` is not a date that exists (`\(key)` is written YYYY-MM-DD).",
                   suggestion: "For example `2017-06-20`.")
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
            let message: String
            var suggestion: String?
            switch problem {
            case .empty: message = "`\(key)` is empty; it should be an amount in yuan."
            case .notANumber:
                message = "`\(shown)` is not an amount in yuan: write digits, with at most one decimal point."
                suggestion = text.contains(",") || text.contains("，") ? "Leave out the thousands separators: `\(text.filter { $0 != "," && $0 != "，" })`."
                    : text.lowercased().contains("e") ? "Write the amount out in full, without an exponent." : "For example `180000` or `90000.50`."
            case .negative:
                message = "`\(shown)` is negative; amounts are written as positive yuan."
                suggestion = "Money returned is a `recovery` row with a positive amount."
            case .tooManyDecimals:
                message = "`\(shown)` has more than two decimals; amounts are exact to the fen (0.01 yuan)."
            case .tooLarge:
                message = "`\(shown)` is too large to be an amount (the largest is \(Yuan.maximum.plainText) yuan)."
            }
            report(.badAmount, at: location, message, suggestion: suggestion)
            return nil
        }
    }

    func integer(_ fields: Fields, _ key: String, range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let node = value(fields, key, required: required) else { return nil }
        guard let text = scalarText(node, key: fields.path(key)) else { return nil }
        guard text.count <= 18, let number = Int(text) else {
            report(.wrongType, at: node.location, "`\(fields.path(key))` should be a whole number, not `\(text.prefix(40))`.")
            return nil
        }
        guard range.contains(number) else {
            report(.outOfRange, at: node.location,
                   "`\(fields.path(key))` is \(number); it should be between \(range.lowerBound) and \(range.upperBound).")
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
                   "`\(fields.path(key))` is `\(text.prefix(40))`; it should be a percentage from 0 to 100, with at most two decimals.",
                   suggestion: "For example `92.5` (without the % sign).")
            return nil
        }
        return percent
    }

    func bool(_ fields: Fields, _ key: String) -> Bool? {
        guard let node = value(fields, key, required: false), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(.wrongType, at: node.location, "`\(fields.path(key))` should be `true` or `false`, not `\(text.prefix(40))`.")
            return nil
        }
    }

    /// One of a fixed set of words (`pass | rectify | fail`).
    func choice<T: RawRepresentable & CaseIterable>(_ fields: Fields, _ key: String, as type: T.Type,
                                                     required: Bool = false, allowed: [T]? = nil) -> T?
    where T.RawValue == String {
        guard let node = value(fields, key, required: required), let text = scalarText(node, key: fields.path(key)) else {
            return nil
        }
        // Without `allowed`, every value there is is allowed.
        guard let value = T(rawValue: text), allowed?.contains(where: { $0.rawValue == value.rawValue }) ?? true else {
            let options = allowed ?? Array(T.allCases)
            let words = options.map(\.rawValue)
            report(.outOfRange, at: node.location,
                   "`\(text.prefix(40))` is not allowed for `\(fields.path(key))`; it should be one of \(words.joined(separator: ", ")).",
                   suggestion: Nearest.suggestion(for: text, among: words))
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
            report(.badRegionCode, at: at, "`\(text.prefix(40))` in `\(key)` is not a region code: six digits, written in quotes.",
                   suggestion: "For example `\"630102\"` for 城东区.")
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
            report(.wrongType, at: node.location, "`\(fields.path(key))` should be a list, like `[a, b]`, not a mapping.")
            return nil
        }
        var result: [(String, SourceLocation)] = []
        for (index, item) in items.enumerated() {
            guard let text = scalarText(item, key: "\(fields.path(key))[\(index)]") else { continue }
            locations.set("\(fields.path(key))[\(index)]", item.location)
            result.append((text, item.location))
        }
        if required && result.isEmpty {
            report(.missingField, at: node.location, "`\(fields.path(key))` needs at least one entry.")
        }
        return result
    }

    /// A list of mappings (`violations`, `documents`).
    func mappings(_ fields: Fields, _ key: String, known: [String]) -> [Fields] {
        guard let node = value(fields, key, required: false) else { return [] }
        guard case let .sequence(items, _) = node else {
            report(.wrongType, at: node.location, "`\(fields.path(key))` should be a list (lines starting with `- `).")
            return []
        }
        return items.enumerated().compactMap { index, item in
            self.fields(item, path: "\(fields.path(key))[\(index)]", known: known, what: "an entry of `\(key)`")
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
