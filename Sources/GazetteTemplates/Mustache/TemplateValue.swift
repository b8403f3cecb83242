/// A value as a template sees it: text, a yes/no, a list, or a map of names to values. Views are built as
/// `[String: Any]` for convenience and converted once per page; values shared by every page (the interface
/// strings) are converted once per build and pass through as they are.
public enum TemplateValue: Sendable {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    case map([String: TemplateValue])

    /// The value of a view: absent for nil and for empty text, so `{{#summary}}` skips its block rather than
    /// printing an empty row. Numbers become text; anything else that is not a value is absent.
    public init?(_ any: Any) {
        switch any {
        case let text as String:
            if text.isEmpty { return nil }
            self = .text(text)
        case let value as TemplateValue:
            self = value
        case let map as [String: Any]:
            var converted: [String: TemplateValue] = [:]
            converted.reserveCapacity(map.count)
            for (key, item) in map { if let value = TemplateValue(item) { converted[key] = value } }
            self = .map(converted)
        case let list as [Any]:
            self = .list(list.compactMap { TemplateValue($0) })
        case let flag as Bool:
            self = .bool(flag)
        case let number as Int:
            self = .text(String(number))
        case let number as Double:
            // Swift's shortest form that reads back the same: 1.21 prints as "1.21", as the spec asks.
            self = .text(String(number))
        case let optional as OptionalValue:
            guard let wrapped = optional.wrappedValue, let value = TemplateValue(wrapped) else { return nil }
            self = value
        case let text as Substring:
            if text.isEmpty { return nil }
            self = .text(String(text))
        default:
            return nil
        }
    }

    /// The value named `name` inside a map.
    @inline(__always)
    func child(_ name: String) -> TemplateValue? {
        if case let .map(map) = self { return map[name] }
        return nil
    }

    /// Whether a section shows: everything but `false` and an empty list.
    var isTruthy: Bool {
        switch self {
        case let .bool(flag): return flag
        case let .list(items): return !items.isEmpty
        case .text, .map: return true
        }
    }
}

/// Lets the conversion see through an `Optional` stored as `Any`.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 as Any } }
}
