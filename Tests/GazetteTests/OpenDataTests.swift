import Foundation
import GazetteContent
import GazetteModel
import GazetteBuild
@testable import GazetteMachineFiles
import GazetteOutput
import GazetteSite
import Testing

/// The open data of `data/`, read back as a user would: CSV, JSON, the manifest.
@Suite("Open data")
struct OpenDataTests {
    static let templates = Fixture.packageRoot.appendingPathComponent("templates")
    static let sample = Build.render(options(Fixture.sample))

    static func options(_ content: URL, record: Bool = false) -> Build.Options {
        Build.Options(content: content, templates: templates,
                      output: Fixture.scratch.appendingPathComponent("gazette-out-\(UUID().uuidString)"),
                      record: record)
    }

    static func file(_ result: Build.Result, _ path: String) throws -> Data {
        try #require(result.files.first { $0.path == path }, "no \(path)").bytes
    }

    /// Rows of a CSV file written by Gazette (RFC 4180), without its BOM.
    static func rows(_ data: Data) -> [[String]] {
        var text = String(decoding: data.dropFirst(3), as: UTF8.self)
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    static func column(_ rows: [[String]], _ name: String) -> [String] {
        let index = rows[0].firstIndex(of: name)!
        return rows.dropFirst().map { $0[index] }
    }

    static func sum(_ values: [String]) -> Int64 { values.reduce(0) { $0 + (try! Yuan.parse($1).get()).fen } }

    static func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func csvFilesHaveBOMCRLFAndStableHeaders() throws {
        let expected: [String: [String]] = [
            "data/projects.csv": ["id", "title", "status", "organization_id"],
            "data/organizations.csv": ["id", "name", "credit_code", "type"],
            "data/ledger.csv": ["date", "project_id", "project_title", "organization_id", "kind", "amount", "reference", "note"],
            "data/findings.csv": ["code", "subject", "message", "file", "line", "column"],
            "data/regions/630100.csv": ["id", "title", "status", "organization_id"],
        ]
        for (path, header) in expected {
            let data = try Self.file(Self.sample, path)
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path) has no BOM")
            let text = String(decoding: data.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(path) has a bare LF")
            let rows = Self.rows(data)
            #expect(Array(rows[0].prefix(header.count)) == header, "\(path)")
            #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(path): rows of unequal length")
        }
        #expect(Self.rows(try Self.file(Self.sample, "data/projects.csv")).count == 34)
        #expect(Self.rows(try Self.file(Self.sample, "data/organizations.csv")).count == 18)
        #expect(Self.rows(try Self.file(Self.sample, "data/ledger.csv")).count == 66)
    }

    @Test func csvQuotingFollowsRFC4180() {
        let table = CSVTable(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["two\nlines", "plain"]])
        let text = String(decoding: table.bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n")
        #expect(Self.rows(table.bytes) == [["a", "b"], ["x,y", "say \"hi\""], ["two\nlines", "plain"]])
    }

    @Test func csvTotalsAreTheSumsOfTheirRowsToTheFen() throws {
        let content = GazetteContentCheck.sample
        let site = try ResolvedSite(content: content, findings: [], includeDrafts: false)
        let totals = Totals(site.projects)
        let projects = Self.rows(try Self.file(Self.sample, "data/projects.csv"))
        #expect(Self.sum(Self.column(projects, "amount")) == totals.contracted.fen)
        #expect(Self.sum(Self.column(projects, "paid")) == totals.paid.fen)
        #expect(Self.sum(Self.column(projects, "recovered")) == totals.recovered.fen)
        #expect(Self.sum(Self.column(projects, "net")) == totals.net.fen)
        #expect(Self.sum(Self.column(projects, "to_pay")) == totals.toPay.fen)
        #expect(Self.sum(Self.column(projects, "to_recover")) == totals.toRecover.fen)
        #expect(totals.contracted.fen == 470_000_000)

        let ledger = Self.rows(try Self.file(Self.sample, "data/ledger.csv"))
        let kinds = Self.column(ledger, "kind"), amounts = Self.column(ledger, "amount")
        #expect(Self.sum(zip(kinds, amounts).filter { $0.0 != "recovery" }.map(\.1)) == totals.paid.fen)
        #expect(Self.sum(zip(kinds, amounts).filter { $0.0 == "recovery" }.map(\.1)) == totals.recovered.fen)

        let organizations = Self.rows(try Self.file(Self.sample, "data/organizations.csv"))
        #expect(Self.sum(Self.column(organizations, "contracted")) == totals.contracted.fen)

        var regionIDs: [String] = []
        for city in site.regions.cities {
            let rows = Self.rows(try Self.file(Self.sample, "data/regions/\(city.code).csv"))
            let cityTotals = Totals(site.projects(inCity: city.code))
            #expect(Self.sum(Self.column(rows, "amount")) == cityTotals.contracted.fen)
            #expect(Self.sum(Self.column(rows, "net")) == cityTotals.net.fen)
            regionIDs += Self.column(rows, "id")
        }
        #expect(regionIDs.sorted() == Self.column(projects, "id").sorted())
    }

    @Test func siteJSONParsesAndMatchesThePagesFigures() throws {
        let document = try Self.json(try Self.file(Self.sample, "data/site.json"))
        #expect(document["as_of"] as? String == "2018-03-31")
        let totals = try #require(document["totals"] as? [String: Any])
        let home = String(decoding: try Self.file(Self.sample, "index.html"), as: UTF8.self)
        for (figure, key) in [("contracted", "contracted"), ("paid", "paid"), ("recovered", "recovered"), ("net", "net"),
                              ("to-pay", "to_pay"), ("to-recover", "to_recover")] {
            let money = try #require(totals[key] as? [String: Any])
            let fen = try #require((money["fen"] as? NSNumber)?.int64Value)
            #expect(home.contains("data-figure=\"\(figure)\" data-fen=\"\(fen)\""), "\(figure): \(fen) is not on the home page")
            #expect(money["yuan"] as? String == Yuan(fen: fen).plainText)
        }
        let projects = try #require(document["projects"] as? [[String: Any]])
        #expect(projects.count == 33)
        let statuses = Dictionary(grouping: projects.compactMap { $0["status"] as? String }, by: { $0 }).mapValues(\.count)
        #expect(statuses["completed"] == 25 && statuses["failed"] == 1 && statuses["terminated"] == 1)
        let ledger = try #require(document["ledger"] as? [[String: Any]])
        #expect(ledger.count == 65)
        // The project page shows the same amount as site.json.
        let first = projects[0]
        let id = try #require(first["id"] as? String)
        let amount = try #require(((first["amount"] as? [String: Any])?["fen"] as? NSNumber)?.int64Value)
        let page = String(decoding: try Self.file(Self.sample, "projects/\(id)/index.html"), as: UTF8.self)
        #expect(page.contains("data-fen=\"\(amount)\""))
    }

    @Test func manifestListsEveryFileWithItsHashAndSize() throws {
        let manifest = try Self.json(try Self.file(Self.sample, "manifest.json"))
        let entries = try #require(manifest["files"] as? [[String: Any]])
        let paths = entries.compactMap { $0["path"] as? String }
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(!paths.contains("manifest.json"))
        #expect(Set(paths) == Set(Self.sample.files.map(\.path)).subtracting(["manifest.json"]))
        for entry in entries {
            let path = entry["path"] as! String
            let bytes = try Self.file(Self.sample, path)
            #expect(entry["sha256"] as? String == SHA256.hex(bytes), "\(path)")
            #expect((entry["size"] as? NSNumber)?.intValue == bytes.count, "\(path)")
        }
        #expect(Self.sample.manifestHash == SHA256.hex(try Self.file(Self.sample, "manifest.json")))
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sameInputSameBytes() throws {
        let again = Build.render(Self.options(Fixture.sample))
        for path in ["data/site.json", "data/ocds/release-package.json", "data/projects.csv", "manifest.json", "changes/index.html"] {
            #expect(try Self.file(again, path) == Self.file(Self.sample, path), "\(path)")
        }
    }

    @Test func dataPageIsInTheNavigationAndListsEveryFile() throws {
        let page = String(decoding: try Self.file(Self.sample, "data/index.html"), as: UTF8.self)
        #expect(page.contains("aria-current=\"page\">开放数据</a>"))
        for path in ["data/projects.csv", "data/organizations.csv", "data/ledger.csv", "data/findings.csv",
                     "data/regions/630100.csv", "data/regions/632800.csv", "data/site.json",
                     "data/ocds/release-package.json", "data/ocds/record-package.json"] {
            #expect(page.contains("<code>\(path)</code>"), "\(path) is not on the data page")
        }
        let home = String(decoding: try Self.file(Self.sample, "index.html"), as: UTF8.self)
        #expect(home.contains("<a href=\"./data/\">开放数据</a>"))
    }

    @Test func withoutAnOCIDPrefixOCDSIsSkippedWithANote() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("site.yaml", "ocid_prefix: ocds-a1b2c3\n", with: "")
        let result = Build.render(Self.options(fixture.root))
        #expect(!result.files.isEmpty)
        #expect(!result.files.contains { $0.path.hasPrefix("data/ocds/") })
        let page = String(decoding: try Self.file(result, "data/index.html"), as: UTF8.self)
        #expect(page.contains("id=\"ocds-skipped\""))
    }
}
