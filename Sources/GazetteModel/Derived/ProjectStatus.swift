/// A project's status, derived from its evaluations and the as-of date; never written by hand.
public enum ProjectStatus: String, Sendable, Hashable, CaseIterable {
    case contracted
    case inProgress = "in-progress"
    case rectifying
    case terminated
    case completed
    case failed

    /// - final `pass` → completed; final `fail` → failed;
    /// - mid-term `fail`, or rectification `fail` → terminated;
    /// - mid-term `rectify` with no rectification result yet → rectifying;
    /// - a mid-term, or a service period that has started by `asOf` → in progress;
    /// - otherwise (signed, not started) → contracted.
    public static func of(_ project: Project, asOf: Day?) -> ProjectStatus {
        if let final = project.final {
            return final.result == .pass ? .completed : .failed
        }
        if let midterm = project.midterm {
            switch midterm.result {
            case .fail: return .terminated
            case .rectify:
                switch midterm.rectification?.result {
                case .fail?: return .terminated
                case .pass?, .rectify?: return .inProgress
                case nil: return .rectifying
                }
            case .pass: return .inProgress
            }
        }
        if let start = project.period?.start, let asOf, start <= asOf { return .inProgress }
        return .contracted
    }

    /// Whether the project ended without its service being accepted, so its advance must come back.
    public var mustRepay: Bool { self == .terminated || self == .failed }
}
