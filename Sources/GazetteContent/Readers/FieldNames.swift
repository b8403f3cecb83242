import GazetteModel

/// The kinds of record a table can hold, one row each.
public enum RecordKind: String, CaseIterable, Sendable {
    case project, organization, ledger
    /// A record's repeated items, one row per item beside the record's ID (a sheet of their own, so that a county
    /// fills one row per document or inspection): a project's documents and responses to findings, an
    /// organization's annual inspections and violations.
    case document, response, inspection, violation

    /// The content folder the records live in.
    public var folder: String {
        switch self {
        case .project: return "projects"
        case .organization: return "organizations"
        case .ledger: return "ledger"
        case .document, .response, .inspection, .violation: return owner!.kind.folder
        }
    }

    /// For repeated items: the kind of record they belong to and the record's field that holds them.
    public var owner: (kind: RecordKind, field: String)? {
        switch self {
        case .document: return (.project, "documents")
        case .response: return (.project, "responses")
        case .inspection: return (.organization, "annual_inspections")
        case .violation: return (.organization, "violations")
        case .project, .organization, .ledger: return nil
        }
    }
}

/// One field of a record as a table column: its path in the record (`contract.date`, the key the readers
/// read), the headers a table may give it — the Chinese header first (the site's header in Chinese), the English
/// one (the site's header in English), then other names in use (the open-data CSV's column names) — and how a
/// cell's text becomes the field's value.
public struct FieldName: Sendable {
    public enum ValueType: Sendable, Equatable {
        case text, date, yuan, integer, percent, regionCode, bool, markdown
        /// A list: cells separated by `;`, `；`, `、` or `,`.
        case list
        /// One of fixed words, each with the Chinese word that may be written in its place.
        case choice([String: String])
        /// A key of one of the programme's catalogues (`categories`, `services`, `target_groups`, …).
        case catalogue(String)
        case catalogueList(String)
    }

    public let path: String
    public let chinese: String
    public let english: String
    public let otherNames: [String]
    public let type: ValueType
    public let required: Bool

    init(_ path: String, _ chinese: String, _ english: String, _ type: ValueType = .text, required: Bool = false,
         also otherNames: [String] = []) {
        self.path = path
        self.chinese = chinese
        self.english = english
        self.type = type
        self.required = required
        self.otherNames = otherNames
    }

    /// Every header that names this field.
    public var headers: [String] { [chinese, english, path, path.replacingOccurrences(of: ".", with: "_")] + otherNames }

    /// The header in the site's language (`zh-CN` or `en`).
    public func header(language: String) -> String { language.hasPrefix("zh") ? chinese : english }
}

/// The fields each kind of table may carry, for `gazette import` and the workbooks Gazette writes. The paths are
/// the readers' own keys (`ProjectReader.keys`, `OrganizationReader.keys`, `LedgerReader.columns`); a test checks
/// that every path here is a key the reader accepts.
public enum FieldNames {
    static let results = ["合格": "pass", "整改": "rectify", "不合格": "fail"]

    public static let project: [FieldName] = [
        FieldName("id", "项目编号", "Project ID", required: true, also: ["编号"]),
        FieldName("title", "项目名称", "Title", required: true),
        FieldName("organization", "承接机构", "Provider", required: true, also: ["承接主体", "organization_id"]),
        FieldName("category", "服务类别", "Category", .catalogue("categories"), required: true),
        FieldName("services", "服务内容", "Services", .catalogueList("services"), required: true, also: ["服务项目"]),
        FieldName("target_groups", "服务对象", "Target groups", .catalogueList("target_groups"), required: true),
        FieldName("county", "县(市、区)", "County", .regionCode, required: true,
                  also: ["县（市、区）", "所在县", "区县", "county_code"]),
        FieldName("communities", "服务社区", "Communities", .list, also: ["社区"]),
        FieldName("amount", "合同金额", "Amount", .yuan, required: true, also: ["项目金额"]),
        FieldName("applied", "申报日期", "Applied", .date),
        FieldName("reviewed_by", "评审机构", "Reviewed by", also: ["第三方评审"]),
        FieldName("contract.date", "合同签订日期", "Contract date", .date, also: ["签约日期"]),
        FieldName("contract.number", "合同编号", "Contract number"),
        FieldName("period.start", "服务期开始", "Period start", .date, also: ["开始日期"]),
        FieldName("period.end", "服务期结束", "Period end", .date, also: ["结束日期"]),
        FieldName("needs_assessment.date", "需求调研日期", "Needs assessment date", .date),
        FieldName("needs_assessment.method", "需求调研方式", "Needs assessment method"),
        FieldName("needs_assessment.respondents", "调研人数", "Respondents", .integer),
        FieldName("needs_assessment.findings", "需求调研发现", "Needs found", .markdown),
        FieldName("midterm.date", "中期评估日期", "Mid-term date", .date),
        FieldName("midterm.by", "中期评估主体", "Mid-term by", .list),
        FieldName("midterm.result", "中期评估结果", "Mid-term result", .choice(results)),
        FieldName("midterm.satisfaction", "中期满意度", "Mid-term satisfaction", .percent),
        FieldName("midterm.spot_check.by", "抽查单位", "Spot check by"),
        FieldName("midterm.spot_check.date", "抽查日期", "Spot check date", .date),
        FieldName("midterm.spot_check.result", "抽查结果", "Spot check result", .choice(results)),
        FieldName("midterm.rectification.deadline", "整改期限", "Rectification deadline", .date),
        FieldName("midterm.rectification.result", "复核结果", "Rectification result", .choice(results)),
        FieldName("final.date", "终期评价日期", "Final evaluation date", .date),
        FieldName("final.by", "终期评价机构", "Final evaluation by"),
        FieldName("final.result", "终期评价结果", "Final result", .choice(results)),
        FieldName("final.satisfaction", "服务对象满意度", "Satisfaction", .percent, also: ["受益对象满意度", "终期满意度"]),
        FieldName("final.score", "终期评价得分", "Final score", .percent),
        FieldName("outcomes.beneficiaries", "服务人数", "Beneficiaries", .integer),
        FieldName("outcomes.sessions", "活动次数", "Sessions", .integer),
        FieldName("outcomes.hours", "服务时数", "Hours", .integer),
        FieldName("outcomes.highlights", "服务成效", "Highlights", .markdown),
        FieldName("summary", "项目简介", "Summary", .markdown),
    ]

    public static let organization: [FieldName] = [
        FieldName("id", "机构编号", "Organization ID", required: true, also: ["编号"]),
        FieldName("name", "机构名称", "Name", required: true, also: ["社会组织名称"]),
        FieldName("credit_code", "统一社会信用代码", "Credit code", required: true),
        FieldName("type", "机构类型", "Type", .catalogue("organization_types"), required: true),
        FieldName("category", "机构类别", "Category", .catalogue("organization_categories"), required: true),
        FieldName("registered_with", "登记层级", "Registered with",
                  .choice(["省": "province", "省级": "province", "市": "city", "市级": "city", "市(州)": "city",
                           "县": "county", "县级": "county", "县(市、区)": "county"]), required: true),
        FieldName("registration_authority", "登记机关", "Registration authority"),
        FieldName("county", "所在县(市、区)", "County", .regionCode, required: true, also: ["所在县（市、区）", "county_code"]),
        FieldName("founded", "成立日期", "Founded", .date),
        FieldName("rating.grade", "评估等级", "Rating", also: ["rating_grade"]),
        FieldName("rating.year", "评估年度", "Rating year", .integer, also: ["rating_year"]),
        FieldName("financial_system", "财务制度", "Financial system", .choice(["是": "true", "有": "true", "否": "false", "无": "false"])),
        FieldName("office", "办公场所", "Office"),
        FieldName("staff", "工作人员数", "Staff", .integer),
        FieldName("certified_social_workers", "持证社工人数", "Certified social workers", .integer),
        FieldName("website", "网站", "Website"),
        FieldName("about", "机构简介", "About", .markdown),
        FieldName("contact.name", "联系人", "Contact name"),
        FieldName("contact.phone", "联系电话", "Contact phone"),
        FieldName("contact.email", "电子邮箱", "Contact email"),
        FieldName("contact.address", "联系地址", "Contact address"),
        FieldName("contact.hours", "办公时间", "Office hours"),
        FieldName("contact.web", "联系网页", "Contact web page"),
    ]

    // Repeated items: the record's ID, then the keys of one item (for inspections: the year, then the result).

    public static let document: [FieldName] = [
        FieldName("id", "项目编号", "Project ID", required: true, also: ["编号"]),
        FieldName("title", "文件名称", "Document title", required: true, also: ["文件标题"]),
        FieldName("file", "文件地址", "Document address", required: true, also: ["文件链接", "链接"]),
    ]

    public static let response: [FieldName] = [
        FieldName("id", "项目编号", "Project ID", required: true, also: ["编号"]),
        FieldName("finding", "问题代码", "Finding", required: true, also: ["发现的问题"]),
        FieldName("by", "处理单位", "Decided by", required: true),
        FieldName("date", "处理日期", "Decision date", .date, required: true),
        FieldName("decision", "处理决定", "Decision", required: true),
        FieldName("deadline", "整改期限", "Deadline", .date),
    ]

    public static let inspection: [FieldName] = [
        FieldName("id", "机构编号", "Organization ID", required: true, also: ["编号"]),
        FieldName("year", "年检年度", "Inspection year", .integer, required: true, also: ["年度"]),
        FieldName("result", "年检结果", "Inspection result",
                  .choice(["合格": "pass", "通过": "pass", "不合格": "fail", "未通过": "fail"]), required: true),
    ]

    public static let violation: [FieldName] = [
        FieldName("id", "机构编号", "Organization ID", required: true, also: ["编号"]),
        FieldName("date", "违规日期", "Violation date", .date, required: true, also: ["日期"]),
        FieldName("description", "违规情况", "Violation", required: true, also: ["违法违规情况"]),
    ]

    /// The ledger's columns, as `LedgerReader` reads them (its Chinese headers are the ones here).
    public static let ledger: [FieldName] = LedgerReader.columns.map { column in
        let english = ["date": "Date", "project": "Project", "kind": "Kind", "amount": "Amount", "reference": "Reference",
                       "note": "Note"][column.key] ?? column.key
        let type: FieldName.ValueType
        switch column.key {
        case "date": type = .date
        case "amount": type = .yuan
        case "kind": type = .choice(Dictionary(uniqueKeysWithValues: LedgerEntry.Kind.chineseNames.map { ($0.key, $0.value.rawValue) }))
        default: type = .text
        }
        return FieldName(column.key, column.chinese, english, type, required: column.required,
                         also: column.key == "project" ? ["project_id", "项目编号"] : [])
    }

    public static func fields(_ kind: RecordKind) -> [FieldName] {
        switch kind {
        case .project: return project
        case .organization: return organization
        case .ledger: return ledger
        case .document: return document
        case .response: return response
        case .inspection: return inspection
        case .violation: return violation
        }
    }

    /// The keys a reader accepts at each level, for the test that keeps this table and the readers together.
    public static let readerKeys: [RecordKind: [String]] = [
        .project: ProjectReader.keys, .organization: OrganizationReader.keys, .ledger: LedgerReader.columns.map(\.key),
        .document: ProjectReader.documentKeys, .response: ProjectReader.responseKeys, .violation: OrganizationReader.violationKeys,
        // `annual_inspections` is a mapping of year to result: those are its only two columns.
        .inspection: ["year", "result"],
    ]
}
