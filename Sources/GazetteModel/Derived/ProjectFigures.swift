/// Each project's status, money and ledger rows, derived once from the content: the checks (`CheckContext`)
/// and the resolved site (`ResolvedSite`) read the same figures, so a page can never show a status or a sum
/// that `check` did not see.
public struct ProjectFigures: Sendable {
    public struct Figures: Sendable {
        public var status: ProjectStatus
        public var money: ProjectMoney
        /// The project's ledger rows, by date, then by their place in the ledger files.
        public var ledger: [LedgerEntry]
    }

    /// One for each of `content.projects`, in the same order (so two projects listed under one ID keep their own).
    public let all: [Figures]

    public init(_ content: Content) {
        let ledger = Dictionary(grouping: content.ledger, by: \.project)
        all = content.projects.map { project in
            let status = ProjectStatus.of(project, asOf: content.asOf)
            let rows = (ledger[project.id] ?? []).sorted { ($0.date, $0.location) < ($1.date, $1.location) }
            return Figures(status: status, money: ProjectMoney.of(project, entries: rows, status: status), ledger: rows)
        }
    }
}
