/// Dates that cannot be in the order written: applied ≤ contract ≤ period start ≤ period end;
/// mid-term after the start; final after the mid-term; no ledger row before the contract.
enum DateChecks {
    static func run(_ c: CheckContext) -> [Diagnostic] {
        jobs(c).flatMap { $0() }
    }

    /// Groups of projects, then the notices: joined in order, `run`'s result.
    static func jobs(_ c: CheckContext) -> [@Sendable () -> [Diagnostic]] {
        let noticeJob: @Sendable () -> [Diagnostic] = { notices(c) }
        let projectJobs: [@Sendable () -> [Diagnostic]] = ParallelMap.ranges(c.content.projects.count).map { range in
            { projects(c, range) }
        }
        return projectJobs + [noticeJob]
    }

    static func projects(_ c: CheckContext, _ range: Range<Int>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for project in c.content.projects[range] {
            let subject = "project:\(project.id)"
            func order(_ earlier: (String, String, Day?), _ later: (String, String, Day?)) {
                guard let first = earlier.2, let second = later.2, second < first else { return }
                out.append(Diagnostic(.datesOutOfOrder, at: project.locations.at(later.0),
                                      Message("E501", ["later": .word("date.\(later.0)"), "laterDate": .day(second),
                                                       "earlier": .word("date.\(earlier.0)"), "earlierDate": .day(first)]),
                                      help: Message("E501.help"), subject: subject))
            }
            let applied = ("applied", "application date", project.applied)
            let contract = ("contract.date", "contract date", project.contract?.date)
            let start = ("period.start", "start of the service period", project.period?.start)
            let end = ("period.end", "end of the service period", project.period?.end)
            let midterm = ("midterm.date", "mid-term evaluation", project.midterm?.date)
            let final = ("final.date", "final evaluation", project.final?.date)
            order(applied, contract)
            order(contract.2 == nil ? applied : contract, start)
            order(start, end)
            order(start, midterm)
            order(midterm.2 == nil ? start : midterm, final)
            if let signed = project.contract?.date {
                for entry in c.ledgerByProject[project.id] ?? [] where entry.date < signed {
                    out.append(Diagnostic(.ledgerBeforeContract, at: entry.location,
                                          Message("E502", ["kind": Keywords.shown(entry.kind.rawValue), "date": .day(entry.date), "signed": .day(signed)]),
                                          help: Message("E502.help"), subject: subject))
                }
            }
        }
        return out
    }

    static func notices(_ c: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for notice in c.content.notices {
            if let period = notice.publicityPeriod, period.end < period.start {
                out.append(Diagnostic(.datesOutOfOrder, at: notice.locations.at("publicity_period.end"),
                                      Message("E501.publicity", ["end": .day(period.end), "start": .day(period.start)]),
                                      help: Message("E501.help"), subject: "notice:\(notice.slug)"))
            }
        }
        return out
    }
}
