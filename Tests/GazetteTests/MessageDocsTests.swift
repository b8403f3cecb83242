import Foundation
import GazetteModel
import Testing

/// docs/messages.md lists every message of the catalogue in both languages, by code. It is made from the
/// catalogue: `GAZETTE_WRITE_DOCS=1 swift test --filter MessageDocsTests` rewrites it.
@Suite("The message list in the docs")
struct MessageDocsTests {
    static func markdown() -> String {
        let english = MessageCatalogue.entries(.en), chinese = MessageCatalogue.entries(.zhCN)
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
        }
        var out = """
        # Every message in both languages (每条提示的中英文)

        Made from the message catalogue (`Sources/GazetteModel/Messages/MessageCatalogue+*.swift`); a test keeps it
        current. `{name}` is a value filled in: a file, a field, a date (`2018年3月15日` / `15 March 2018`), an amount as the
        site shows it in running text (`18万元` / `¥180,000`). A key ending in `.help` is the suggestion printed under its
        message (`= 提示:` / `= help:`). Which language `gazette` speaks: `--lang zh-CN|en`, else the environment variable
        `GAZETTE_LANG`, else the site's `language` in site.yaml. `--format json` keeps the stable `code` and gives the
        message in that language. Examples of each code in context: [diagnostics.md](diagnostics.md).


        """
        let groups: [(title: String, belongs: (String) -> Bool)] = [
            ("Errors and findings (错误和发现的问题)", { $0.first == "E" || $0.first == "F" }),
            ("Words placed in messages (嵌入提示中的词语)", { key in
                ["what.", "date.", "status.", "level.", "region.", "county.", "yaml.", "eligibility.", "help."].contains { key.hasPrefix($0) }
            }),
            ("The command line (命令行)", { $0.hasPrefix("cli.") }),
            ("The preview (预览)", { $0.hasPrefix("serve.") }),
            ("Importing tables (导入表格, gazette import)", { $0.hasPrefix("import.") }),
            ("County outlines (县域轮廓, outlines.geojson)", { $0.hasPrefix("outline.") }),
        ]
        for (title, belongs) in groups {
            out += "## \(title)\n\n| key | 中文 | English |\n|---|---|---|\n"
            for key in english.keys.filter(belongs).sorted(by: { a, b in
                // F-codes after E-codes, keys of one code together.
                a.localizedStandardCompare(b) == .orderedAscending
            }) {
                out += "| `\(key)` | \(cell(chinese[key] ?? "")) | \(cell(english[key] ?? "")) |\n"
            }
            out += "\n"
        }
        out += "`gazette new` writes a commented skeleton per kind of record (keys `new.project`, `new.organization`, `new.notice`, `new.page`); see [commands.md](commands.md#gazette-new).\n"
        return out
    }

    @Test func theListIsCurrent() throws {
        let url = Fixture.packageRoot.appendingPathComponent("docs/messages.md")
        let made = Self.markdown()
        if ProcessInfo.processInfo.environment["GAZETTE_WRITE_DOCS"] == "1" { try made.write(to: url, atomically: true, encoding: .utf8) }
        let current = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        #expect(current == made, "docs/messages.md is out of date: GAZETTE_WRITE_DOCS=1 swift test --filter MessageDocsTests")
    }
}
