import GazetteModel
import GazettePages
import GazetteSite

extension PageContext {
    /// A project's dated steps as feed entries: the contract, the mid-term review, the spot check, the review of
    /// corrections (once its deadline has passed), the final evaluation, and every payment and recovery in the
    /// ledger. Steps without a date are left out; nothing is dated by the clock.
    func projectEvents(_ p: ResolvedProject) -> [AtomFeed.Entry] {
        let project = p.project
        let page = Routes.project(project.id)
        var entries: [AtomFeed.Entry] = []
        func add(_ key: String, _ day: Day?, _ event: String, anchor: String, summary: [String] = [],
                 category: (term: String, label: String)) {
            guard let day else { return }
            entries.append(AtomFeed.Entry(
                id: tagURI("\(page)#\(key)"),
                title: strings.format("feeds.event", ["project": project.title, "event": event]),
                updated: day, published: day, link: absoluteURL("\(page)#\(anchor)"),
                summary: summary.filter { !$0.isEmpty }.joined(separator: language == "en" ? "; " : ";"),
                categories: [AtomFeed.Category(term: category.term, label: category.label)]))
        }
        func step(_ term: String, _ key: String) -> (term: String, label: String) { (term, strings.text("timeline.\(key)")) }
        func result(_ r: Project.Result?) -> String { strings.text("results.\(r?.rawValue ?? "pending")") }
        func satisfaction(_ value: Percent?) -> String {
            value.map { strings.format("feeds.satisfaction", ["value": "\($0)"]) } ?? ""
        }

        if let contract = project.contract {
            let event = contract.number.map { strings.format("feeds.contractNumbered", ["number": $0]) }
                ?? strings.text("feeds.contract")
            add("contract", contract.date, event, anchor: "timeline-heading",
                summary: ["\(strings.text("figures.contracted")) \(MoneyFormat.table(project.amount))"], category: step("contract", "contract"))
        }
        if let midterm = project.midterm {
            add("midterm", midterm.date, strings.format("feeds.midterm", ["result": result(midterm.result)]),
                anchor: "evaluations-heading",
                summary: [midterm.by.isEmpty ? "" : strings.format("feeds.by", ["by": midterm.by.joined(separator: "、")]),
                          satisfaction(midterm.satisfaction),
                          midterm.rectification?.deadline.map { strings.format("feeds.deadline", ["date": $0.description]) } ?? ""],
                category: step("midterm", "midterm"))
            if let spot = midterm.spotCheck {
                add("spot-check", spot.date, strings.format("feeds.spotCheck", ["result": result(spot.result)]),
                    anchor: "evaluations-heading", summary: [spot.by ?? ""], category: step("spot-check", "spotCheck"))
            }
            // Corrections are reviewed by their deadline: a deadline still to come is not news yet.
            if let rectification = midterm.rectification, let deadline = rectification.deadline, deadline <= site.asOf {
                add("rectification", deadline, strings.format("feeds.rectification", ["result": result(rectification.result)]),
                    anchor: "evaluations-heading",
                    summary: [strings.format("feeds.deadline", ["date": deadline.description])], category: step("rectification", "rectification"))
            }
        }
        if let final = project.final {
            add("final", final.date, strings.format("feeds.final", ["result": result(final.result)]),
                anchor: "evaluations-heading",
                summary: [final.by.map { strings.format("feeds.by", ["by": $0]) } ?? "", satisfaction(final.satisfaction)],
                category: step("final-evaluation", "final"))
        }
        // Ledger rows: numbered within their day and kind, so an ID does not move when a row is added on another day.
        var seen: [String: Int] = [:]
        for entry in p.ledger {
            let base = "ledger-\(entry.date)-\(entry.kind.rawValue)"
            seen[base, default: 0] += 1
            let amount = MoneyFormat.table(entry.amount)
            let event = entry.kind == .recovery
                ? strings.format("feeds.recovery", ["amount": amount])
                : strings.format("feeds.payment", ["kind": strings.text("ledger.\(entry.kind.rawValue)"), "amount": amount])
            add("\(base)-\(seen[base]!)", entry.date, event, anchor: "funds-heading",
                summary: [entry.reference.isEmpty ? "" : strings.format("feeds.reference", ["reference": entry.reference]), entry.note],
                category: ("ledger-\(entry.kind.rawValue)", strings.text("ledger.\(entry.kind.rawValue)")))
        }
        return entries
    }
}
