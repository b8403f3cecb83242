import GazetteModel

/// Reads `projects/ID.yaml`.
enum ProjectReader {
    static let keys = ["title", "organization", "category", "services", "target_groups", "county", "communities",
                       "amount", "applied", "reviewed_by", "contract", "period", "needs_assessment", "midterm",
                       "final", "outcomes", "documents", "summary", "responses"]
    /// The keys of one of `documents` and of one of `responses`.
    static let documentKeys = ["title", "file"]
    static let responseKeys = ["finding", "by", "date", "decision", "deadline"]

    /// The programme's lists a project is read against, gathered once for all projects.
    struct Catalogue: Sendable {
        let programme: Programme
        let categories: [Programme.Entry]
        let allServices: [Programme.Entry]

        init(_ programme: Programme) {
            self.programme = programme
            categories = programme.categories.map(\.entry)
            allServices = programme.allServices
        }
    }

    static func read(_ root: YAMLNode, id: String, catalogue: Catalogue?, reader r: RecordReader,
                     markdown: inout [MarkdownText]) -> Project? {
        let programme = catalogue?.programme
        guard let f = r.fields(root, path: "", known: keys, what: .word("what.project")) else { return nil }
        let owner = "project:\(id)"
        let title = r.text(f, "title", required: true)
        let organization = r.text(f, "organization", required: true)
        let category = OrganizationReader.key(r, f, "category", in: catalogue?.categories, listName: "categories")
        let categoryEntry = category.flatMap { programme?.category($0) }
        let services = keys(r, f, "services", in: catalogue?.allServices, listName: "services")
        let targetGroups = keys(r, f, "target_groups", in: programme?.targetGroups, listName: "target_groups")
        if let categoryEntry {
            for (index, service) in services.enumerated() where !categoryEntry.services.contains(where: { $0.key == service }) {
                r.report(.outsideCategory, at: r.locations.at("services[\(index)]"),
                         Message("E302.service", ["service": .text(service), "category": .text(categoryEntry.key),
                                                  "name": .text(categoryEntry.entry.name)]),
                         help: Message("E302.service.help", ["services": .texts(categoryEntry.services.map(\.key))]))
            }
            for (index, group) in targetGroups.enumerated() where !categoryEntry.targetGroups.contains(group) {
                r.report(.outsideCategory, at: r.locations.at("target_groups[\(index)]"),
                         Message("E302.group", ["group": .text(group), "category": .text(categoryEntry.key),
                                                "name": .text(categoryEntry.entry.name)]),
                         help: Message("E302.group.help", ["groups": .texts(categoryEntry.targetGroups)]))
            }
        }
        let county = r.regionCode(f, "county", required: true)
        let amount = r.yuan(f, "amount", required: true)

        var contract: Project.Contract?
        if let c = r.nested(f, "contract", known: ["date", "number"]) {
            contract = Project.Contract(date: r.day(c, "date", required: true), number: r.text(c, "number"))
        }
        let period = readPeriod(r, f, "period")
        var needs: Project.NeedsAssessment?
        if let n = r.nested(f, "needs_assessment", known: ["date", "method", "respondents", "findings"]) {
            needs = Project.NeedsAssessment(date: r.day(n, "date"), method: r.text(n, "method"),
                                            respondents: r.integer(n, "respondents", range: 0...100_000_000),
                                            findings: r.markdown(n, "findings", owner: owner, into: &markdown))
        }
        let midterm = readMidterm(r, f)
        var final: Project.Final?
        if let e = r.nested(f, "final", known: ["date", "by", "result", "satisfaction", "score"]) {
            let date = r.day(e, "date", required: true)
            let result = r.choice(e, "result", as: Project.Result.self, required: true, allowed: [.pass, .fail])
            let satisfaction = r.percent(e, "satisfaction")
            let score = r.percent(e, "score")
            if let date, let result {
                final = Project.Final(date: date, by: r.text(e, "by"), result: result, satisfaction: satisfaction, score: score)
            }
        }
        var outcomes: Project.Outcomes?
        if let o = r.nested(f, "outcomes", known: ["beneficiaries", "sessions", "hours", "highlights"]) {
            outcomes = Project.Outcomes(beneficiaries: r.integer(o, "beneficiaries", range: 0...100_000_000),
                                        sessions: r.integer(o, "sessions", range: 0...100_000_000),
                                        hours: r.integer(o, "hours", range: 0...100_000_000),
                                        highlights: r.markdown(o, "highlights", owner: owner, into: &markdown))
        }
        var documents: [Project.Document] = []
        for d in r.mappings(f, "documents", known: documentKeys) {
            let title = r.text(d, "title", required: true)
            let file = r.text(d, "file", required: true)
            guard let title, let file else { continue }
            let document = Project.Document(title: title, file: file)
            if document.isURL {
                if let problem = URLCheck.problemMessage(withAbsoluteHTTP: file, field: d.path("file")) {
                    r.report(.badURL, at: d.values["file"]!.location, problem)
                } else if !file.lowercased().hasPrefix("https://") {
                    r.report(.badURL, at: d.values["file"]!.location, Message("E108.https"), help: Message("E108.https.help"))
                }
            }
            documents.append(document)
        }
        let summary = r.markdown(f, "summary", owner: owner, into: &markdown)
        let responses = readResponses(r, f)
        guard let title, let organization, let county, let amount else { return nil }
        var project = Project(id: id, title: title, organization: organization, category: category ?? "", services: services,
                              targetGroups: targetGroups, county: county,
                              communities: r.list(f, "communities")?.map(\.text) ?? [], amount: amount,
                              applied: r.day(f, "applied"), reviewedBy: r.text(f, "reviewed_by"), contract: contract,
                              period: period, needsAssessment: needs, midterm: midterm, final: final, outcomes: outcomes,
                              documents: documents, summary: summary, locations: r.locations.compacted())
        project.responses = responses
        return project
    }

    /// `responses:`: what was done about a finding (the finding's code, who responded, when, the decision,
    /// and by when).
    static func readResponses(_ r: RecordReader, _ f: Fields) -> [FindingResponse] {
        let codes = DiagnosticCode.allCases.filter { $0.severity == .finding }.map(\.rawValue)
        return r.mappings(f, "responses", known: responseKeys).compactMap { e in
            var code: DiagnosticCode?
            if let node = r.value(e, "finding", required: true), let text = r.scalarText(node, key: e.path("finding")) {
                code = DiagnosticCode(rawValue: text.trimmingSpaces().uppercased())
                if code?.severity != .finding {
                    code = nil
                    r.report(.outOfRange, at: node.location,
                             Message("E104.choice", ["value": .text(String(text.prefix(40))), "field": .text(e.path("finding")),
                                                     "choices": .choices(codes)]),
                             help: Nearest.help(for: text, among: codes))
                }
            }
            let by = r.text(e, "by", required: true), date = r.day(e, "date", required: true)
            let decision = r.text(e, "decision", required: true), deadline = r.day(e, "deadline")
            guard let code, let by, let date, let decision else { return nil }
            return FindingResponse(code: code, by: by, date: date, decision: decision, deadline: deadline)
        }
    }

    private static func keys(_ r: RecordReader, _ f: Fields, _ field: String, in entries: [Programme.Entry]?,
                             listName: String) -> [String] {
        (r.list(f, field, required: true) ?? []).compactMap {
            r.catalogueKey($0.text, at: $0.at, in: entries, field: field, listName: listName)
        }
    }

    static func readPeriod(_ r: RecordReader, _ f: Fields, _ key: String) -> Project.Period? {
        guard let p = r.nested(f, key, known: ["start", "end"]) else { return nil }
        let start = r.day(p, "start", required: true)
        let end = r.day(p, "end", required: true)
        guard let start, let end else { return nil }
        return Project.Period(start: start, end: end)
    }

    private static func readMidterm(_ r: RecordReader, _ f: Fields) -> Project.Midterm? {
        guard let m = r.nested(f, "midterm", known: ["date", "by", "result", "satisfaction", "spot_check", "rectification"]) else {
            return nil
        }
        let date = r.day(m, "date", required: true)
        let result = r.choice(m, "result", as: Project.Result.self, required: true)
        let satisfaction = r.percent(m, "satisfaction")
        var spotCheck: Project.SpotCheck?
        if let s = r.nested(m, "spot_check", known: ["by", "date", "result"]) {
            spotCheck = Project.SpotCheck(by: r.text(s, "by"), date: r.day(s, "date", required: true),
                                          result: r.choice(s, "result", as: Project.Result.self))
        }
        var rectification: Project.Rectification?
        if let x = r.nested(m, "rectification", known: ["deadline", "result"]) {
            rectification = Project.Rectification(deadline: r.day(x, "deadline", required: true),
                                                  result: r.choice(x, "result", as: Project.Result.self, allowed: [.pass, .fail]))
            if result != .rectify, let node = m.values["rectification"] {
                r.report(.outOfRange, at: node.location, Message("E104.rectification"), help: Message("E104.rectification.help"))
            }
        }
        guard let date, let result else { return nil }
        return Project.Midterm(date: date, by: r.list(m, "by")?.map(\.text) ?? [], result: result,
                               satisfaction: satisfaction, spotCheck: spotCheck, rectification: rectification)
    }
}
