/// What was done about a finding, as recorded on the record it concerns (`responses:` in a project):
/// who responded, when, what was decided, and by when it is to be done. Shown beside the finding.
public struct FindingResponse: Sendable, Hashable {
    /// The finding's code (`F108`).
    public var code: DiagnosticCode
    public var by: String
    public var date: Day
    public var decision: String
    public var deadline: Day?

    public init(code: DiagnosticCode, by: String, date: Day, decision: String, deadline: Day?) {
        self.code = code
        self.by = by
        self.date = date
        self.decision = decision
        self.deadline = deadline
    }
}
