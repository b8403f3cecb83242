/// W101: values that reach the open-data CSVs and would start a formula there. The CSVs write them with an
/// apostrophe in front (`SpreadsheetText`), so they are safe; the warning is for the editor, who most often
/// did not mean it (or did, pasting a formula from a spreadsheet).
public enum SpreadsheetWarnings {
    public static func run(_ content: Content) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func look(_ value: String?, _ field: String, at location: SourceLocation, subject: String) {
            guard let value, SpreadsheetText.startsFormula(value) else { return }
            let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            out.append(Diagnostic(.spreadsheetFormula, at: location,
                                  Message("W101", ["field": .text(field), "first": .text(String(shown.prefix(1))), "value": .text(shown)]),
                                  help: Message("W101.help"),
                                  subject: subject))
        }
        for p in content.projects {
            let subject = "project:\(p.id)"
            look(p.title, "title", at: p.locations.at("title"), subject: subject)
            look(p.reviewedBy, "reviewed_by", at: p.locations.at("reviewed_by"), subject: subject)
            look(p.contract?.number, "contract.number", at: p.locations.at("contract.number"), subject: subject)
            for (index, community) in p.communities.enumerated() {
                look(community, "communities[\(index)]", at: p.locations.at("communities[\(index)]"), subject: subject)
            }
        }
        for o in content.organizations {
            let subject = "organization:\(o.id)"
            for (field, value) in [("name", o.name), ("type", o.type), ("registered_with", o.registeredWith),
                                   ("registration_authority", o.registrationAuthority), ("office", o.office)] {
                look(value, field, at: o.locations.at(field), subject: subject)
            }
        }
        for region in content.regions?.all ?? [] {
            look(region.name, "name", at: region.location, subject: "region:\(region.code)")
        }
        for entry in content.ledger {
            look(entry.reference, "reference", at: entry.location, subject: "project:\(entry.project)")
            look(entry.note, "note", at: entry.location, subject: "project:\(entry.project)")
        }
        return out
    }
}
