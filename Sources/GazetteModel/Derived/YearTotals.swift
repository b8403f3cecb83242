/// Money and projects year by year. Two different years are meant, and every label says which:
/// - the **programme year** of a project (`Project.programmeYear`): the year it applied (else was contracted,
///   else its service started). Projects and contracted amounts are counted in it.
/// - the **payment year** of a ledger row: the year of its date. Payments and recoveries are counted in it.
public struct YearTotals: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var year: Int
        /// Projects of this programme year, and their contracted amounts.
        public var projects = 0
        public var contracted = Yuan.zero
        /// Ledger rows dated in this year.
        public var paid = Yuan.zero
        public var recovered = Yuan.zero
        public var net: Yuan { paid - recovered }
        public init(year: Int) { self.year = year }
    }

    /// One row per year that has a project or a ledger row, oldest first.
    public var rows: [Row]

    public init(projects: [Project], ledger: [LedgerEntry]) {
        var byYear: [Int: Row] = [:]
        for project in projects {
            guard let year = project.programmeYear else { continue }
            var row = byYear[year] ?? Row(year: year)
            row.projects += 1
            row.contracted = Yuan(fen: row.contracted.fen.saturatingAdd(project.amount.fen))
            byYear[year] = row
        }
        for entry in ledger {
            var row = byYear[entry.date.year] ?? Row(year: entry.date.year)
            if entry.kind.isPayment {
                row.paid = Yuan(fen: row.paid.fen.saturatingAdd(entry.amount.fen))
            } else {
                row.recovered = Yuan(fen: row.recovered.fen.saturatingAdd(entry.amount.fen))
            }
            byYear[entry.date.year] = row
        }
        rows = byYear.keys.sorted().map { byYear[$0]! }
    }
}

extension Project {
    /// The programme year the project belongs to: the year of its application, else of its contract, else of
    /// the start of its service. Nil only for a project with none of these dates.
    public var programmeYear: Int? { (applicationDate ?? period?.start)?.year }
}
