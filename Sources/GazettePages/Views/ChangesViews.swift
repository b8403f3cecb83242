import GazetteModel
import GazetteSite

extension PageContext {
    /// `/changes/`: each publication of the data, newest first, with what changed since the one before.
    package func changesPage(_ entries: [ChangeEntry]) -> [String: Any] {
        var view = layout(title: strings.text("changes.title"), section: "changes")
        view["publications"] = entries.map { entry -> [String: Any] in
            let diff = entry.diff
            func items(_ kind: PublicationDiff.Kind) -> [[String: Any]] {
                diff.records.filter { $0.kind == kind }.map { change in
                    [
                        "name": change.name,
                        "kindLabel": strings.text("changes.recordKinds.\(change.record.prefix { $0 != ":" })"),
                        "href": change.path.map(link) as Any,
                        "fields": change.fields.map { fieldLabel($0) }.joined(separator: language == "en" ? ", " : "、"),
                        "moved": movedFigures(change),
                        "hasMoved": !movedFigures(change).isEmpty,
                    ]
                }
            }
            func ledgerRows(_ rows: [[String: String]]) -> [[String: Any]] {
                rows.map { row in
                    let project = row["project"] ?? ""
                    let amount = row["amount"].flatMap { try? Yuan.parse($0).get() } ?? .zero
                    return [
                        "date": date(row["date"].flatMap { Day($0) }) ?? [:],
                        "projectName": site.project(project)?.project.title ?? project,
                        "href": (site.project(project) == nil ? nil : projectURL(project)) as Any,
                        "kind": strings.text("ledger.\(row["kind"] ?? "")"),
                        "amount": money(amount),
                        "reference": row["reference"] ?? "",
                    ]
                }
            }
            let added = items(.added), changed = items(.changed), removed = items(.removed)
            return [
                "number": String(entry.number),
                "anchor": ChangeEntry.anchor(entry.number),
                "heading": strings.format("changes.publication", ["n": String(entry.number)]),
                "date": date(entry.date) ?? [:],
                "first": entry.isFirst,
                "firstSummary": strings.format("changes.firstSummary", [
                    "projects": String(entry.projects), "organizations": String(entry.organizations),
                    "notices": String(entry.notices), "ledger": String(entry.ledgerRows),
                ]),
                "added": entry.isFirst ? [] : added, "hasAdded": !entry.isFirst && !added.isEmpty,
                "changed": changed, "hasChanged": !changed.isEmpty,
                "removed": removed, "hasRemoved": !removed.isEmpty,
                "ledgerAdded": entry.isFirst ? [] : ledgerRows(diff.ledgerAdded), "hasLedgerAdded": !entry.isFirst && !diff.ledgerAdded.isEmpty,
                "ledgerRemoved": ledgerRows(diff.ledgerRemoved), "hasLedgerRemoved": !diff.ledgerRemoved.isEmpty,
            ]
        }
        view["none"] = entries.isEmpty
        view["dataHref"] = link("data/")
        return view
    }

    /// The figures of a changed record that moved, before and after: money and the status of a project
    /// (`paid`: ¥60,000.00 → ¥150,000.00), as `{field, label, old, new}` (issue 17).
    func movedFigures(_ change: PublicationDiff.RecordChange) -> [[String: Any]] {
        let moneyFields: Set<String> = ["amount", "paid", "recovered"]
        return change.fields.filter { moneyFields.contains($0) || $0 == "status" }.map { field in
            let values = change.values[field]
            func shown(_ text: String?) -> String {
                guard let text else { return "—" }
                if moneyFields.contains(field), let amount = try? Yuan.parse(text).get() { return MoneyFormat.table(amount) }
                if field == "status", let status = ProjectStatus(rawValue: text) { return statusLabel(status) }
                return text
            }
            return ["field": field, "label": fieldLabel(field), "old": shown(values?.old), "new": shown(values?.new)]
        }
    }

    /// A field's name in the interface's language, or the field's own key when it has none.
    private func fieldLabel(_ key: String) -> String {
        let label = strings.text("changes.fields.\(key)")
        return label == "changes.fields.\(key)" ? key : label
    }
}
