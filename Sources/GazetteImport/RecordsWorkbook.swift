import Foundation
import GazetteContent
import GazetteModel
import GazetteSpreadsheet

/// The template filled with the content's records (`--template FILE.xlsx --with-records`): the same sheets and
/// columns, one row per record, read back from the record files' own text. A county can be sent its records to
/// correct, and `gazette import` reads the workbook back to the same records (the round trip the tests make).
public enum RecordsWorkbook {
    public static func workbook(content: Content, directory: URL) -> WorkbookDraft {
        var book = ImportTemplate.workbook(content: content)
        let kinds: [RecordKind] = [.project, .organization]
        for (index, kind) in kinds.enumerated() {
            let fields = FieldNames.fields(kind)
            let ids: [String]
            switch kind {
            case .project: ids = content.projects.map(\.id).sorted()
            default: ids = content.organizations.map(\.id).sorted()
            }
            for id in ids {
                let path = "\(kind.folder)/\(id).yaml"
                guard let data = ContentFolder(directory).data(path),
                      let values = YAMLEditor.values(of: String(decoding: data, as: UTF8.self), file: path, paths: fields.map(\.path)) else { continue }
                book.sheets[index].rows.append(fields.map { field in
                    field.path == "id" ? .text(id) : cell(values[field.path], type: field.type)
                })
            }
        }
        // Repeated items, one row each beside the record's ID, read from the record files.
        for (index, kind) in RecordKind.allCases.enumerated() {
            guard let owner = kind.owner else { continue }
            let fields = FieldNames.fields(kind)
            let ids = (owner.kind == .project ? content.projects.map(\.id) : content.organizations.map(\.id)).sorted()
            for id in ids {
                let path = "\(owner.kind.folder)/\(id).yaml"
                guard let data = ContentFolder(directory).data(path),
                      let items = YAMLEditor.items(of: String(decoding: data, as: UTF8.self), file: path, path: owner.field) else { continue }
                for item in items {
                    book.sheets[index].rows.append(fields.map { field in
                        if field.path == "id" { return .text(id) }
                        // An inspection is a year and its result.
                        let text = kind == .inspection ? (field.path == "year" ? item.first?.0 : item.first?.1) : item.first(where: { $0.0 == field.path })?.1
                        return cell(text.map { [$0] }, type: field.type)
                    })
                }
            }
        }
        book.sheets[2].rows = content.ledger.map { entry in
            [.date(year: entry.date.year, month: entry.date.month, day: entry.date.day), .text(entry.project),
             .text(entry.kind.rawValue), .yuan(entry.amount.fen), entry.reference.isEmpty ? .empty : .text(entry.reference),
             entry.note.isEmpty ? .empty : .text(entry.note)]
        }
        return book
    }

    static func cell(_ texts: [String]?, type: FieldName.ValueType) -> SheetDraft.Value {
        guard let texts, !texts.isEmpty else { return .empty }
        let text = texts[0]
        switch type {
        case .date:
            if let day = Day(text) { return .date(year: day.year, month: day.month, day: day.day) }
        case .yuan:
            if case let .success(yuan) = Yuan.parse(text) { return .yuan(yuan.fen) }
        case .integer, .percent:
            if !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) { return .number(text) }
        case .list, .catalogueList:
            return .text(texts.joined(separator: "、"))
        case .markdown:
            return .text(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        default: break
        }
        return .text(text)
    }
}
