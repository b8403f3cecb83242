import Foundation
import GazetteContent
import GazetteModel
import Testing

/// Files as Windows, Excel, WPS and Notepad save them. Every fixture is made here from the sample with the
/// system's `iconv`, never committed as binary.
@Suite("Files from Windows and Office")
struct EncodingTests {
    /// The sample file `path` converted by `iconv -f UTF-8 -t encoding`.
    func iconv(_ fixture: Fixture, _ path: String, to encoding: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding, fixture.url(path).path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "iconv -t \(encoding) \(path)")
        return data
    }

    func withCRLF(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    /// The sample with one file's bytes replaced, checked: its errors, and the content read.
    func check(_ change: (Fixture) throws -> Void) throws -> ContentCheck.Report {
        let fixture = try Fixture.copyOfSample()
        try change(fixture)
        return fixture.check()
    }

    func sampleReport() -> ContentCheck.Report { ContentCheck.run(contentDirectory: Fixture.sample) }

    @Test func crlfCrAndBOMAreAcceptedInEveryKindOfFile() throws {
        let files = ["site.yaml", "programme.yaml", "regions.yaml", "projects/qh2017-xn-013.yaml",
                     "organizations/golmud-kunlun-social-work.yaml", "notices/2017-04-launch.md", "pages/about.md",
                     "ledger/2017.csv"]
        let sample = sampleReport()
        for ending in ["\r\n", "\r"] {
            for bom in [false, true] {
                let report = try check { f in
                    for file in files {
                        let text = try f.read(file).replacingOccurrences(of: "\n", with: ending)
                        try f.write(file, bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
                    }
                }
                let label = "\(ending == "\r" ? "CR" : "CRLF")\(bom ? " + BOM" : "")"
                #expect(report.diagnostics.errors.map { "\($0.location): \($0.message)" } == [], "\(label)")
                // The same records, the same findings at the same places, as the plain sample.
                #expect(report.diagnostics.map(\.code) == sample.diagnostics.map(\.code), "\(label)")
                #expect(report.diagnostics.map(\.location) == sample.diagnostics.map(\.location), "\(label)")
                #expect(report.content.ledger.count == sample.content.ledger.count)
                #expect(report.content.notices.first { $0.slug == "2017-04-launch" }?.body
                        == sample.content.notices.first { $0.slug == "2017-04-launch" }?.body, "\(label)")
            }
        }
    }

    @Test(arguments: [("GBK", "GBK/GB18030"), ("GB18030", "GBK/GB18030"), ("UTF-16", "UTF-16LE"), ("UTF-16LE", "UTF-16LE (no BOM)"),
                      ("UTF-16BE", "UTF-16BE (no BOM)")])
    func aLedgerFromExcelOrWPSIsRead(_ encoding: String, _ noted: String) throws {
        let sample = sampleReport()
        var tabs = false
        let report = try check { f in
            var text = try f.read("ledger/2017.csv")
            // "Unicode text" from Excel is UTF-16 with tabs between the cells (and CRLF).
            if encoding.hasPrefix("UTF-16"), !text.contains("\"") {
                text = withCRLF(text.replacingOccurrences(of: ",", with: "\t"))
                tabs = true
            }
            try f.write("ledger/2017.csv", text)
            try f.write("ledger/2017.csv", bytes: Array(try iconv(f, "ledger/2017.csv", to: encoding)))
        }
        #expect(report.diagnostics.errors.map { "\($0.location): \($0.message)" } == [], "\(encoding)")
        #expect(report.content.fileEncodings["ledger/2017.csv"] == noted)
        let rows = report.content.ledger.filter { $0.location.file == "ledger/2017.csv" }
        let sampleRows = sample.content.ledger.filter { $0.location.file == "ledger/2017.csv" }
        #expect(rows.map(\.amount) == sampleRows.map(\.amount))
        #expect(rows.map(\.note) == sampleRows.map(\.note), "Chinese notes read back exactly (tabs: \(tabs))")
        #expect(rows.map(\.kind) == sampleRows.map(\.kind))
    }

    @Test func checkNotesTheEncodingItRead() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.write("ledger/2017.csv", bytes: Array(try iconv(fixture, "ledger/2017.csv", to: "GBK")))
        let run = try GazetteBinary.run(["check", "--content", fixture.root.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("ledger/2017.csv：说明：按 GBK/GB18030 编码读取"))
    }

    @Test func gbkYAMLIsAnErrorNamingTheEncodingAndTheCommand() throws {
        let report = try check { f in
            try f.write("projects/qh2017-xn-013.yaml", bytes: Array(try iconv(f, "projects/qh2017-xn-013.yaml", to: "GBK")))
        }
        let error = try #require(report.diagnostics.errors.first)
        #expect(report.diagnostics.errors.count == 1)
        #expect(error.code == .notUTF8)
        #expect(error.location == SourceLocation(file: "projects/qh2017-xn-013.yaml", line: 1, column: 8))
        #expect(error.message(in: .zhCN) == "这个文件是 GBK/GB18030 编码，不是 UTF-8。")
        #expect(error.suggestion(in: .zhCN) == "运行 `gazette convert projects/qh2017-xn-013.yaml` 把它改存为 UTF-8（原文件留作备份）。")
    }

    @Test func convertRewritesAsUTF8AndKeepsABackup() throws {
        let fixture = try Fixture.copyOfSample()
        let original = try fixture.read("notices/2017-04-launch.md")
        let gbk = try iconv(fixture, "notices/2017-04-launch.md", to: "GB18030")
        try fixture.write("notices/2017-04-launch.md", bytes: Array(gbk))
        let run = try GazetteBinary.run(["convert", "notices/2017-04-launch.md", "--content", fixture.root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try fixture.read("notices/2017-04-launch.md") == original)
        #expect(try Data(contentsOf: fixture.url("notices/.2017-04-launch.md.bak")) == gbk)
        #expect(fixture.check().diagnostics.errors.isEmpty, "the backup is not read as content")
        let again = try GazetteBinary.run(["convert", "notices/2017-04-launch.md", "--content", fixture.root.path])
        #expect(again.status == 0 && again.stdout.contains("已经是 UTF-8"))
    }

    // MARK: Bad input: a clear error at the line and column, never garbled text.

    @Test func mixedEncodingsInOneFile() throws {
        let report = try check { f in
            let gbkLine = try iconv(f, "ledger/2018.csv", to: "GBK").split(separator: 0x0A).last!
            var bytes = Array(try Data(contentsOf: f.url("ledger/2017.csv")))
            bytes += Array(gbkLine) + [0x0A]
            try f.write("ledger/2017.csv", bytes: bytes)
        }
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == .notUTF8)
        #expect(error.message(in: .zhCN).hasPrefix("文件混用了两种编码"))
        let lines = try String(contentsOf: Fixture.sample.appendingPathComponent("ledger/2017.csv"), encoding: .utf8).split(separator: "\n").count
        #expect(error.location.line == lines + 1)
    }

    @Test func aBOMThatDisagreesWithTheBytes() throws {
        let report = try check { f in
            try f.write("ledger/2017.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(try iconv(f, "ledger/2017.csv", to: "GBK")))
        }
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == .notUTF8)
        #expect(error.message(in: .zhCN) == "文件开头标明是 UTF-8 编码，但此处的字节不是 UTF-8。")
        #expect(error.location.line == 2)
    }

    @Test func gbkWithBytesThatAreNotGBK() throws {
        let report = try check { f in
            var bytes = Array(try iconv(f, "ledger/2017.csv", to: "GBK"))
            let thirdLine = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1
            bytes.insert(contentsOf: [0x81, 0x0A], at: thirdLine + 3)   // a lead byte with no second byte
            try f.write("ledger/2017.csv", bytes: bytes)
        }
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == .notUTF8)
        #expect(error.location == SourceLocation(file: "ledger/2017.csv", line: 3, column: 4))
        #expect(error.message(in: .zhCN) == "此处的字节不是有效的 GBK/GB18030 编码，文件可能已损坏或是其他编码。")
        #expect(!error.message(in: .zhCN).contains("\u{FFFD}"))
    }

    @Test func utf16WithoutABOMIsReadFromItsZeroBytes() throws {
        let fixture = try Fixture.copyOfSample()
        let bytes = try iconv(fixture, "ledger/2017.csv", to: "UTF-16LE")
        #expect(EncodingDetector.detect(bytes) == .utf16LENoBOM)
        #expect(EncodingDetector.detect(Data([0xFF, 0xFE]) + bytes) == .utf16LE)
    }

    /// The oracle of the line-end fast path: CRLF is LF; in a file without LF, CR is LF; else a lone CR stays.
    @Test func lineEndsAgainstTheSlowPath() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0D, 0x0A, 0x61, 0x20, 0xE4, 0xB8, 0xAD]
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let fast = LineEnds.normalized(Data(bytes))
            var slow = [UInt8]()
            let oldMac = !bytes.contains(0x0A)
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x0D && oldMac {
                    slow.append(0x0A)
                } else if bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                    // CRLF: the LF is appended next round.
                } else {
                    slow.append(bytes[index])
                }
                index += 1
            }
            #expect(Array(fast) == slow, "\(bytes)")
        }
    }
}
