import GazetteContent
import GazetteModel

/// The header row of a table: which row it is, which kind of record the table holds, and which field each
/// column fills (with the unit an amount column names: `合同金额(万元)`).
struct HeaderRow {
    struct Column {
        var column: Int
        var field: FieldName
        /// 10,000 for a `万元` column, else 1.
        var yuanPerUnit: Int
        var cell: ImportTable.Cell
    }

    var kind: RecordKind
    /// Index into the table's rows.
    var index: Int
    var columns: [Column]

    /// How far down a header row is looked for (title rows, notes, a blank row above it).
    static let searchedRows = 20
    /// Headers that number the rows and are not a field: left out.
    static let ignored: Set<String> = ["序号", "行号", "no", "no."]

    /// A header's text made comparable: without spaces and line breaks, full-width brackets as ASCII, and a
    /// unit in brackets taken off (`合同金额（万元）` → `合同金额`, unit 万元).
    static func normalize(_ text: String) -> (name: String, yuanPerUnit: Int) {
        var name = String(text.filter { !$0.isWhitespace && $0 != "*" })
        name = name.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        for (suffix, unit) in [("(万元)", 10_000), ("(元)", 1), ("/万元", 10_000), ("/元", 1), ("万元", 10_000)] where name.hasSuffix(suffix) && name.count > suffix.count {
            return (String(name.dropLast(suffix.count)), unit)
        }
        return (name, 1)
    }

    static func field(named text: String, in fields: [FieldName]) -> FieldName? {
        let name = normalize(text).name.lowercased()
        return fields.first { field in field.headers.contains { normalize($0).name.lowercased() == name } }
    }

    /// The header row: the first row (of the first `searchedRows`) where at least two cells name fields of one
    /// kind, the kind being the one the most cells name (or `kind` when given). A two-row header, a merged
    /// group title above (`中期评估` over `日期`, `结果`), is read as the joined names.
    static func find(in table: ImportTable, kind: RecordKind?) -> HeaderRow? {
        var best: (kind: RecordKind, index: Int, count: Int)?
        for (index, row) in table.rows.prefix(searchedRows).enumerated() {
            for candidate in kind.map({ [$0] }) ?? RecordKind.allCases {
                let fields = FieldNames.fields(candidate)
                let count = row.filter { cell in
                    field(named: cell.text, in: fields) != nil
                        || groupName(cell, table: table, rowIndex: index).flatMap { field(named: $0, in: fields) } != nil
                }.count
                if count >= 2, best == nil || (best!.index == index && count > best!.count) {
                    best = (candidate, index, count)
                }
            }
            if best != nil { break }
        }
        guard let best else { return nil }
        return HeaderRow(kind: best.kind, index: best.index, columns: [])
    }

    /// The field a header that names none was probably meant to be, by the rules `check` uses for keywords:
    /// a Chinese header is compared with the Chinese names without brackets and punctuation, and a name that
    /// contains it, is contained in it or is one edit away is suggested (`县区` → `县(市、区)`); an ASCII header is
    /// compared with the English names and keys by edit distance. Nil when nothing is close.
    static func nearest(to text: String, in fields: [FieldName]) -> String? {
        let name = normalize(text).name
        guard !name.isEmpty else { return nil }
        if name.unicodeScalars.contains(where: { !$0.isASCII }) {
            var shown: [String: String] = [:]
            for field in fields {
                for header in [field.chinese] + field.otherNames where header.unicodeScalars.contains(where: { !$0.isASCII }) {
                    let bare = bareName(header)
                    if shown[bare] == nil { shown[bare] = field.chinese }
                }
            }
            return Keywords.nearestTerm(bareName(name), shown.keys.sorted()).flatMap { shown[$0] }
        }
        return Nearest.match(for: name, among: fields.flatMap { [$0.english, $0.path] })
    }

    /// A header without brackets, separators and spaces: `县(市、区)` → `县市区`.
    static func bareName(_ text: String) -> String {
        String(text.filter { !"()（）、,，/／·.-_ ".contains($0) && !$0.isWhitespace })
    }

    /// The header with its merged group title above it, when the plain name is not a field but the joined one is.
    static func groupName(_ cell: ImportTable.Cell, table: ImportTable, rowIndex: Int) -> String? {
        guard rowIndex > 0 else { return nil }
        let above = table.rows[rowIndex - 1]
        for merge in table.merges where merge.first.row == above.first?.row && merge.first.column <= cell.column
            && merge.last.column >= cell.column && merge.first.column != merge.last.column {
            if let title = above.first(where: { $0.column == merge.first.column }) {
                return normalize(title.text).name + normalize(cell.text).name
            }
        }
        return nil
    }
}
