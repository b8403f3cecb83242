import GazetteModel

/// Reads `programme.yaml`: the catalogue and the parameters of the rules.
enum ProgrammeReader {
    static let keys = ["name", "year", "buyer", "partners", "fee", "regions", "target_groups", "categories",
                       "organization_types", "organization_categories", "rules", "description"]
    static let entryKeys = ["key", "name", "name_en", "description"]
    static let categoryKeys = ["key", "name", "name_en", "description", "services", "target_groups"]
    static let ruleKeys = ["project_cap", "rated_project_cap", "rated_min_grade", "grade_valid_years",
                           "inspection_years", "registration_levels", "spot_check_min_ratio"]
    static let fees = ["free", "low-cost", "paid"]
    static let registrationLevels = ["province", "city", "county"]

    static func read(_ root: YAMLNode, reader r: RecordReader) -> Programme? {
        guard let f = r.fields(root, path: "", known: keys, what: "programme.yaml") else { return nil }
        let name = r.text(f, "name", required: true)
        let year = r.integer(f, "year", range: 1900...9999, required: true)
        let buyer = r.text(f, "buyer", required: true)
        let partners = r.list(f, "partners")?.map(\.text) ?? []
        var fee = "free"
        if let node = f["fee"], let text = r.scalarText(node, key: "fee") {
            if let key = Keywords.key(for: text, among: fees) { fee = key } else {
                r.report(.outOfRange, at: node.location,
                         Message("E104.choice", ["value": .text(String(text.prefix(40))), "field": .text("fee"),
                                                 "choices": .alternatives(fees.map { Keywords.shown($0) })]),
                         help: Keywords.nearest(for: text, among: fees))
            }
        }
        let regions = (r.list(f, "regions", required: true) ?? []).compactMap { r.regionCode($0.text, at: $0.at, key: "regions") }
        var seenKeys: [String: SourceLocation] = [:]
        let targetGroups = entries(r, f, "target_groups", seen: &seenKeys)
        let organizationTypes = entries(r, f, "organization_types", seen: &seenKeys)
        let organizationCategories = entries(r, f, "organization_categories", seen: &seenKeys)

        var categories: [Programme.Category] = []
        for (index, c) in r.mappings(f, "categories", known: categoryKeys).enumerated() {
            guard let entry = entry(r, c),
                  unique(r, entry.key, at: c.values["key"]?.location ?? c.location, seen: &seenKeys, list: "categories") else { continue }
            var services: [Programme.Entry] = []
            for s in r.mappings(c, "services", known: entryKeys) {
                // Services share one scope across categories: each has its page, /services/KEY/.
                if let service = self.entry(r, s),
                   unique(r, service.key, at: s.values["key"]?.location ?? s.location, seen: &seenKeys, list: "services") {
                    services.append(service)
                }
            }
            if services.isEmpty { r.report(.missingField, at: c.location, Message("E101.services", ["category": .text(entry.key)])) }
            var groups: [String] = []
            for item in r.list(c, "target_groups", required: true) ?? [] {
                if let group = targetGroups.first(where: { $0.key == item.text || $0.name == item.text }) {
                    groups.append(group.key)
                } else {
                    r.report(.unknownReference, at: item.at, Message("E301.categoryGroup", ["category": .text(entry.key), "group": .text(item.text)]),
                             help: Nearest.help(for: item.text, among: targetGroups.map(\.key)))
                }
            }
            _ = index
            categories.append(Programme.Category(entry: entry, services: services, targetGroups: groups))
        }
        if f["categories"] == nil { _ = r.value(f, "categories", required: true) }

        let rules = readRules(r, f)
        guard let name, let year, let buyer, let rules else { return nil }
        var programme = Programme(name: name, year: year, buyer: buyer, partners: partners, fee: fee, regions: regions,
                                  targetGroups: targetGroups, categories: categories, organizationTypes: organizationTypes,
                                  organizationCategories: organizationCategories, rules: rules, locations: r.locations)
        programme.description = r.text(f, "description")
        return programme
    }

    private static func entry(_ r: RecordReader, _ f: Fields) -> Programme.Entry? {
        let key = r.text(f, "key", required: true)
        let name = r.text(f, "name", required: true)
        if let key, !ID.isValid(key), let node = f["key"] {
            r.report(.badID, at: node.location, Message("E201.key", ["key": .text(String(key.prefix(40)))]), help: Message("E201.key.help"))
            return nil
        }
        guard let key, let name else { return nil }
        return Programme.Entry(key: key, name: name, nameEn: r.text(f, "name_en"), description: r.text(f, "description"))
    }

    private static func entries(_ r: RecordReader, _ f: Fields, _ key: String, seen: inout [String: SourceLocation]) -> [Programme.Entry] {
        if f[key] == nil { _ = r.value(f, key, required: true) }
        return r.mappings(f, key, known: entryKeys).compactMap { e in
            guard let entry = entry(r, e), unique(r, entry.key, at: e.values["key"]?.location ?? e.location, seen: &seen, list: key) else {
                return nil
            }
            return entry
        }
    }

    /// Keys name pages (`/services/KEY/`), so one key means one thing within its list.
    private static func unique(_ r: RecordReader, _ key: String, at: SourceLocation, seen: inout [String: SourceLocation],
                               list: String) -> Bool {
        let scoped = list + "/" + key
        if let first = seen[scoped] {
            r.report(.duplicateID, at: at, Message("E202.key", ["key": .text(key), "list": .text(list), "line": .number(first.line)]))
            return false
        }
        seen[scoped] = at
        return true
    }

    private static func readRules(_ r: RecordReader, _ f: Fields) -> Programme.Rules? {
        guard let rules = r.nested(f, "rules", known: ruleKeys, required: true) else { return nil }
        let cap = r.yuan(rules, "project_cap", required: true)
        let ratedCap = r.yuan(rules, "rated_project_cap", required: true)
        var grade: Grade?
        if let node = r.value(rules, "rated_min_grade", required: true), let text = r.scalarText(node, key: "rules.rated_min_grade") {
            grade = Grade(text)
            if grade == nil {
                r.report(.outOfRange, at: node.location, Message("E104.grade", ["value": .text(String(text.prefix(40)))]))
            }
        }
        let validYears = r.integer(rules, "grade_valid_years", range: 0...100, required: true)
        let inspectionYears = (r.list(rules, "inspection_years", required: true) ?? []).compactMap { item -> Int? in
            guard let year = Int(item.text), (1900...9999).contains(year) else {
                r.report(.wrongType, at: item.at, Message("E102.year", ["value": .text(String(item.text.prefix(40)))]))
                return nil
            }
            return year
        }
        let levels = (r.list(rules, "registration_levels", required: true) ?? []).compactMap { item -> String? in
            guard let level = Keywords.key(for: item.text, among: registrationLevels) else {
                r.report(.outOfRange, at: item.at,
                         Message("E104.choice", ["value": .text(String(item.text.prefix(40))), "field": .text("rules.registration_levels"),
                                                 "choices": .alternatives(registrationLevels.map { Keywords.shown($0) })]),
                         help: Keywords.nearest(for: item.text, among: registrationLevels))
                return nil
            }
            return level
        }
        var ratio: Ratio?
        if let node = r.value(rules, "spot_check_min_ratio", required: true), let text = r.scalarText(node, key: "rules.spot_check_min_ratio") {
            ratio = Ratio(text)
            if ratio == nil {
                r.report(.outOfRange, at: node.location, Message("E104.ratio", ["value": .text(String(text.prefix(40)))]),
                         help: Message("E104.ratio.help"))
            }
        }
        guard let cap, let ratedCap, let grade, let validYears, let ratio else { return nil }
        return Programme.Rules(projectCap: cap, ratedProjectCap: ratedCap, ratedMinGrade: grade,
                               gradeValidYears: validYears, inspectionYears: inspectionYears,
                               registrationLevels: levels, spotCheckMinRatio: ratio)
    }
}
