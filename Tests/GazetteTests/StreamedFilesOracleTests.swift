@testable import GazetteMachineFiles
import Foundation
import GazetteOutput
@testable import GazetteSpreadsheet
import Testing

/// Issue 16, peak memory: files made a piece at a time against the plain path that makes them whole, on seeded
/// random and mutated inputs. `SearchFiles` (the search index from compact postings, each term shard made when
/// written) against `SearchIndex.json()` + `SearchShards.files()`; `XLSXWriter.write(rows:)` (a sheet typed
/// and written row by row) against `XLSXWriter.write(_:)` of the whole `SheetDraft`. The same bytes, file by file.
@Suite("Files made in pieces against the whole")
struct StreamedFilesOracleTests {
    static let words = ["城东区", "留守儿童", "关爱", "服务", "项目", "西宁", "海东", "〇", "儿", "社区", "𠀀𠀁", "Chengdong", "QH2017",
                        "xn", "001", "a", "B", "2017", "Ｃｈｅｎｇ", "１２", "café", "Ñu", "qh2017-xn-001", "年度", "满意度"]
    static let separators = ["", " ", "·", "-", ", ", "（", "）", "\u{3000}", "\t", "/"]

    static func text(_ random: inout SeededRandom, words count: ClosedRange<Int>) -> String {
        (0..<Int.random(in: count, using: &random)).map { _ in random.pick(words) + random.pick(separators) }.joined()
    }

    static func documents(_ random: inout SeededRandom, count: Int) -> [SearchIndex.Document] {
        (0..<count).map { number in
            var document = SearchIndex.Document(
                kind: Int.random(in: 0...2, using: &random), key: "k\(Int.random(in: 0...count * 2, using: &random))",
                path: "p/\(number)/", title: text(&random, words: 0...6), subtitle: text(&random, words: 0...3),
                text: (0..<Int.random(in: 0...4, using: &random)).map { _ in text(&random, words: 1...3) })
            if Bool.random(using: &random) { document.amount = "¥\(Int.random(in: 0...999_999, using: &random)).00" }
            if Int.random(in: 0...3, using: &random) == 0 { document.status = ("in-progress", "实施中") }
            document.fields = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                (random.pick(["community", "organization", "place"]), text(&random, words: 1...3))
            }
            return document
        }
    }

    /// A document list changed the way content changes: a title copied to another, a title emptied, a
    /// document dropped or repeated, a kind changed.
    static func mutated(_ documents: [SearchIndex.Document], _ random: inout SeededRandom) -> [SearchIndex.Document] {
        var documents = documents
        guard !documents.isEmpty else { return documents }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let a = Int.random(in: 0..<documents.count, using: &random), b = Int.random(in: 0..<documents.count, using: &random)
            switch Int.random(in: 0...4, using: &random) {
            case 0: documents[a].title = documents[b].title
            case 1: documents[a].title = ""
            case 2: if documents.count > 1 { documents.remove(at: a) }
            case 3: documents.append(documents[b])
            default: documents[a].kind = (documents[a].kind + 1) % 3
            }
        }
        return documents
    }

    static func plain(_ documents: [SearchIndex.Document]) -> [String: Data] {
        let index = SearchIndex(kinds: ["region", "project", "notice"], documents: documents)
        let files = [OutputFile(path: "search/index.json", text: index.json())] + SearchShards(index: index).files()
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
    }

    static func streamed(_ documents: [SearchIndex.Document]) -> [String: Data] {
        let sink = MemorySink()
        SearchFiles(kinds: ["region", "project", "notice"], documents: documents).write(into: sink)
        return sink.files.mapValues(\.bytes)
    }

    @Test(arguments: 1...6)
    func searchFilesAreThePlainIndexsBytes(seed: UInt64) {
        var random = SeededRandom(seed: 0x16_4000 + seed)
        for round in 0..<12 {
            // Large enough rounds to fill many term shards; small ones for the edges (no document, one).
            let count = round % 4 == 3 ? Int.random(in: 300...700, using: &random) : Int.random(in: 0...25, using: &random)
            let original = Self.documents(&random, count: count)
            for (step, documents) in [original, Self.mutated(original, &random)].enumerated() {
                let want = Self.plain(documents), got = Self.streamed(documents)
                #expect(Set(got.keys) == Set(want.keys), "seed \(seed) round \(round) step \(step): \(Set(got.keys).symmetricDifference(want.keys).sorted().prefix(5))")
                let differing = want.keys.filter { got[$0] != want[$0] }.sorted()
                #expect(differing.isEmpty, "seed \(seed) round \(round) step \(step): \(differing.prefix(5))")
                if round % 4 == 3, step == 0 { #expect(want.keys.filter { $0.hasPrefix("search/terms/") }.count > 3) }
            }
        }
    }

    static func value(_ random: inout SeededRandom) -> SheetDraft.Value {
        switch Int.random(in: 0...5, using: &random) {
        case 0: return .empty
        case 1: return .yuan(Int64.random(in: -1_000_000...100_000_000, using: &random))
        case 2: return .date(year: Int.random(in: 1990...2030, using: &random), month: Int.random(in: 1...12, using: &random),
                             day: Int.random(in: 1...28, using: &random))
        case 3: return .number(random.pick(["95.2", "120", "0", "3"]))
        default: return .text(random.pick([" 前后有空格 ", "A&B <c>", "青海省西宁市城东区东关大街社区居民委员会", "x", "\u{1}控制", "qh2017-xn-001"])
                              + String(Int.random(in: 0...9, using: &random)))
        }
    }

    /// `write(rows:)` = `write(_:)` of the same rows; rows shorter and longer than the header, drop-down lists,
    /// frozen or not, no row at all. The zip writer's reads of the sheet, and reads out of order, against the
    /// whole XML.
    @Test(arguments: 1...4)
    func workbooksWrittenRowByRowAreTheWholeDraftsBytes(seed: UInt64) throws {
        var random = SeededRandom(seed: 0x16_4100 + seed)
        for round in 0..<25 {
            let columns = (0..<Int.random(in: 0...8, using: &random)).map { index in
                SheetDraft.Column(header: random.pick(["编号", "amount", "项目名称", "a b", "日期"]) + "\(index)",
                                  validation: Int.random(in: 0...5, using: &random) == 0 ? "'选项'!$A$2:$A$9" : nil)
            }
            var sheet = SheetDraft(name: random.pick(["项目", "ledger", "a/b:c"]), columns: columns)
            sheet.freezeHeader = Bool.random(using: &random)
            sheet.maximumWidth = random.pick([60, 12])
            let rows = round % 5 == 4 ? Int.random(in: 2_000...4_000, using: &random) : Int.random(in: 0...40, using: &random)
            sheet.rows = (0..<rows).map { _ in
                (0..<max(0, columns.count + Int.random(in: -2...1, using: &random))).map { _ in Self.value(&random) }
            }
            let whole = try XLSXWriter.write(WorkbookDraft(sheets: [sheet]))
            var layout = sheet
            layout.rows = []
            let streamed = try XLSXWriter.write(rows: SheetRows(layout: layout, count: sheet.rows.count) { sheet.rows[$0] })
            #expect(streamed == whole, "seed \(seed) round \(round): \(streamed.count) bytes, want \(whole.count)")

            let xml = XLSXWriter.sheetBytes(sheet)
            let all = xml.data(from: 0, count: xml.count)
            let stream = SheetStream(head: XLSXWriter.sheetHead(sheet, widths: XLSXWriter.widths(sheet), rowCount: sheet.rows.count),
                                     tail: XLSXWriter.sheetTail(sheet), count: sheet.rows.count) { sheet.rows[$0] }
            var position = 0
            for _ in 0..<30 {
                // Mostly forward, as the zip writer reads; now and then back or past the end.
                if Int.random(in: 0...6, using: &random) == 0 { position = Int.random(in: 0...all.count + 5, using: &random) }
                let count = Int.random(in: 0...max(1, all.count / 4), using: &random)
                let expected = position < all.count ? all.subdata(in: position..<min(all.count, position + count)) : Data()
                #expect(stream.read(position, count) == expected, "seed \(seed) round \(round): \(position)+\(count)")
                position += count
            }
        }
    }
}
