import Foundation
import GazetteContent
@testable import GazetteImport
import GazetteModel
@testable import GazetteSpreadsheet
import Testing
import ZIPFoundation

/// Reading and writing .xlsx: exact numbers, both date systems, and hostile workbooks refused at their cell.
@Suite("Spreadsheets")
struct SpreadsheetTests {
    /// A zip of the given parts, for workbooks an office suite would never write.
    static func workbook(sheet: String, sharedStrings: String? = nil, styles: String? = nil, workbookPr: String = "",
                         sheets: String = #"<sheet name="项目汇总" sheetId="1" r:id="rId1"/>"#) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        try add("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            \(workbookPr)<sheets>\(sheets)</sheets></workbook>
            """)
        var rels = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        if sharedStrings != nil {
            rels += #"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        if styles != nil {
            rels += #"<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        }
        try add("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        if let styles { try add("xl/styles.xml", styles) }
        if let sharedStrings { try add("xl/sharedStrings.xml", sharedStrings) }
        try add("xl/worksheets/sheet1.xml", #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + sheet + "</sheetData></worksheet>")
        return archive.data!
    }

    @Test func writtenWorkbookReadsBackWithTypedCells() throws {
        var sheet = SheetDraft(name: "项目", columns: [.init(header: "项目名称"), .init(header: "合同金额"), .init(header: "合同签订日期")])
        sheet.rows = [[.text("格尔木市 <关爱> & 项目"), .yuan(18_000_050), .date(year: 2017, month: 6, day: 26)]]
        let bytes = try XLSXWriter.write(WorkbookDraft(sheets: [sheet]))
        let book = try XLSXReader.read(bytes, fileName: "x.xlsx")
        #expect(book.sheets.map(\.name) == ["项目"])
        let row = try #require(book.sheets[0].rows.last)
        #expect(row.cells.map(\.value) == [.text("格尔木市 <关爱> & 项目"), .number("180000.5"), .number("42912")])
        // Same workbook, same bytes: the zip's timestamps are fixed.
        #expect(try XLSXWriter.write(WorkbookDraft(sheets: [sheet])) == bytes)
    }

    /// Excel and WPS store 95.2% as 0.952 in a cell whose format shows a percentage: the built-in formats 9
    /// and 10, or a custom format with a `%` that is not quoted text. Such a cell in a percentage field is 95.2.
    @Test func percentFormattedCellsAreScaled() throws {
        let styles = """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2">\
            <numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/><numFmt numFmtId="165" formatCode="0.00\\ %"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>\
            <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>
            """
        let data = try Self.workbook(sheet: """
            <row r="1"><c r="A1" s="0"><v>0.952</v></c><c r="B1" s="1"><v>0.952</v></c><c r="C1" s="2"><v>95.2</v></c>\
            <c r="D1" s="3"><v>0.95199999999999996</v></c><c r="E1" s="4"><v>1</v></c><c r="F1"><v>7</v></c></row>
            """, styles: styles)
        let cells = try XLSXReader.read(data, fileName: "a.xlsx").sheets[0].rows[0].cells
        // `0.0"%"` shows a quoted `%` after the number (not a percentage); `0.00\ %` escapes the space, not the `%`.
        #expect(cells.map(\.percent) == [false, true, false, true, true, false])
        let values = CellValues(content: Content(), importedOrganizations: [:])
        func percent(_ cell: Cell) -> String? {
            guard case let .number(text) = cell.value else { return nil }
            let imported = ImportTable.Cell(row: 1, column: cell.column, text: text, number: text, percent: cell.percent,
                                            location: SourceLocation(file: "a.xlsx!x!A1"))
            return try? values.percent(imported).get()
        }
        #expect(cells.map(percent) == ["0.952", "95.2", "95.2", "95.2", "100", "7"])
    }

    @Test func serialDatesInBothSystems() {
        #expect(SerialDate.civil(42912, date1904: false)! == (2017, 6, 26))
        #expect(SerialDate.civil(42912 - 1462, date1904: true)! == (2017, 6, 26))
        #expect(SerialDate.civil(59, date1904: false)! == (1900, 2, 28))
        #expect(SerialDate.civil(60, date1904: false) == nil)
        #expect(SerialDate.civil(61, date1904: false)! == (1900, 3, 1))
        #expect(SerialDate.serial(year: 2017, month: 6, day: 26) == 42912)
    }

    @Test func date1904IsRead() throws {
        let data = try Self.workbook(sheet: #"<row r="1"><c r="A1"><v>41450</v></c></row>"#, workbookPr: #"<workbookPr date1904="1"/>"#)
        #expect(try XLSXReader.read(data, fileName: "a.xlsx").date1904)
    }

    @Test func dateCellsInBothSystemsAndAsText() {
        let values = CellValues(content: Content(), importedOrganizations: [:])
        func date(_ text: String, number: Bool, date1904: Bool = false) -> String? {
            let cell = ImportTable.Cell(row: 2, column: 3, text: text, number: number ? text : nil, location: SourceLocation(file: "t"))
            return try? values.date(cell, date1904: date1904).get()
        }
        #expect(date("42912", number: true) == "2017-06-26")
        #expect(date("41450", number: true, date1904: true) == "2017-06-26")
        #expect(date("42912.75", number: true) == "2017-06-26")
        #expect(date("2017年6月26日", number: false) == "2017-06-26")
        #expect(date("2017/6/26", number: false) == "2017-06-26")
        #expect(date("2017.06.26", number: false) == "2017-06-26")
        #expect(date("2017-02-30", number: false) == nil)
        #expect(date("60", number: true) == nil)
        #expect(date("下月", number: false) == nil)
    }

    @Test func amountsAreExactToTheFen() throws {
        let values = CellValues(content: Content(), importedOrganizations: [:])
        func yuan(_ text: String, number: Bool, unit: Int) -> String? {
            let cell = ImportTable.Cell(row: 2, column: 3, text: text, number: number ? text : nil, location: SourceLocation(file: "t"))
            return try? values.yuan(cell, yuanPerUnit: unit).get()
        }
        #expect(yuan("18.5", number: true, unit: 10_000) == "185000.00")
        #expect(yuan("18.500000000000004", number: true, unit: 10_000) == "185000.00")
        #expect(yuan("1.8E5", number: true, unit: 1) == "180000.00")
        #expect(yuan("18.5万元", number: false, unit: 1) == "185000.00")
        #expect(yuan("¥180,000.50元", number: false, unit: 1) == "180000.50")
        #expect(yuan("0.123456", number: true, unit: 10_000) == "1234.56")
        #expect(yuan("12.345", number: false, unit: 1) == nil)
        #expect(yuan("-5", number: true, unit: 1) == nil)
        #expect(yuan("十八万", number: false, unit: 1) == nil)
    }

    @Test func refusedFormatsSayWhatToSaveAs() throws {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))
        #expect(throws: SpreadsheetError.self) { try XLSXReader.read(ole, fileName: "表.xls") }
        do { _ = try XLSXReader.read(ole, fileName: "表.xls") } catch { #expect(error.message.contains(".xls")) }
        let encrypted = ole + Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        do { _ = try XLSXReader.read(encrypted, fileName: "表.xlsx") } catch { #expect(error.message.contains("password")) }
        let plain = try Self.workbook(sheet: "")
        do { _ = try XLSXReader.read(plain, fileName: "表.xlsm") } catch { #expect(error.kind == .wrongFormat && error.message.contains(".xlsm")) }
        do { _ = try XLSXReader.read(Data("a,b\n".utf8), fileName: "表.xlsx") } catch { #expect(error.kind == .wrongFormat) }
    }

    @Test func zipBombStopsAtTheLimit() throws {
        let rows = String(repeating: #"<row><c><v>1</v></c></row>"#, count: 100_000)
        let data = try Self.workbook(sheet: rows)
        #expect(data.count < 200_000)
        do {
            _ = try XLSXReader.read(data, fileName: "bomb.xlsx", inflateLimit: 1 << 20)
            Issue.record("read past the limit")
        } catch { #expect(error.kind == .tooLarge) }
    }

    @Test func sharedStringOutOfRangeIsNamedAtItsCell() throws {
        let data = try Self.workbook(sheet: #"<row r="7"><c r="C7" t="s"><v>5</v></c></row>"#,
                                     sharedStrings: #"<sst><si><t>项目名称</t></si></sst>"#)
        do {
            _ = try XLSXReader.read(data, fileName: "表.xlsx")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .badCell)
            #expect(error.sheet == "项目汇总" && error.cell == "C7")
        }
    }

    @Test func formulasGiveTheirCachedValueOrNone() throws {
        let data = try Self.workbook(sheet: #"<row r="2"><c r="A2"><f>B2*2</f><v>36</v></c><c r="B2"><f>SUM(C1:C9)</f></c><c r="C2" t="str"><f>A1</f><v>合格</v></c></row>"#)
        let cells = try XLSXReader.read(data, fileName: "a.xlsx").sheets[0].rows[0].cells
        #expect(cells.map(\.value) == [.number("36"), .formulaWithoutValue("SUM(C1:C9)"), .text("合格")])
    }

    @Test func hiddenSheetsAreMarked() throws {
        let data = try Self.workbook(sheet: #"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#,
                                     sheets: #"<sheet name="a" sheetId="1" r:id="rId1"/><sheet name="b" sheetId="2" state="hidden" r:id="rId2"/>"#)
        let book = try XLSXReader.read(data, fileName: "a.xlsx")
        #expect(book.sheets.map(\.hidden) == [false, true])
    }

    @Test func aMillionEmptyRowsCostNothingButTheParse() throws {
        var sheet = ""
        sheet.reserveCapacity(20_000_000)
        for row in 1...1_000_000 { sheet += "<row r=\"\(row)\"/>" }
        sheet += #"<row r="1000001"><c r="A1000001" t="inlineStr"><is><t>end</t></is></c></row>"#
        let book = try XLSXReader.read(try Self.workbook(sheet: sheet), fileName: "a.xlsx")
        #expect(book.sheets[0].rows.count == 1)
        #expect(book.sheets[0].rows[0].cells[0].reference == "A1000001")
    }

    @Test func fieldNamesAreTheReadersKeys() {
        for kind in RecordKind.allCases {
            let keys = FieldNames.readerKeys[kind]!
            for field in FieldNames.fields(kind) where field.path != "id" {
                #expect(keys.contains(String(field.path.split(separator: ".")[0])), "\(kind): \(field.path)")
            }
        }
    }

    /// CSV tables are decoded by the content reader's `EncodingDetector`, with its errors at line and column.
    @Test func decodesGB18030AndUTF16() throws {
        let gbk = Data([0xCF, 0xEE, 0xC4, 0xBF, 0x2C, 0x61]) // 项目,a in GBK
        let table = try ImportTable.loadCSV(gbk, path: "t.csv").get()
        #expect(table.rows.first?.map(\.text) == ["项目", "a"])
        let utf16 = Data([0xFF, 0xFE]) + Data("项目,金额".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(try ImportTable.loadCSV(utf16, path: "t.csv").get().rows.first?.map(\.text) == ["项目", "金额"])
        // A UTF-8 BOM over bytes that are not UTF-8: the content reader's error, at its line and column.
        guard case let .failure(bad) = ImportTable.loadCSV(Data([0xEF, 0xBB, 0xBF]) + Data("a,b\nc,".utf8) + Data([0xFF, 0x0A]), path: "t.csv") else {
            Issue.record("a broken UTF-8 file was read"); return
        }
        #expect(bad.code == .notUTF8 && bad.location.line == 2 && bad.location.column == 3)
        #expect(bad.text.key == "E002.bomDisagrees")
        // Bytes that are no text at all.
        guard case let .failure(binary) = ImportTable.loadCSV(Data([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x80]), path: "t.csv") else {
            Issue.record("binary bytes were read"); return
        }
        #expect(binary.code == .notUTF8 && binary.text.key == "import.csv.notText")
    }
}
