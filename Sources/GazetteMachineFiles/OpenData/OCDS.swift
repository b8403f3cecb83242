import GazetteModel
import GazetteOutput
import GazetteSite
import GazetteTemplates

/// The Open Contracting Data Standard 1.1 packages of `data/ocds/`: one contracting process per project,
/// `ocid` = `site.ocid_prefix` + `-` + the project's ID. Codes are from the OCDS 1.1 codelists; every date is
/// the record's day at midnight, China Standard Time; the packages are dated by the site's as-of date.
struct OCDS: Sendable {
    let site: ResolvedSite
    let strings: Strings
    let baseURL: String
    let prefix: String

    static let releasePackagePath = "data/ocds/release-package.json"
    static let recordPackagePath = "data/ocds/record-package.json"
    /// The time zone of every date: the programme's records carry days, not times.
    static let dayOffset = "+08:00"
    static let currency = "CNY"

    init?(site: ResolvedSite, strings: Strings, baseURL: String) {
        guard let prefix = site.site.ocidPrefix else { return nil }
        self.site = site
        self.strings = strings
        self.baseURL = baseURL
        self.prefix = prefix
    }

    static func date(_ day: Day) -> JSONValue { .string("\(day)T00:00:00\(dayOffset)") }
    static func value(_ amount: Yuan) -> JSONValue { .object(["amount": .number(amount.plainText), "currency": .string(currency)]) }

    func ocid(_ project: ResolvedProject) -> String { "\(prefix)-\(project.id)" }
    func releaseID(_ project: ResolvedProject) -> String { "\(ocid(project))-\(site.asOf)" }

    private func package() -> [String: JSONValue] {
        var package: [String: JSONValue] = ["version": .string("1.1"), "publishedDate": Self.date(site.asOf),
                                            "publisher": .object(["name": .string(site.site.publisher)])]
        if let license = site.site.license { package["license"] = .string(license.url) }
        return package
    }

    func releasePackage() -> JSONValue {
        var package = package()
        package["uri"] = .string(baseURL + Self.releasePackagePath)
        let projects = site.projects
        package["releases"] = .lazyArray(count: projects.count) { .object(self.release(projects[$0])) }
        return .object(package)
    }

    func recordPackage() -> JSONValue {
        var package = package()
        package["uri"] = .string(baseURL + Self.recordPackagePath)
        package["packages"] = .array([.string(baseURL + Self.releasePackagePath)])
        let projects = site.projects
        package["records"] = .lazyArray(count: projects.count) { index in
            let project = projects[index]
            let release = self.release(project)
            var compiled = release
            compiled["tag"] = .array([.string("compiled")])
            return .object([
                "ocid": .string(self.ocid(project)),
                "releases": .array([.object(["url": .string(self.baseURL + Self.releasePackagePath + "#" + self.releaseID(project)),
                                             "date": release["date"]!, "tag": release["tag"]!])]),
                "compiledRelease": .object(compiled),
            ])
        }
        return .object(package)
    }

    // MARK: One release per project

    private var buyer: (id: String, name: String) { ("buyer", site.programme.buyer) }

    private func supplier(_ p: ResolvedProject) -> (id: String, name: String, code: String) {
        let code = p.organization?.creditCodeText ?? p.project.organization
        return ("CN-USCI-\(code)", p.organization?.name ?? p.project.organization, code)
    }

    private func reference(_ party: (id: String, name: String)) -> JSONValue {
        .object(["id": .string(party.id), "name": .string(party.name)])
    }

    func release(_ p: ResolvedProject) -> [String: JSONValue] {
        let r = p.project
        let supplier = supplier(p)
        let supplierRef = reference((supplier.id, supplier.name))
        let buyerRef = reference(buyer)
        let implementation = self.implementation(p, buyer: buyerRef, supplier: supplierRef)
        var tag: [String] = ["tender", "award", "contract"]
        if !implementation.isEmpty { tag.append("implementation") }
        if p.status == .completed || p.status.mustRepay { tag.append("contractTermination") }

        var release: [String: JSONValue] = [
            "ocid": .string(ocid(p)), "id": .string(releaseID(p)), "date": Self.date(site.asOf),
            "tag": .array(tag.map(JSONValue.string)), "initiationType": .string("tender"),
            "language": .string(site.site.language == "en" ? "en" : "zh"),
            "parties": .array([
                .object(["id": .string(buyer.id), "name": .string(buyer.name),
                         "roles": .array(["buyer", "procuringEntity", "payer"].map(JSONValue.string))]),
                .object(["id": .string(supplier.id), "name": .string(supplier.name),
                         "identifier": .object(["scheme": .string("CN-USCI"), "id": .string(supplier.code), "legalName": .string(supplier.name)]),
                         "roles": .array(["supplier", "payee"].map(JSONValue.string))]),
            ]),
            "buyer": buyerRef,
            "tender": tender(p, buyer: buyerRef),
        ]
        var award: [String: JSONValue] = [
            "id": .string("\(r.id)-award"), "title": .string(r.title), "status": .string("active"),
            "value": Self.value(r.amount), "suppliers": .array([supplierRef]),
        ]
        if let signed = r.contract?.date { award["date"] = Self.date(signed) }
        if let period = r.period { award["contractPeriod"] = periodValue(period) }
        release["awards"] = .array([.object(award)])
        var contract: [String: JSONValue] = [
            "id": .string(r.contract?.number ?? "\(r.id)-contract"), "awardID": .string("\(r.id)-award"),
            "title": .string(r.title), "value": Self.value(r.amount),
            "status": .string(p.status == .completed || p.status.mustRepay ? "terminated" : "active"),
        ]
        if let signed = r.contract?.date { contract["dateSigned"] = Self.date(signed) }
        if let period = r.period { contract["period"] = periodValue(period) }
        if !implementation.isEmpty { contract["implementation"] = .object(implementation) }
        release["contracts"] = .array([.object(contract)])
        return release
    }

    private func periodValue(_ period: Project.Period) -> JSONValue {
        .object(["startDate": Self.date(period.start), "endDate": Self.date(period.end)])
    }

    private func tender(_ p: ResolvedProject, buyer: JSONValue) -> JSONValue {
        let r = p.project
        let cap = Eligibility.cap(for: p.organization, on: r.applicationDate, rules: site.programme.rules)
        var tender: [String: JSONValue] = [
            "id": .string("\(r.id)-tender"), "title": .string(r.title), "status": .string("complete"),
            "procuringEntity": buyer, "value": Self.value(cap.cap), "mainProcurementCategory": .string("services"),
            "eligibilityCriteria": .string(eligibilityCriteria()),
        ]
        if let period = r.period { tender["contractPeriod"] = periodValue(period) }
        var review: [String: JSONValue] = [
            "id": .string("\(r.id)-review"), "title": .string(strings.text("openData.ocds.review")),
            "type": .string("assessment"),
        ]
        if let by = r.reviewedBy {
            review["description"] = .string(strings.format("openData.ocds.reviewedBy", ["by": by]))
            review["status"] = .string("met")
        } else {
            review["status"] = .string(r.contract == nil ? "scheduled" : "met")
        }
        if let signed = r.contract?.date { review["dateModified"] = Self.date(signed) }
        tender["milestones"] = .array([.object(review)])
        return .object(tender)
    }

    /// The programme's conditions in one paragraph, from its rules and its catalogue.
    func eligibilityCriteria() -> String {
        let p = site.programme, rules = p.rules, language = site.site.language
        let separator = strings.text("openData.ocds.or")
        func name(_ e: Programme.Entry) -> String { language == "en" ? (e.nameEn ?? e.name) : e.name }
        return strings.format("openData.ocds.eligibility", [
            "types": p.organizationTypes.map(name).joined(separator: separator),
            "levels": rules.registrationLevels.map { strings.text("openData.ocds.levels.\($0)") }.joined(separator: separator),
            "years": rules.inspectionYears.map(String.init).joined(separator: separator),
            "cap": MoneyFormat.prose(rules.projectCap, language: language),
            "ratedCap": MoneyFormat.prose(rules.ratedProjectCap, language: language),
            "grade": rules.ratedMinGrade.description,
            "validYears": String(rules.gradeValidYears),
        ])
    }

    private func implementation(_ p: ResolvedProject, buyer: JSONValue, supplier: JSONValue) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        // A transaction's `id` is its voucher number (凭证号) when it has one that no other row of the project
        // shares, else the project's ID and the row's place; its `source` (a URI in OCDS) is the project's page,
        // where the row is shown.
        let references = Dictionary(grouping: p.ledger.map(\.reference), by: { $0 }).mapValues(\.count)
        let page = JSONValue.string(baseURL + Routes.project(p.id))
        let transactions: [JSONValue] = p.ledger.enumerated().map { index, entry in
            let payment = entry.kind.isPayment
            let unique = !entry.reference.isEmpty && references[entry.reference] == 1
            return .object([
                "id": .string(unique ? entry.reference : "\(p.id)-\(index + 1)"), "date": Self.date(entry.date),
                "value": Self.value(entry.amount), "payer": payment ? buyer : supplier, "payee": payment ? supplier : buyer,
                "source": page,
            ])
        }
        if !transactions.isEmpty { out["transactions"] = .array(transactions) }
        out["milestones"] = .array(milestones(p))
        let documents: [JSONValue] = p.project.documents.enumerated().map { index, d in
            .object(["id": .string("\(p.id)-document-\(index + 1)"), "title": .string(d.title),
                     "url": .string(SiteData(site: site, baseURL: baseURL).documentURL(d))])
        }
        if !documents.isEmpty { out["documents"] = .array(documents) }
        return out
    }

    /// Mid-term evaluation, city spot-check, rectification and final evaluation, as far as they are known.
    private func milestones(_ p: ResolvedProject) -> [JSONValue] {
        let r = p.project
        var list: [JSONValue] = []
        func milestone(_ key: String, result: Project.Result?, on date: Day?, due: Day? = nil, description: String? = nil) {
            var m: [String: JSONValue] = [
                "id": .string("\(r.id)-\(key)"), "title": .string(strings.text("openData.ocds.milestones.\(key)")),
                "type": .string("assessment"),
            ]
            switch result {
            case .pass?:
                m["status"] = .string("met")
                if let date { m["dateMet"] = Self.date(date) }
            case .rectify?, .fail?:
                m["status"] = .string("notMet")
                if let date { m["dateModified"] = Self.date(date) }
            case nil:
                m["status"] = .string("scheduled")
                if let due { m["dueDate"] = Self.date(due) }
            }
            if let description, !description.isEmpty { m["description"] = .string(description) }
            list.append(.object(m))
        }
        let joiner = strings.text("openData.ocds.and")
        if let m = r.midterm {
            milestone("midterm", result: m.result, on: m.date, description: m.by.joined(separator: joiner))
            if let check = m.spotCheck {
                milestone("spotCheck", result: check.result, on: check.date, due: check.date, description: check.by)
            }
            if let rectification = m.rectification {
                milestone("rectification", result: rectification.result, on: nil, due: rectification.deadline)
            }
        } else {
            milestone("midterm", result: nil, on: nil)
        }
        if let f = r.final {
            milestone("final", result: f.result, on: f.date, description: f.by)
        } else if !p.status.mustRepay {
            milestone("final", result: nil, on: nil, due: r.period?.end)
        }
        return list
    }
}
