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
        errors(CheckContext(content), links: links, checkMoney: checkMoney)
    }

    /// Findings: where the programme's rules were not met. Run only on content without errors.
    public static func findings(in content: Content) -> [Diagnostic] {
        RuleFindings.run(CheckContext(content))
    }

    /// The errors, then the findings when there is no error (`earlierErrors`: errors found before, in
    /// reading), as `errors` and `findings` give them, over lookups built once.
    /// `figures`: the content's projects' figures, made once for the checks and the site.
    public static func diagnostics(in content: Content, figures: ProjectFigures, links: [RecordLinkUse], checkMoney: Bool = true,
                                   earlierErrors: Bool) -> [Diagnostic] {
        let context = CheckContext(content, figures: figures)
        // The checks in parts, on all cores; the parts' results joined in order, as the checks give them.
        var out = ParallelMap.run(errorJobs(context, links: links, checkMoney: checkMoney)).flatMap { $0 }
        if !earlierErrors && !out.contains(where: { $0.severity == .error }) {
            out += ParallelMap.run(RuleFindings.jobs(context)).flatMap { $0 }
        }
        return out
    }

    static func errors(_ context: CheckContext, links: [RecordLinkUse], checkMoney: Bool) -> [Diagnostic] {
        errorJobs(context, links: links, checkMoney: checkMoney).flatMap { $0() }
    }

    private static func errorJobs(_ context: CheckContext, links: [RecordLinkUse],
                                  checkMoney: Bool) -> [@Sendable () -> [Diagnostic]] {
        ReferenceChecks.jobs(context, links: links) + DateChecks.jobs(context)
            + (checkMoney ? MoneyChecks.jobs(context) : [])
    }
}

/// What every check needs, looked up once.
struct CheckContext: Sendable {
    let content: Content
    /// Organization ID → its index in `content.organizations` (the first, should one be listed twice).
    private let organizationIndex: [String: Int]
    let ledgerByProject: [String: [LedgerEntry]]
    let asOf: Day?
    /// Each project's status, money and sorted ledger rows, in `content.projects`' order.
    let figures: ProjectFigures

    init(_ content: Content, figures: ProjectFigures? = nil) {
        self.content = content
        self.figures = figures ?? ProjectFigures(content)
        var organizationIndex: [String: Int] = [:]
        organizationIndex.reserveCapacity(content.organizations.count)
        for (index, organization) in content.organizations.enumerated() where organizationIndex[organization.id] == nil {
            organizationIndex[organization.id] = index
        }
        self.organizationIndex = organizationIndex
        ledgerByProject = Dictionary(grouping: content.ledger, by: \.project)
        asOf = content.asOf
    }

    func organization(_ id: String) -> Organization? {
        organizationIndex[id].map { content.organizations[$0] }
    }
}
