import GazetteModel
import GazetteSite
import GazetteTemplates

extension PageContext {
    /// `/changes/`: each publication of the data, newest first, with what changed since the one before.
    package func changesPage(_ entries: [ChangeEntry]) -> some TemplateView {
        ChangesPageView(
            layout: layoutView(title: strings.text("changes.title"), section: "changes"),
            publications: entries.map(publication),
            dataHref: link("data/"))
    }

    private func publication(_ entry: ChangeEntry) -> ChangesPageView.Publication {
        let diff = entry.diff
        func items(_ kind: PublicationDiff.Kind) -> [ChangesPageView.Change] {
            diff.records.filter { $0.kind == kind }.map { change in
                .init(name: change.name,
                      kindLabel: strings.text("changes.recordKinds.\(change.record.prefix { $0 != ":" })"),
                      href: change.path.map(link),
                      fields: change.fields.map { fieldLabel($0) }.joined(separator: language == "en" ? ", " : "、"),
                      moved: movedFigures(change))
            }
        }
        func ledgerRows(_ rows: [[String: String]]) -> [ChangesPageView.LedgerRow] {
            rows.map { row in
                let project = row["project"] ?? ""
                let amount = row["amount"].flatMap { try? Yuan.parse($0).get() } ?? .zero
                return .init(date: dateView(row["date"].flatMap { Day($0) }),
                             projectName: site.project(project)?.project.title ?? project,
                             href: site.project(project) == nil ? nil : projectURL(project),
                             kind: strings.text("ledger.\(row["kind"] ?? "")"),
                             amount: moneyView(amount),
                             reference: row["reference"] ?? "")
            }
        }
        return .init(
            number: String(entry.number),
            anchor: ChangeEntry.anchor(entry.number),
            heading: strings.format("changes.publication", ["n": String(entry.number)]),
            date: dateView(entry.date),
            first: entry.isFirst,
            firstSummary: strings.format("changes.firstSummary", [
                "projects": String(entry.projects), "organizations": String(entry.organizations),
                "notices": String(entry.notices), "ledger": String(entry.ledgerRows),
            ]),
            added: entry.isFirst ? [] : items(.added),
            changed: items(.changed),
            removed: items(.removed),
            ledgerAdded: entry.isFirst ? [] : ledgerRows(diff.ledgerAdded),
            ledgerRemoved: ledgerRows(diff.ledgerRemoved))
    }

    /// The figures of a changed record that moved, before and after: money and the status of a project
    /// (`paid`: ¥60,000.00 → ¥150,000.00), as `{field, label, old, new}` (issue 17).
    func movedFigures(_ change: PublicationDiff.RecordChange) -> [ChangesPageView.Change.Moved] {
        let moneyFields: Set<String> = ["amount", "paid", "recovered"]
        return change.fields.filter { moneyFields.contains($0) || $0 == "status" }.map { field in
            let values = change.values[field]
            func shown(_ text: String?) -> String {
                guard let text else { return "—" }
                if moneyFields.contains(field), let amount = try? Yuan.parse(text).get() { return MoneyFormat.table(amount) }
                if field == "status", let status = ProjectStatus(rawValue: text) { return statusLabel(status) }
                return text
            }
            return .init(field: field, label: fieldLabel(field), old: shown(values?.old), new: shown(values?.new))
        }
    }

    /// A field's name in the interface's language, or the field's own key when it has none.
    private func fieldLabel(_ key: String) -> String {
        let label = strings.text("changes.fields.\(key)")
        return label == "changes.fields.\(key)" ? key : label
    }
}
