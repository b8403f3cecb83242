import GazetteModel

/// Reads `organizations/ID.yaml`.
enum OrganizationReader {
    static let keys = ["name", "credit_code", "type", "category", "registered_with", "registration_authority", "county",
                       "founded", "rating", "annual_inspections", "financial_system", "office", "staff",
                       "certified_social_workers", "violations", "website", "about", "contact"]

    static func read(_ root: YAMLNode, id: String, programme: Programme?, reader r: RecordReader,
                     markdown: inout [MarkdownText]) -> Organization? {
        guard let f = r.fields(root, path: "", known: keys, what: "an organization") else { return nil }
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
            if ProgrammeReader.registrationLevels.contains(text) { registeredWith = text } else {
                r.report(.outOfRange, at: node.location, "`registered_with` should be province, city or county, not `\(text.prefix(40))`.",
                         suggestion: Nearest.suggestion(for: text, among: ProgrammeReader.registrationLevels))
            }
        }
        let county = r.regionCode(f, "county", required: true)
        var rating: Organization.Rating?
        if let g = r.nested(f, "rating", known: ["grade", "year"]) {
            var grade: Grade?
            if let node = r.value(g, "grade", required: true), let text = r.scalarText(node, key: "rating.grade") {
                grade = Grade(text)
                if grade == nil { r.report(.outOfRange, at: node.location, "`\(text.prefix(40))` is not a grade; grades run from 1A to 5A.") }
            }
            let year = r.integer(g, "year", range: 1900...9999, required: true)
            if let grade, let year { rating = Organization.Rating(grade: grade, year: year) }
        }
        var inspections: [Int: String] = [:]
        if let node = f["annual_inspections"] {
            if case let .mapping(pairs, _) = node {
                for (yearNode, resultNode) in pairs {
                    guard let yearText = yearNode.text, let year = Int(yearText), (1900...9999).contains(year) else {
                        r.report(.wrongType, at: yearNode.location, "`annual_inspections` is keyed by year, like `2016: pass`.")
                        continue
                    }
                    let result = resultNode.text ?? ""
                    guard result == "pass" || result == "fail" else {
                        r.report(.outOfRange, at: resultNode.location, "An annual inspection's result is `pass` or `fail`, not `\(result.prefix(40))`.",
                                 suggestion: Nearest.suggestion(for: result, among: ["pass", "fail"]))
                        continue
                    }
                    inspections[year] = result
                }
            } else {
                r.report(.wrongType, at: node.location, "`annual_inspections` should map years to results, like `{2015: pass, 2016: pass}`.")
            }
        }
        var violations: [Organization.Violation] = []
        for v in r.mappings(f, "violations", known: ["date", "description"]) {
            let date = r.day(v, "date", required: true)
            let description = r.text(v, "description", required: true)
            if let date, let description { violations.append(Organization.Violation(date: date, description: description)) }
        }
        if let node = f["website"], let url = node.text, let problem = URLCheck.problem(withAbsoluteHTTP: url) {
            r.report(.badURL, at: node.location, "`website` \(problem)")
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
        organization.locations = r.locations
        return organization
    }

    static func key(_ r: RecordReader, _ f: Fields, _ field: String, in entries: [Programme.Entry]?, listName: String) -> String? {
        guard let node = r.value(f, field, required: true), let text = r.scalarText(node, key: field) else { return nil }
        return r.catalogueKey(text, at: node.location, in: entries, field: field, listName: listName)
    }

    static func reportCreditCode(_ problem: CreditCode.Problem, text: String, at: SourceLocation, reader r: RecordReader) {
        switch problem {
        case let .wrongLength(count):
            r.report(.creditCodeFormat, at: at, "The credit code `\(text.prefix(40))` has \(count) characters; a unified social credit code has 18.")
        case let .badCharacter(position, character):
            var hint = "The code uses digits and the capitals ABCDEFGHJKLMNPQRTUWXY (no I, O, Z, S or V)."
            if character.isLowercase { hint = "Write the letters in capitals." }
            r.report(.creditCodeFormat, at: SourceLocation(file: at.file, line: at.line, column: at.column + position - 1),
                     "Character \(position) of the credit code, `\(character)`, is not in the code's alphabet.", suggestion: hint)
        case let .wrongCheckCharacter(found, expected):
            r.report(.creditCodeCheck, at: SourceLocation(file: at.file, line: at.line, column: at.column + 17),
                     "The credit code's check character is `\(found)`, but the first 17 characters give `\(expected)`.",
                     suggestion: "Copy the code again from the registration certificate: a character is probably mistyped.")
        }
    }
}
