/// A record link used in some Markdown text (`project:qh2017-xn-001`), with where it is written.
public struct RecordLinkUse: Sendable, Hashable {
    public var url: String
    public var location: SourceLocation
    public init(url: String, location: SourceLocation) {
        self.url = url
        self.location = location
    }
}

/// Runs every check of `rules.md` over loaded content: references, dates and money (errors), then the
/// programme's rules (findings). Findings are looked for only in content without errors, since a rule
/// read over broken records would only add noise.
public enum Checker {
    /// Errors between records: references, dates, money.
    /// `checkMoney` is false when part of the ledger could not be read, so that its sums would mislead.
    public static func errors(in content: Content, links: [RecordLinkUse], checkMoney: Bool = true) -> [Diagnostic] {
        let context = CheckContext(content)
        return ReferenceChecks.run(context, links: links) + DateChecks.run(context)
            + (checkMoney ? MoneyChecks.run(context) : [])
    }

    /// Findings: where the programme's rules were not met. Run only on content without errors.
    public static func findings(in content: Content) -> [Diagnostic] {
        RuleFindings.run(CheckContext(content))
    }
}

/// What every check needs, looked up once.
struct CheckContext {
    let content: Content
    let organizations: [String: Organization]
    let projects: [String: Project]
    let ledgerByProject: [String: [LedgerEntry]]
    let asOf: Day?

    init(_ content: Content) {
        self.content = content
        organizations = content.organizationsByID
        projects = content.projectsByID
        ledgerByProject = Dictionary(grouping: content.ledger, by: \.project)
        asOf = content.asOf
    }

    func status(_ project: Project) -> ProjectStatus { ProjectStatus.of(project, asOf: asOf) }

    func money(_ project: Project) -> ProjectMoney {
        ProjectMoney.of(project, entries: ledgerByProject[project.id] ?? [], status: status(project))
    }
}
