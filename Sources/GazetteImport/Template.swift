import Foundation
import GazetteContent
import GazetteModel
import GazetteSpreadsheet

/// `gazette import --template`: an empty workbook to send to counties. One sheet per kind of record with the
/// headers in the site's language, drop-down lists from the programme's catalogue (counties, services, target
/// groups, results), the header row frozen, a sheet of the lists, and a sheet that explains every column.
public enum ImportTemplate {
    /// The template's sheets that are not tables of records: the lists and the explanations. Import skips them.
    static let helperSheets: Set<String> = ["选项", "填写说明", "Lists", "How to fill in"]

    public static func workbook(content: Content) -> WorkbookDraft {
        let chinese = (content.site?.language ?? "zh-CN").hasPrefix("zh")
        let listsName = chinese ? "选项" : "Lists"
        // The lists, one column each; a drop-down refers to its column's range.
        var lists: [(header: String, values: [String])] = []
        func list(_ header: String, _ values: [String]) -> String? {
            guard !values.isEmpty else { return nil }
            lists.append((header, values))
            let column = CellReference.columnName(lists.count)
            return "'\(listsName)'!$\(column)$2:$\(column)$\(values.count + 1)"
        }
        let programme = content.programme
        let counties = content.regions?.counties.filter { programme?.regions.contains($0.code) ?? true } ?? []
        let name: (Programme.Entry) -> String = { chinese ? $0.name : ($0.nameEn ?? $0.key) }
        var validations: [String: String] = [:]
        validations["county"] = list(chinese ? "县(市、区)" : "County", counties.map(\.code))
        validations["category"] = list(chinese ? "服务类别" : "Category", programme?.categories.map { name($0.entry) } ?? [])
        validations["services"] = list(chinese ? "服务内容" : "Services", programme?.allServices.map(name) ?? [])
        validations["target_groups"] = list(chinese ? "服务对象" : "Target groups", programme?.targetGroups.map(name) ?? [])
        let results = chinese ? ["合格", "整改", "不合格"] : ["pass", "rectify", "fail"]
        let resultList = list(chinese ? "评估结果" : "Result", results)
        for path in ["midterm.result", "midterm.spot_check.result", "midterm.rectification.result", "final.result"] {
            validations[path] = resultList
        }
        validations["type"] = list(chinese ? "机构类型" : "Type", programme?.organizationTypes.map(name) ?? [])
        validations["org.category"] = list(chinese ? "机构类别" : "Category", programme?.organizationCategories.map(name) ?? [])
        validations["kind"] = list(chinese ? "类型" : "Kind", chinese ? ["预付", "进度款", "尾款", "收回"] : LedgerEntry.Kind.allCases.map(\.rawValue))
        validations["registered_with"] = list(chinese ? "登记层级" : "Registered with", chinese ? ["省", "市", "县"] : ["province", "city", "county"])
        validations["inspection.result"] = list(chinese ? "年检结果" : "Inspection result", chinese ? ["合格", "不合格"] : ["pass", "fail"])

        func sheet(_ kind: RecordKind, _ title: String) -> SheetDraft {
            if kind.owner != nil {
                // Repeated items: a drop-down for an inspection's result only.
                return SheetDraft(name: title, columns: FieldNames.fields(kind).map { field in
                    SheetDraft.Column(header: field.header(language: chinese ? "zh-CN" : "en"),
                                      validation: kind == .inspection && field.path == "result" ? validations["inspection.result"] : nil)
                })
            }
            let columns = FieldNames.fields(kind).map { field -> SheetDraft.Column in
                let key = kind == .organization && field.path == "category" ? "org.category"
                    : kind == .organization && field.path == "county" ? "county" : field.path
                let validation = kind == .project && ["type", "kind", "registered_with", "org.category"].contains(key) ? nil
                    : kind == .organization && !["type", "org.category", "county", "registered_with"].contains(key) ? nil
                    : kind == .ledger && key != "kind" ? nil : validations[key]
                return SheetDraft.Column(header: field.header(language: chinese ? "zh-CN" : "en"), validation: validation)
            }
            return SheetDraft(name: title, columns: columns)
        }
        var sheets = RecordKind.allCases.map { sheet($0, sheetName($0, chinese: chinese)) }
        // The lists, with each county's name beside its code.
        let longest = lists.map(\.values.count).max() ?? 0
        var listSheet = SheetDraft(name: listsName, columns: lists.map { SheetDraft.Column(header: $0.header) } + [
            SheetDraft.Column(header: chinese ? "县(市、区)名称" : "County name"),
        ])
        listSheet.rows = (0..<longest).map { index in
            lists.map { index < $0.values.count ? .text($0.values[index]) : .empty }
                + [index < counties.count ? .text(counties[index].name) : .empty]
        }
        sheets.append(listSheet)
        sheets.append(explanation(chinese: chinese))
        return WorkbookDraft(sheets: sheets)
    }

    /// The sheet of each kind of table, in `RecordKind.allCases` order (the records, the ledger, then the sheets of
    /// repeated items, one row per item beside the record's ID).
    public static func sheetName(_ kind: RecordKind, chinese: Bool) -> String {
        switch kind {
        case .project: return chinese ? "项目" : "Projects"
        case .organization: return chinese ? "承接机构" : "Organizations"
        case .ledger: return chinese ? "资金拨付" : "Ledger"
        case .document: return chinese ? "项目文件" : "Documents"
        case .response: return chinese ? "问题处理" : "Responses"
        case .inspection: return chinese ? "机构年检" : "Inspections"
        case .violation: return chinese ? "违规记录" : "Violations"
        }
    }

    /// The sheet that explains every column: the sheet, the header, the field in the content format, what to write.
    static func explanation(chinese: Bool) -> SheetDraft {
        var sheet = SheetDraft(name: chinese ? "填写说明" : "How to fill in", columns: chinese
            ? [.init(header: "工作表"), .init(header: "列名"), .init(header: "字段"), .init(header: "必填"), .init(header: "填写要求")]
            : [.init(header: "Sheet"), .init(header: "Column"), .init(header: "Field"), .init(header: "Required"), .init(header: "What to write")])
        for kind in RecordKind.allCases {
            for field in FieldNames.fields(kind) {
                sheet.rows.append([.text(sheetName(kind, chinese: chinese)), .text(field.header(language: chinese ? "zh-CN" : "en")), .text(field.path),
                                   .text(field.required ? (chinese ? "是" : "yes") : ""), .text(help(field, kind: kind, chinese: chinese))])
            }
        }
        sheet.maximumWidth = 80
        return sheet
    }

    static func help(_ field: FieldName, kind: RecordKind, chinese: Bool) -> String {
        if field.path == "id", let owner = kind.owner {
            let record = owner.kind == .project ? (chinese ? "项目" : "project") : (chinese ? "承接机构" : "organization")
            return chinese ? "所属\(record)的编号。一个\(record)有几项就填几行；表中写到的\(record)，以本表所列为准（全部替换原有各项）。"
                : "The \(record)'s ID. One row per item; for each \(record) named here, the rows are all of its items (they replace the ones on record)."
        }
        if kind == .inspection && field.path == "year" { return chinese ? "年检的年度，如 2016。" : "The year inspected, like 2016." }
        if kind == .response && field.path == "finding" {
            return chinese ? "发现的问题的代码，如 F108（见 gazette check 的输出）。" : "The finding's code, like F108 (as gazette check shows it)."
        }
        if kind == .document && field.path == "file" {
            return chinese ? "文件的网址（https://…），或 assets/ 中的文件路径。" : "The document's address (https://…), or its path under assets/."
        }
        switch field.type {
        case .date: return chinese ? "日期，如 2017-06-26，或设置为日期格式的单元格。" : "A date, like 2017-06-26, or a cell formatted as a date."
        case .yuan: return chinese ? "金额，以元为单位；列名写「（万元）」时以万元为单位，如 18.5。" : "An amount in yuan; with (万元) in the header, in 10,000 yuan, like 18.5."
        case .integer: return chinese ? "整数。" : "A whole number."
        case .percent: return chinese ? "百分数，0 到 100，如 92.5；或设置为百分比格式的单元格（92.5%）。" : "A percentage from 0 to 100, like 92.5; or a cell formatted as a percentage (92.5%)."
        case .regionCode: return chinese ? "县（市、区）的六位代码，或其名称（见「选项」表）。" : "The county's six-digit code, or its name (see Lists)."
        case .list: return chinese ? "可填多个，用顿号（、）或分号隔开。" : "Several values, separated by ; or 、."
        case .markdown: return chinese ? "一段文字。" : "A text."
        case .choice: return chinese ? "从下拉列表中选择。" : "Choose from the drop-down list."
        case .catalogue: return chinese ? "从下拉列表中选择（试点方案的服务目录）。" : "Choose from the drop-down list (the programme's catalogue)."
        case .catalogueList: return chinese ? "从「选项」表中选择，多个用顿号（、）隔开。" : "From the Lists sheet; several separated by 、."
        case .bool: return chinese ? "是 或 否。" : "yes or no."
        case .text:
            if field.path == "id" { return chinese ? "记录编号：小写字母、数字和连字符，如 qh2017-xn-001；已有的编号会更新该记录。" : "The record's ID: lowercase letters, digits and hyphens; an existing ID updates that record." }
            if field.path == "organization" { return chinese ? "承接机构的编号，或其全称。" : "The provider's ID, or its full name." }
            if field.path == "project" { return chinese ? "项目编号。" : "The project's ID." }
            return chinese ? "文字。" : "Text."
        }
    }
}
