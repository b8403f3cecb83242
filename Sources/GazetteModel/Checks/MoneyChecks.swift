/// Money that cannot add up: paying more than the amount, recovering more than was paid, a final payment
/// before (or without) a passed final evaluation.
enum MoneyChecks {
    static func run(_ c: CheckContext) -> [Diagnostic] {
        jobs(c).flatMap { $0() }
    }

    /// Groups of projects: joined in order, `run`'s result.
    static func jobs(_ c: CheckContext) -> [@Sendable () -> [Diagnostic]] {
        ParallelMap.ranges(c.content.projects.count).map { range in { projects(c, range) } }
    }

    static func projects(_ c: CheckContext, _ range: Range<Int>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (project, figures) in zip(c.content.projects[range], c.figures.all[range]) {
            let subject = "project:\(project.id)"
            let entries = figures.ledger
            var paid = Yuan.zero, recovered = Yuan.zero
            var reportedPaid = false, reportedRecovered = false
            for entry in entries {
                if entry.kind.isPayment {
                    paid = paid.adding(entry.amount) ?? Yuan(fen: .max)
                    if paid > project.amount && !reportedPaid {
                        reportedPaid = true
                        out.append(Diagnostic(.overpaid, at: entry.location,
                                              Message("E601", ["project": .text(project.id), "paid": .yuan(paid), "amount": .yuan(project.amount)]),
                                              help: Message("E601.help"), subject: subject))
                    }
                } else {
                    recovered = recovered.adding(entry.amount) ?? Yuan(fen: .max)
                    if recovered > paid && !reportedRecovered {
                        reportedRecovered = true
                        out.append(Diagnostic(.overRecovered, at: entry.location,
                                              Message("E602", ["project": .text(project.id), "recovered": .yuan(recovered), "paid": .yuan(paid)]),
                                              help: Message("E602.help"), subject: subject))
                    }
                }
                if entry.kind == .final {
                    if let final = project.final, final.result == .pass {
                        if entry.date < final.date {
                            out.append(Diagnostic(.finalWithoutPass, at: entry.location,
                                                  Message("E603.early", ["date": .day(entry.date), "final": .day(final.date)]),
                                                  help: Message("E603.early.help"), subject: subject))
                        }
                    } else {
                        out.append(Diagnostic(.finalWithoutPass, at: entry.location,
                                              Message(project.final == nil ? "E603.noFinal" : "E603.notPassed"),
                                              help: Message("E603.help"), subject: subject))
                    }
                }
            }
        }
        return out
    }
}
