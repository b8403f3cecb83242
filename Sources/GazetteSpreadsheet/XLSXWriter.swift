import Foundation
import GazetteModel
import ZIPFoundation

/// A workbook to write: sheets of typed cells, with the header row frozen and columns as wide as their text.
public struct WorkbookDraft: Sendable {
    public var sheets: [SheetDraft]

    public init(sheets: [SheetDraft]) { self.sheets = sheets }
}

public struct SheetDraft: Sendable {
    public struct Column: Sendable {
        public var header: String
        /// A drop-down list (data validation) for the column's cells, as a range on another sheet
        /// (`'选项'!$A$2:$A$12`), for `rows` rows below the header.
        public var validation: String?

        public init(header: String, validation: String? = nil) {
            self.header = header
            self.validation = validation
        }
    }

    public enum Value: Sendable, Equatable {
        case empty
        case text(String)
        /// An amount in fen, written as yuan with the yuan number format.
        case yuan(Int64)
        case date(year: Int, month: Int, day: Int)
        /// A plain number, as text (`95.2`, `120`).
        case number(String)
    }

    public var name: String
    public var columns: [Column]
    public var rows: [[Value]]
    /// Freeze the first row (the header), so it stays in view while scrolling.
    public var freezeHeader = true
    /// Rows the drop-down lists cover below the header (a form to fill in).
    public var validationRows = 1000
    /// A fixed width for every column instead of fitting the text (an explanatory sheet's long sentences).
    public var maximumWidth = 60

    public init(name: String, columns: [Column], rows: [[Value]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

/// Writes .xlsx workbooks: SpreadsheetML parts in a zip made by ZIPFoundation, with a fixed timestamp on every
/// entry, so the same workbook gives the same bytes.
public enum XLSXWriter {
    /// Every zip entry's time: 1980-01-01 00:00 UTC, the earliest a zip can record.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// Style indexes of `styles.xml`'s cell formats.
    enum Style: Int { case plain = 0, yuan = 1, date = 2, header = 3 }

    public static func write(_ workbook: WorkbookDraft) throws -> Data {
        try write(sheetNames: workbook.sheets.map(\.name)) { index in
            let bytes = sheetBytes(workbook.sheets[index])
            return (bytes.count, { bytes.data(from: $0, count: $1) })
        }
    }

    /// The workbook's parts, each sheet's XML from `sheet` (its size and how to read it, called once a sheet,
    /// just before it is written).
    static func write(sheetNames: [String], sheet: (Int) -> (count: Int, read: (_ position: Int, _ count: Int) -> Data)) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: entryDate,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let count = sheetNames.count
        try add("[Content_Types].xml", contentTypes(sheets: count))
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try add("xl/workbook.xml", workbookXML(sheetNames))
        try add("xl/_rels/workbook.xml.rels", workbookRels(sheets: count))
        try add("xl/styles.xml", styles)
        for index in 0..<count {
            let part = sheet(index)
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(part.count),
                                 modificationDate: entryDate, permissions: 0o644, compressionMethod: .deflate) { position, size in
                part.read(Int(position), size)
            }
        }
        return archive.data ?? Data()
    }

    private static func contentTypes(sheets: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in 0..<sheets {
            text += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "</Types>"
    }

    private static func workbookXML(_ names: [String]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <workbookPr date1904="false"/><bookViews><workbookView activeTab="0"/></bookViews><sheets>
            """
        for (index, name) in names.enumerated() {
            text += "<sheet name=\"\(escape(sheetName(name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return text + "</sheets></workbook>"
    }

    private static func workbookRels(sheets: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in 0..<sheets {
            text += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        text += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return text + "</Relationships>"
    }

    /// Formats: 164 is yuan with two decimals (`¥180,000.00`), 165 a date (`2017-06-26`).
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;¥&quot;#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// The sheet's XML, made in pieces: a province's sheet is tens of megabytes, never copied whole as it grows.
    static func sheetBytes(_ sheet: SheetDraft) -> PieceBytes {
        var out = PieceBytes()
        out += sheetHead(sheet, widths: widths(sheet), rowCount: sheet.rows.count)
        for (rowIndex, values) in sheet.rows.enumerated() {
            out += rowXML(values, row: rowIndex + 2)
        }
        out += sheetTail(sheet)
        return out
    }

    /// The sheet's XML before its rows: the columns' widths, the frozen pane and the header row.
    static func sheetHead(_ sheet: SheetDraft, widths: [Int], rowCount: Int) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        let lastColumn = max(1, sheet.columns.count)
        out += "<dimension ref=\"A1:\(CellReference.name(column: lastColumn, row: rowCount + 1))\"/>"
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        if sheet.freezeHeader {
            out += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        out += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columns.isEmpty {
            out += "<cols>"
            for (index, width) in widths.enumerated() {
                out += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += "<row r=\"1\">"
        for (index, column) in sheet.columns.enumerated() {
            out += cellXML(.text(column.header), column: index + 1, row: 1, style: .header)
        }
        out += "</row>"
        return out
    }

    /// One row of the sheet's XML (`row`: its number, the header's is 1).
    static func rowXML(_ values: [SheetDraft.Value], row: Int) -> String {
        var out = "<row r=\"\(row)\">"
        for (index, value) in values.enumerated() {
            out += cellXML(value, column: index + 1, row: row, style: nil)
        }
        return out + "</row>"
    }

    /// The sheet's XML after its rows: the drop-down lists and the page margins.
    static func sheetTail(_ sheet: SheetDraft) -> String {
        var out = "</sheetData>"
        let validated = sheet.columns.enumerated().filter { $0.element.validation != nil }
        if !validated.isEmpty {
            out += "<dataValidations count=\"\(validated.count)\">"
            for (index, column) in validated {
                let name = CellReference.columnName(index + 1)
                out += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(name)2:\(name)\(sheet.validationRows + 1)\">"
                out += "<formula1>\(escape(column.validation!))</formula1></dataValidation>"
            }
            out += "</dataValidations>"
        }
        out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        out += "</worksheet>"
        return out
    }

    private static func cellXML(_ value: SheetDraft.Value, column: Int, row: Int, style: Style?) -> String {
        let reference = CellReference.name(column: column, row: row)
        switch value {
        case .empty: return ""
        case let .text(text):
            let styleAttribute = style == .header ? " s=\"\(Style.header.rawValue)\"" : ""
            let space = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? " xml:space=\"preserve\"" : ""
            return "<c r=\"\(reference)\" t=\"inlineStr\"\(styleAttribute)><is><t\(space)>\(escape(text))</t></is></c>"
        case let .yuan(fen):
            return "<c r=\"\(reference)\" s=\"\(Style.yuan.rawValue)\"><v>\(yuanText(fen))</v></c>"
        case let .date(year, month, day):
            return "<c r=\"\(reference)\" s=\"\(Style.date.rawValue)\"><v>\(SerialDate.serial(year: year, month: month, day: day))</v></c>"
        case let .number(text):
            return "<c r=\"\(reference)\"><v>\(escape(text))</v></c>"
        }
    }

    /// Fen as a decimal number of yuan: `18000000` → `180000`, `9000050` → `90000.5`.
    static func yuanText(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let whole = magnitude / 100, cents = magnitude % 100
        if cents == 0 { return sign + String(whole) }
        if cents % 10 == 0 { return sign + "\(whole).\(cents / 10)" }
        return sign + "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Column widths that fit the widest text (a CJK character counts two), between 8 and the sheet's maximum.
    static func widths(_ sheet: SheetDraft) -> [Int] {
        sheet.columns.enumerated().map { index, column in
            var widest = displayWidth(column.header)
            for row in sheet.rows where index < row.count {
                widest = max(widest, width(row[index]))
            }
            return min(sheet.maximumWidth, max(8, widest + 2))
        }
    }

    /// How wide a cell's text is (as `displayWidth`).
    static func width(_ value: SheetDraft.Value) -> Int {
        switch value {
        case .empty: return 0
        case let .text(text): return displayWidth(text)
        case let .yuan(fen): return yuanText(fen).count + 5
        case .date: return 10
        case let .number(text): return text.count
        }
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + (scalar.value >= 0x1100 && (scalar.properties.isIdeographic || (0x3000...0xFFEF).contains(scalar.value)) ? 2 : 1)
        }
    }

    /// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    }

    /// XML text: the escapes, and characters XML 1.0 cannot hold dropped.
    static func escape(_ text: String) -> String { Escape.xml(text) }
}

/// Bytes appended in pieces of about a megabyte, each allocated once at its full size: a large text is made without
/// the copies (and the spare half) of an array that doubles as it grows.
package struct PieceBytes {
    /// How large a piece grows before the next one starts (a megabyte; smaller in tests, to reach the seams).
    let pieceSize: Int
    private var pieces: [[UInt8]] = []
    private var current: [UInt8] = []
    /// The bytes so far.
    package private(set) var count = 0

    package init(pieceSize: Int = 1 << 20) { self.pieceSize = max(1, pieceSize) }

    package static func += (bytes: inout PieceBytes, text: String) { bytes.append(text) }

    package mutating func append(_ text: String) {
        if current.capacity == 0 { current.reserveCapacity(pieceSize + pieceSize / 16) }
        current.append(contentsOf: text.utf8)
        count += text.utf8.count
        if current.count >= pieceSize {
            pieces.append(current)
            current = []
        }
    }

    /// `count` bytes from `position` (fewer at the end).
    package func data(from position: Int, count wanted: Int) -> Data {
        var data = Data()
        data.reserveCapacity(max(0, min(wanted, count - position)))
        var offset = 0
        for piece in pieces + [current] {
            let end = offset + piece.count
            if end > position && offset < position + wanted {
                let from = max(position, offset) - offset, to = min(position + wanted, end) - offset
                data.append(contentsOf: piece[from..<to])
            }
            offset = end
            if offset >= position + wanted { break }
        }
        return data
    }
}
