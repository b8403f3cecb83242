import GazetteModel

/// Reads `organizations/ID.yaml`.
enum OrganizationReader {
    static let keys = ["name", "credit_code", "type", "category", "registered_with", "registration_authority", "county",
                       "founded", "rating", "annual_inspections", "financial_system", "office", "staff",
                       "certified_social_workers", "violations", "website", "about", "contact", "responses"]
    /// The keys of one of `violations`.
    static let violationKeys = ["date", "description"]

    static func read(_ root: YAMLNode, id: String, programme: Programme?, reader r: RecordReader,
                     markdown: inout [MarkdownText]) -> Organization? {
        guard let f = r.fields(root, path: "", known: keys, what: .word("what.organization")) else { return nil }
        let name = r.text(f, "name", required: true)
        let codeText = r.text(f, "credit_code", required: true)
        var creditCode: CreditCode?
        if let codeText, let node = f["credit_code"] {
            switch CreditCode.validate(codeText) {
            case let .success(code): creditCode = code
            case let .failure(problem): reportCreditCode(problem, text: codeText, at: node.location, reader: r)
            }
        }
        let type = key(r, f, "type", in: programme?.organizationTypes, listName: "organization_types")
        let category = key(r, f, "category", in: programme?.organizationCategories, listName: "organization_categories")
        var registeredWith: String?
        if let node = r.value(f, "registered_with", required: true), let text = r.scalarText(node, key: "registered_with") {
            if let level = Keywords.key(for: text, among: ProgrammeReader.registrationLevels) { registeredWith = level } else {
                r.report(.outOfRange, at: node.location,
                         Message("E104.choice", ["value": .text(String(text.prefix(40))), "field": .text("registered_with"),
                                                 "choices": .alternatives(ProgrammeReader.registrationLevels.map { Keywords.shown($0) })]),
                         help: Keywords.nearest(for: text, among: ProgrammeReader.registrationLevels))
            }
        }
        let county = r.regionCode(f, "county", required: true)
        var rating: Organization.Rating?
        if let g = r.nested(f, "rating", known: ["grade", "year"]) {
            var grade: Grade?
            if let node = r.value(g, "grade", required: true), let text = r.scalarText(node, key: "rating.grade") {
                grade = Grade(text)
                if grade == nil { r.report(.outOfRange, at: node.location, Message("E104.grade", ["value": .text(String(text.prefix(40)))])) }
            }
            let year = r.integer(g, "year", range: 1900...9999, required: true)
            if let grade, let year { rating = Organization.Rating(grade: grade, year: year) }
        }
        var inspections: [Int: String] = [:]
        if let node = f["annual_inspections"] {
            if case let .mapping(pairs, _) = node {
                for (yearNode, resultNode) in pairs {
                    guard let yearText = yearNode.text, let year = Int(yearText), (1900...9999).contains(year) else {
                        r.report(.wrongType, at: yearNode.location, Message("E102.inspectionYear"))
                        continue
                    }
                    let written = resultNode.text ?? ""
                    guard let result = Keywords.key(for: written, among: ["pass", "fail"]) else {
                        r.report(.outOfRange, at: resultNode.location,
                                 Message("E104.choice", ["value": .text(String(written.prefix(40))), "field": .text("annual_inspections.\(year)"),
                                                         "choices": .alternatives(["pass", "fail"].map { Keywords.shown($0) })]),
                                 help: Keywords.nearest(for: written, among: ["pass", "fail"]))
                        continue
                    }
                    inspections[year] = result
                }
            } else {
                r.report(.wrongType, at: node.location, Message("E102.inspections"))
            }
        }
        var violations: [Organization.Violation] = []
        for v in r.mappings(f, "violations", known: violationKeys) {
            let date = r.day(v, "date", required: true)
            let description = r.text(v, "description", required: true)
            if let date, let description { violations.append(Organization.Violation(date: date, description: description)) }
        }
        if let node = f["website"], let url = node.text, let problem = URLCheck.problemMessage(withAbsoluteHTTP: url, field: "website") {
            r.report(.badURL, at: node.location, problem)
        }
        var organization = Organization(
            id: id, name: name ?? "", creditCodeText: codeText ?? "", creditCode: creditCode, type: type ?? "",
            category: category ?? "", registeredWith: registeredWith ?? "",
            registrationAuthority: r.text(f, "registration_authority"), county: county ?? "",
            founded: r.day(f, "founded"), rating: rating, annualInspections: inspections,
            financialSystem: r.bool(f, "financial_system"), office: r.text(f, "office"),
            staff: r.integer(f, "staff", range: 0...1_000_000),
            certifiedSocialWorkers: r.integer(f, "certified_social_workers", range: 0...1_000_000),
            violations: violations, website: f["website"]?.text,
            about: r.markdown(f, "about", owner: "organization:\(id)", into: &markdown), locations: r.locations)
        organization.contact = ContactReader.read(r, f)
        organization.responses = ProjectReader.readResponses(r, f)
        organization.locations = r.locations.compacted()
        return organization
    }

    static func key(_ r: RecordReader, _ f: Fields, _ field: String, in entries: [Programme.Entry]?, listName: String) -> String? {
        guard let node = r.value(f, field, required: true), let text = r.scalarText(node, key: field) else { return nil }
        return r.catalogueKey(text, at: node.location, in: entries, field: field, listName: listName)
    }

    static func reportCreditCode(_ problem: CreditCode.Problem, text: String, at: SourceLocation, reader r: RecordReader) {
        switch problem {
        case let .wrongLength(count):
            r.report(.creditCodeFormat, at: at, Message("E401.length", ["value": .text(String(text.prefix(40))), "count": .number(count)]))
        case let .badCharacter(position, character):
            let hint = Message(character.isLowercase ? "E401.capitals.help" : "E401.alphabet.help")
            r.report(.creditCodeFormat, at: SourceLocation(file: at.file, line: at.line, column: at.column + position - 1),
                     Message("E401.character", ["position": .number(position), "character": .text(String(character))]), help: hint)
        case let .wrongCheckCharacter(found, expected):
            r.report(.creditCodeCheck, at: SourceLocation(file: at.file, line: at.line, column: at.column + 17),
                     Message("E402", ["found": .text(String(found)), "expected": .text(String(expected))]), help: Message("E402.help"))
        }
    }
}
