/// The names a view can provide, known before anything is rendered: what a page's typed view declares, so
/// that a template's names are checked against it when the templates are loaded (a misspelt
/// `{{organizatonName}}` is an error at its tag instead of printing nothing).
///
/// A value that may be absent (an optional, empty text) has the same shape as when it is there: the shape
/// says which names exist, not which have a value on a given page.
public indirect enum TemplateShape: Sendable {
    /// Text (numbers are text too).
    case text
    /// A yes/no: a section on it shows or not, and pushes nothing.
    case flag
    /// A list of values of one shape: a section repeats for each.
    case list(TemplateShape)
    /// Named values.
    case record([String: TemplateShape])
    /// Names not known in advance: any name may be there (the interface strings, which `unknownStrings`
    /// checks on their own; the Mustache spec's data). No page's view is open (`PageViews`).
    case open

    /// A record of these names.
    public static func record(_ pairs: KeyValuePairs<String, TemplateShape>) -> TemplateShape {
        .record(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
    }

    /// This record with more names (a page's own names beside the layout's).
    public func adding(_ other: TemplateShape) -> TemplateShape {
        guard case let .record(mine) = self, case let .record(theirs) = other else { return .open }
        return .record(mine.merging(theirs) { _, new in new })
    }

    /// The names of a record (none for other shapes).
    var names: [String] {
        if case let .record(fields) = self { return fields.keys.sorted() }
        return []
    }

    /// Where `value` has a name or a kind of value this shape does not declare (`project.titel`), or nil when
    /// it fits. The check that a typed view's hand-written value and its declared shape agree.
    public func mismatch(_ value: TemplateValue, at path: String = "") -> String? {
        switch (self, value) {
        case (.open, _), (.text, .text), (.flag, .bool): return nil
        case let (.list(item), .list(values)):
            for (index, value) in values.enumerated() {
                if let found = item.mismatch(value, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case let (.record(fields), .map(values)):
            for key in values.keys.sorted() {
                let inner = path.isEmpty ? key : "\(path).\(key)"
                guard let field = fields[key] else { return "\(inner) (not declared)" }
                if let found = field.mismatch(values[key]!, at: inner) { return found }
            }
            return nil
        default:
            return "\(path) (declared \(self.kind), is \(value))"
        }
    }

    private var kind: String {
        switch self {
        case .text: return "text"
        case .flag: return "flag"
        case .list: return "list"
        case .record: return "record"
        case .open: return "open"
        }
    }
}

/// A view the renderer can use: a typed value that makes its `TemplateValue` without reflection, and declares
/// the names it provides.
public protocol TemplateView {
    static var shape: TemplateShape { get }
    var templateValue: TemplateValue { get }
}

/// Building a view's value by hand: the conversions that `TemplateValue(Any)` applies to dictionaries (empty
/// text and nil are absent, numbers are text), for typed values.
public struct TemplateRecord {
    public private(set) var fields: [String: TemplateValue]

    public init(capacity: Int = 8) {
        fields = [:]
        fields.reserveCapacity(capacity)
    }

    public var value: TemplateValue { .map(fields) }

    /// Text; empty text is absent, so `{{#name}}` skips its block.
    public mutating func set(_ name: String, _ text: String?) {
        if let text, !text.isEmpty { fields[name] = .text(text) }
    }

    public mutating func set(_ name: String, _ flag: Bool) { fields[name] = .bool(flag) }

    public mutating func set(_ name: String, _ value: TemplateValue?) {
        if let value { fields[name] = value }
    }

    public mutating func set<V: TemplateView>(_ name: String, _ view: V?) {
        if let view { fields[name] = view.templateValue }
    }

    public mutating func set<V: TemplateView>(_ name: String, _ views: [V]) {
        // A closure, not `\.templateValue`: the key path was looked up at run time for every view (1.4 % of a
        // notices build).
        fields[name] = .list(views.map { $0.templateValue })
    }

    /// Every name of another record (the layout's, under a page's own).
    public mutating func merge(_ other: TemplateRecord) {
        fields.merge(other.fields) { mine, _ in mine }
    }
}
