import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Why a workbook could not be read, with the sheet and cell when there is one.
public struct SpreadsheetError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Not a workbook Gazette reads (.xls, .xlsm, encrypted, not a zip): the message says what to save as.
        case wrongFormat
        /// Damaged: a part is missing or its XML cannot be read.
        case damaged
        /// A part inflates past `XLSXReader.maximumInflatedBytes` (a zip bomb).
        case tooLarge
        /// A cell's content is wrong (a shared-string index out of range, a formula without a value).
        case badCell
    }

    public var kind: Kind
    public var message: String
    public var suggestion: String?
    public var sheet: String?
    /// `C7`.
    public var cell: String?
    /// Which problem this is (`xls`, `missingPart`, …) and its values (`part`, `sheet`, …), for saying it in the
    /// reader's language; `message` and `suggestion` are the English text.
    public var key: String
    public var values: [String: String]

    public init(_ kind: Kind, _ message: String, suggestion: String? = nil, sheet: String? = nil, cell: String? = nil,
                key: String = "", values: [String: String] = [:]) {
        self.kind = kind
        self.message = message
        self.suggestion = suggestion
        self.sheet = sheet
        self.cell = cell
        self.key = key
        self.values = values
    }
}

/// Reads .xlsx workbooks (Office Open XML spreadsheets as Excel, WPS and LibreOffice save them): the zip through
/// ZIPFoundation, each part through Foundation's streaming `XMLParser`.
public enum XLSXReader {
    /// The most a workbook may inflate to, all parts together: 256 MiB. A province's summary table is a few
    /// megabytes; a part that inflates past this is a zip bomb, and reading stops as soon as it passes.
    public static let maximumInflatedBytes = 256 << 20

    public static func read(_ url: URL) throws(SpreadsheetError) -> Workbook {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SpreadsheetError(.damaged, "The file cannot be read: \(error.localizedDescription)",
                                   key: "unreadable", values: ["reason": error.localizedDescription])
        }
        return try read(data, fileName: url.lastPathComponent)
    }

    /// `inflateLimit` is `maximumInflatedBytes` but for tests.
    public static func read(_ data: Data, fileName: String, inflateLimit: Int = maximumInflatedBytes) throws(SpreadsheetError) -> Workbook {
        let lowercased = fileName.lowercased()
        if lowercased.hasSuffix(".xlsm") || lowercased.hasSuffix(".xltm") {
            throw SpreadsheetError(.wrongFormat, "This is a macro-enabled workbook (.xlsm); Gazette reads plain workbooks.",
                                   suggestion: "In Excel or WPS choose 另存为 (Save As) → Excel 工作簿 (*.xlsx).", key: "xlsm")
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: an Excel 97-2003 workbook, or an encrypted (password-protected) .xlsx.
            if containsUTF16(data, "EncryptionInfo") {
                throw SpreadsheetError(.wrongFormat, "This workbook is protected by a password (encrypted), so it cannot be read.",
                                       suggestion: "Open it, remove the password (文件 → 信息 → 保护工作簿), and save it as .xlsx.", key: "encrypted")
            }
            throw SpreadsheetError(.wrongFormat, "This is an Excel 97-2003 workbook (.xls); Gazette reads .xlsx.",
                                   suggestion: "In Excel or WPS choose 另存为 (Save As) → Excel 工作簿 (*.xlsx).", key: "xls")
        }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw SpreadsheetError(.wrongFormat, "This file is not an .xlsx workbook.",
                                   suggestion: "Save the table as Excel 工作簿 (*.xlsx), or as CSV.", key: "notXLSX")
        }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw SpreadsheetError(.damaged, "The workbook's zip container cannot be read; the file may be damaged or cut short.",
                                   suggestion: "Open it in Excel, WPS or LibreOffice and save it again as .xlsx.", key: "badZip")
        }
        var budget = inflateLimit
        func part(_ path: String, required: Bool = true) throws(SpreadsheetError) -> Data? {
            guard let entry = archive[path] else {
                if required {
                    throw SpreadsheetError(.damaged, "The workbook has no `\(path)` part; it is damaged or not a spreadsheet.",
                                           suggestion: "Open it in Excel, WPS or LibreOffice and save it again as .xlsx.", key: "missingPart", values: ["part": path])
                }
                return nil
            }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    budget -= chunk.count
                    if budget < 0 { throw SpreadsheetError(.tooLarge, "") }
                    bytes.append(chunk)
                }
            } catch let error as SpreadsheetError where error.kind == .tooLarge {
                throw SpreadsheetError(.tooLarge, "The workbook inflates to more than \(inflateLimit >> 20) MiB (at `\(path)`): it is not a table a person made.",
                                       suggestion: "Send the table as an ordinary .xlsx or CSV file.", key: "tooLarge",
                                       values: ["limit": String(inflateLimit >> 20), "part": path])
            } catch {
                throw SpreadsheetError(.damaged, "The workbook's part `\(path)` cannot be unpacked; the file is damaged.",
                                       suggestion: "Open it in Excel, WPS or LibreOffice and save it again as .xlsx.", key: "cannotUnpack", values: ["part": path])
            }
            return bytes
        }

        if let types = try part("[Content_Types].xml", required: false),
           String(decoding: types, as: UTF8.self).contains("macroEnabled") {
            throw SpreadsheetError(.wrongFormat, "This is a macro-enabled workbook (.xlsm); Gazette reads plain workbooks.",
                                   suggestion: "In Excel or WPS choose 另存为 (Save As) → Excel 工作簿 (*.xlsx).", key: "xlsm")
        }
        let workbookPath = try workbookPartPath(try part("_rels/.rels", required: false))
        let workbookXML = try part(workbookPath)!
        let book = try parse(WorkbookHandler(), workbookXML, part: workbookPath)
        let directory = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = try parse(RelationshipsHandler(), try part(relsPath)!, part: relsPath).targets
        var strings: [String] = []
        if let sharedPath = rels.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            let path = resolve(sharedPath, in: directory)
            if let xml = try part(path, required: false) {
                strings = try parse(SharedStringsHandler(), xml, part: path).strings
            }
        }
        var percentStyles: Set<Int> = []
        if let stylesPath = rels.values.first(where: { $0.type.hasSuffix("/styles") })?.target {
            let path = resolve(stylesPath, in: directory)
            if let xml = try part(path, required: false) {
                percentStyles = try parse(StylesHandler(), xml, part: path).percentStyles
            }
        }
        var sheets: [Sheet] = []
        for entry in book.sheets {
            guard let target = rels[entry.relationship]?.target else {
                throw SpreadsheetError(.damaged, "The sheet 「\(entry.name)」 has no part in the workbook; the file is damaged.", sheet: entry.name,
                                       key: "sheetMissing", values: ["sheet": entry.name])
            }
            let path = resolve(target, in: directory)
            let handler = SheetHandler(sheet: entry.name, strings: strings, percentStyles: percentStyles)
            let parsed = try parse(handler, try part(path)!, part: path)
            if let error = parsed.error { throw error }
            sheets.append(Sheet(name: entry.name, hidden: entry.hidden, rows: parsed.rows, merges: parsed.merges))
        }
        return Workbook(sheets: sheets, date1904: book.date1904)
    }

    private static func containsUTF16(_ data: Data, _ word: String) -> Bool {
        let pattern = Data(word.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: pattern) != nil
    }

    private static func workbookPartPath(_ rels: Data?) throws(SpreadsheetError) -> String {
        guard let rels else { return "xl/workbook.xml" }
        let handler = try parse(RelationshipsHandler(), rels, part: "_rels/.rels")
        let target = handler.targets.values.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        return resolve(target, in: "")
    }

    /// A relationship's target, relative to the folder of the part that names it (or absolute with `/`).
    static func resolve(_ target: String, in directory: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private static func parse<H: PartHandler>(_ handler: H, _ data: Data, part: String) throws(SpreadsheetError) -> H {
        // A stream, not `XMLParser(data:)`: given as one chunk, libxml2 refuses a part past 10 MB (a sheet of a
        // million empty rows); read from a stream it takes the part in pieces.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        if !parser.parse(), handler.stopError == nil {
            let reason = parser.parserError.map { " (\(($0 as NSError).code): \($0.localizedDescription))" } ?? ""
            throw SpreadsheetError(.damaged, "The workbook's part `\(part)` is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber))\(reason).",
                                   suggestion: "Open it in Excel, WPS or LibreOffice and save it again as .xlsx.", key: "badXML",
                                   values: ["part": part, "line": String(parser.lineNumber), "column": String(parser.columnNumber)])
        }
        if let error = handler.stopError { throw error }
        return handler
    }
}

/// The local name of an element (`x:row` → `row`): some writers prefix the spreadsheet namespace.
private func local(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return Substring(name)
}

/// The delegate methods are implemented here and overridden by each part's handler: on Linux the protocol's
/// default implementations would otherwise be the ones called.
private class PartHandler: NSObject, XMLParserDelegate {
    var stopError: SpreadsheetError?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {}
    func parser(_ parser: XMLParser, foundCharacters string: String) {}
}

private final class WorkbookHandler: PartHandler {
    struct Entry { var name: String; var relationship: String; var hidden: Bool }
    var sheets: [Entry] = []
    var date1904 = false

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            date1904 = value == "1" || value == "true"
        case "sheet":
            let relationship = attributes.first { local($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
            let state = attributes["state"] ?? "visible"
            sheets.append(Entry(name: attributes["name"] ?? "", relationship: relationship, hidden: state != "visible"))
        default: break
        }
    }
}

private final class RelationshipsHandler: PartHandler {
    var targets: [String: (type: String, target: String)] = [:]

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = (attributes["Type"] ?? "", target)
    }
}

/// `sharedStrings.xml`: each `<si>` is one string, the text of its `<t>` elements (rich text has several runs;
/// phonetic `<rPh>` runs are not part of the text).
private final class SharedStringsHandler: PartHandler {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// `styles.xml`: which cell formats (`<xf>` of `<cellXfs>`, by index, as a cell's `s` names them) show a number
/// as a percentage: the built-in formats 9 (`0%`) and 10 (`0.00%`), or a custom format with a `%` outside quotes.
private final class StylesHandler: PartHandler {
    var percentStyles: Set<Int> = []
    private var percentFormats: Set<Int> = [9, 10]
    private var inCellFormats = false
    private var index = 0

    /// Whether a number format code shows a percentage: a `%` that is not quoted text or escaped.
    static func isPercent(_ code: String) -> Bool {
        var quoted = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "\"" { quoted.toggle() } else if character == "%" && !quoted { return true }
        }
        return false
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], Self.isPercent(code) {
                percentFormats.insert(id)
            }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            if let id = attributes["numFmtId"].flatMap(Int.init), percentFormats.contains(id) { percentStyles.insert(index) }
            index += 1
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if local(name) == "cellXfs" { inCellFormats = false }
    }
}

/// A worksheet part: its cells with values (empty rows cost nothing but the parse) and merged ranges.
private final class SheetHandler: PartHandler {
    let sheet: String
    let strings: [String]
    let percentStyles: Set<Int>
    var rows: [Row] = []
    var merges: [CellRange] = []
    var error: SpreadsheetError?

    private var rowNumber = 0
    private var cells: [Cell] = []
    private var column = 0
    private var type = "n"
    private var percent = false
    private var value: String?
    private var formula: String?
    private var inline = ""
    private var capture: Capture = .none
    private enum Capture { case none, value, formula, inlineText }

    init(sheet: String, strings: [String], percentStyles: Set<Int>) {
        self.sheet = sheet
        self.strings = strings
        self.percentStyles = percentStyles
    }

    private func fail(_ message: String, suggestion: String? = nil, key: String, values: [String: String]) {
        error = SpreadsheetError(.badCell, message, suggestion: suggestion, sheet: sheet,
                                 cell: CellReference.name(column: column, row: rowNumber), key: key, values: values)
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            column = 0
        case "c":
            if let reference = attributes["r"], let parsed = CellReference.parse(reference) {
                column = parsed.column
                if parsed.row != rowNumber { rowNumber = parsed.row }
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            percent = attributes["s"].flatMap(Int.init).map(percentStyles.contains) ?? false
            value = nil
            formula = nil
            inline = ""
        case "v":
            capture = .value
            value = value ?? ""
        case "f":
            capture = .formula
            formula = formula ?? ""
        case "t" where type == "inlineStr":
            capture = .inlineText
        case "mergeCell":
            if let ref = attributes["ref"], let range = CellRange(ref) { merges.append(range) }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .value: value! += string
        case .formula: formula! += string
        case .inlineText: inline += string
        case .none: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "v", "f", "t": capture = .none
        case "c":
            if let cell = makeCell() {
                cells.append(cell)
            } else if error != nil {
                stopError = error
                parser.abortParsing()
            }
        case "row":
            if !cells.isEmpty { rows.append(Row(number: rowNumber, cells: cells.sorted { $0.column < $1.column })) }
            cells = []
        default: break
        }
    }

    private func makeCell() -> Cell? {
        let result: Cell.Value
        if type == "inlineStr" {
            result = .text(inline)
        } else if let formula, (value ?? "").isEmpty {
            // Saved without calculating (openpyxl writes an empty `<v>`): the value is unknown.
            result = .formulaWithoutValue(formula)
        } else if let value {
            switch type {
            case "s":
                guard let index = Int(value.trimmingCharacters(in: .whitespaces)), index >= 0, index < strings.count else {
                    fail("The cell refers to shared string \(value.prefix(20)), but the workbook has \(strings.count); the file is damaged.",
                         suggestion: "Open it in Excel, WPS or LibreOffice and save it again as .xlsx.",
                         key: "sharedString", values: ["index": String(value.prefix(20)), "count": String(strings.count)])
                    return nil
                }
                result = .text(strings[index])
            case "str": result = .text(value)
            case "b": result = .bool(value == "1" || value.lowercased() == "true")
            case "e": result = .error(value)
            case "d": result = .text(String(value.prefix(10)))
            default:
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return nil }
                result = .number(trimmed)
            }
        } else {
            return nil
        }
        if case let .text(text) = result, text.isEmpty { return nil }
        var cell = Cell(column: column, row: rowNumber, value: result)
        if case .number = result { cell.percent = percent }
        return cell
    }
}
