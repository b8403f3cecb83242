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
        for project in c.content.projects[range] {
            let subject = "project:\(project.id)"
            let entries = (c.ledgerByProject[project.id] ?? []).sorted { ($0.date, $0.location) < ($1.date, $1.location) }
            var paid = Yuan.zero, recovered = Yuan.zero
            var reportedPaid = false, reportedRecovered = false
            for entry in entries {
                if entry.kind.isPayment {
                    paid = paid.adding(entry.amount) ?? Yuan(fen: .max)
                    if paid > project.amount && !reportedPaid {
                        reportedPaid = true
                        out.append(Diagnostic(.overpaid, at: entry.location,
                                              "With this row, project `\(project.id)` is paid \(paid.plainText) yuan, more than its amount of \(project.amount.plainText).",
                                              suggestion: "Check the row's amount, or the project's `amount`.", subject: subject))
                    }
                } else {
                    recovered = recovered.adding(entry.amount) ?? Yuan(fen: .max)
                    if recovered > paid && !reportedRecovered {
                        reportedRecovered = true
                        out.append(Diagnostic(.overRecovered, at: entry.location,
                                              "With this row, \(recovered.plainText) yuan is recovered from project `\(project.id)`, more than the \(paid.plainText) paid so far.",
                                              suggestion: "A recovery returns money already paid; check the amount and the date.", subject: subject))
                    }
                }
                if entry.kind == .final {
                    if let final = project.final, final.result == .pass {
                        if entry.date < final.date {
                            out.append(Diagnostic(.finalWithoutPass, at: entry.location,
                                                  "This final payment (\(entry.date)) is before the final evaluation (\(final.date)).",
                                                  suggestion: "The rest of the money is paid only after the final evaluation passes.", subject: subject))
                        }
                    } else {
                        let why = project.final == nil ? "the project has no final evaluation" : "its final evaluation did not pass"
                        out.append(Diagnostic(.finalWithoutPass, at: entry.location,
                                              "This is a final payment, but \(why).",
                                              suggestion: "Record the passed `final` evaluation, or use kind `installment` for a payment on account.", subject: subject))
                    }
                }
            }
        }
        return out
    }
}
