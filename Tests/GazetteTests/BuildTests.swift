import Foundation
import GazetteMarkdown
import GazetteModel
import GazetteBuild
import GazetteTemplates
import Testing

@Suite("Money and dates as residents read them")
struct FormatTests {
    @Test func tables() {
        #expect(MoneyFormat.table(Yuan(fen: 18_000_000)) == "¥180,000.00")
        #expect(MoneyFormat.table(Yuan(fen: 5)) == "¥0.05")
        #expect(MoneyFormat.table(Yuan(fen: 123_456_789_01)) == "¥123,456,789.01")
        #expect(MoneyFormat.table(Yuan(fen: -150_000)) == "-¥1,500.00")
    }

    @Test func prose() {
        #expect(MoneyFormat.prose(Yuan(fen: 18_000_000), language: "zh-CN") == "18万元")
        #expect(MoneyFormat.prose(Yuan(fen: 18_550_000), language: "zh-CN") == "18.55万元")
        #expect(MoneyFormat.prose(Yuan(fen: 1_000_001), language: "zh-CN") == "1.000001万元")
        #expect(MoneyFormat.prose(Yuan(fen: 500_000), language: "zh-CN") == "5,000元")
        #expect(MoneyFormat.prose(Yuan(fen: 50), language: "zh-CN") == "0.50元")
        #expect(MoneyFormat.prose(Yuan(fen: 18_000_000), language: "en") == "¥180,000")
        #expect(MoneyFormat.prose(Yuan(fen: 18_000_050), language: "en") == "¥180,000.50")
    }

    @Test func dates() {
        #expect(DateFormat.long(Day("2017-06-20")!, language: "zh-CN") == "2017年6月20日")
        #expect(DateFormat.long(Day("2017-06-20")!, language: "en") == "20 June 2017")
    }
}

@Suite("Markdown through cmark, safely")
struct MarkdownTests {
    @Test func rawHTMLIsNeverPassedThrough() {
        let html = Markdown.html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>", resolve: { _ in nil })
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
    }

    @Test func dangerousURLsAreDropped() {
        let html = Markdown.html("[x](javascript:alert(1)) [y](vbscript:x) [z](data:text/html,hi)", resolve: { _ in nil })
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
    }

    @Test func recordLinksAreResolved() {
        let html = Markdown.html("见[项目](project:qh2017-xn-001#funds)。", resolve: { url in
            url.hasPrefix("project:") ? "../projects/qh2017-xn-001/#funds" : nil
        })
        #expect(html.contains("<a href=\"../projects/qh2017-xn-001/#funds\">项目</a>"))
    }

    @Test func headingsStartAtH2AndGetIDs() {
        let html = Markdown.html("# 一、申报主体\n\n## 二、申报要求\n\n## 二、申报要求\n\n### Step *one*", resolve: { _ in nil })
        #expect(!html.contains("<h1"))
        #expect(html.contains("<h2 id=\"一-申报主体\">"))
        #expect(html.contains("<h2 id=\"二-申报要求\">"))
        #expect(html.contains("<h2 id=\"二-申报要求-2\">"))
        #expect(html.contains("<h3 id=\"step-one\">"))
    }
}

@Suite("gazette build")
struct BuildTests {
    static let templates = Fixture.packageRoot.appendingPathComponent("templates")

    func options(_ content: URL, output: URL? = nil, drafts: Bool = false, baseURL: String? = nil) -> Build.Options {
        Build.Options(content: content, templates: Self.templates,
                      output: output ?? Fixture.scratch.appendingPathComponent("gazette-out-\(UUID().uuidString)"),
                      baseURL: baseURL, drafts: drafts)
    }

    func page(_ result: Build.Result, _ path: String) throws -> String {
        let file = try #require(result.files.first { $0.path == path }, "no \(path)")
        return String(decoding: file.bytes, as: UTF8.self)
    }

    @Test func everyRecordHasItsPage() throws {
        let result = Build.render(options(Fixture.sample))
        let paths = Set(result.files.map(\.path))
        let content = ContentCheckHelper.sample
        for project in content.projects { #expect(paths.contains("projects/\(project.id)/index.html")) }
        for organization in content.organizations { #expect(paths.contains("organizations/\(organization.id)/index.html")) }
        for region in content.regions!.cities + content.regions!.counties { #expect(paths.contains("regions/\(region.code)/index.html")) }
        for service in content.programme!.allServices { #expect(paths.contains("services/\(service.key)/index.html")) }
        for group in content.programme!.targetGroups { #expect(paths.contains("groups/\(group.key)/index.html")) }
        for notice in content.notices where !notice.draft { #expect(paths.contains("notices/\(notice.slug)/index.html")) }
        for notice in content.notices where notice.draft { #expect(!paths.contains("notices/\(notice.slug)/index.html")) }
        for page in content.pages { #expect(paths.contains("pages/\(page.slug)/index.html")) }
        for fixed in ["index.html", "projects/index.html", "organizations/index.html", "services/index.html", "notices/index.html",
                      "notices/page/2/index.html", "notices/kind/publicity/index.html", "findings/index.html", "404.html",
                      "theme/style.css", "theme/site.js"] {
            #expect(paths.contains(fixed), "\(fixed)")
        }
    }

    @Test func everyPageIsComplete() throws {
        let result = Build.render(options(Fixture.sample))
        for file in result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self)
            #expect(html.components(separatedBy: "<h1").count == 2, "one h1 in \(file.path)")
            #expect(html.contains("<html lang=\"zh-CN\">"))
            #expect(html.contains("<time class=\"as-of\" datetime=\"2018-03-31\">2018年3月31日</time>"), "\(file.path)")
            #expect(html.contains("class=\"sample-notice"), "\(file.path)")
            #expect(html.contains("<main id=\"main\""))
            #expect(!html.contains("{{") && !html.contains(">nil<") && !html.contains("Optional("), "\(file.path)")
        }
    }

    @Test func aProjectPageIsSmall() throws {
        let result = Build.render(options(Fixture.sample))
        let css = try #require(result.files.first { $0.path == "theme/style.css" }).bytes.count
        let largest = result.files.filter { $0.path.hasPrefix("projects/q") }.map(\.bytes.count).max() ?? 0
        #expect(largest + css < 60 * 1024, "largest project page \(largest) B + CSS \(css) B")
    }

    @Test func figuresAreExact() throws {
        let result = Build.render(options(Fixture.sample))
        let html = try page(result, "projects/qh2017-hx-004/index.html")
        // On a phone the 万元 form shows first, with the exact figure under it (issue 13).
        let exact = { (figure: String, fen: String, short: String, text: String) in
            "data-figure=\"\(figure)\" data-fen=\"\(fen)\"><span class=\"money-short\" aria-hidden=\"true\">\(short)</span><span class=\"money-exact\">\(text)</span></dd>"
        }
        #expect(html.contains(exact("paid", "6000000", "6万元", "¥60,000.00")))
        #expect(html.contains(exact("recovered", "6000000", "6万元", "¥60,000.00")))
        #expect(html.contains(exact("net", "0", "0元", "¥0.00")))
        let home = try page(result, "index.html")
        #expect(home.contains("data-scope=\"province\""))
        #expect(home.contains("<svg class=\"chart\" role=\"img\""))
    }

    @Test func hostileTextIsEscaped() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "title: 城东区留守困境儿童关爱服务项目",
                            with: "title: \"<script>alert(1)</script> {{title}} \\\"><img src=x onerror=alert(1)>\"")
        try fixture.replace(xn001, "  心缘社工为两个社区", with: "  <script>alert(2)</script>[x](javascript:alert(3)) {{{t}}} 心缘社工为两个社区")
        let result = Build.render(options(fixture.root))
        #expect(result.diagnostics.errors.isEmpty)
        for file in result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(file.path)")
            #expect(!html.contains("<img src=x"), "\(file.path)")
            #expect(!html.contains("href=\"javascript:"), "\(file.path)")
        }
        let html = try page(result, "projects/qh2017-xn-001/index.html")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; {{title}} &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("{{{t}}}"))
    }

    @Test func sameInputSameBytes() throws {
        let first = Build.render(options(Fixture.sample)).files
        let second = Build.render(options(Fixture.sample)).files
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.bytes) == second.map(\.bytes))
    }

    @Test func draftsOnlyWhenAskedAndMarked() throws {
        let result = Build.render(options(Fixture.sample, drafts: true))
        let html = try page(result, "notices/2018-03-annual-summary-draft/index.html")
        #expect(html.contains("class=\"draft-badge\""))
    }

    @Test func notFoundPageWorksFromAnyAddress() throws {
        let result = Build.render(options(Fixture.sample, baseURL: "https://x.gov.cn/gmfw/"))
        let html = try page(result, "404.html")
        #expect(html.contains("href=\"/gmfw/theme/style.css\""))
        #expect(html.contains("href=\"/gmfw/projects/\""))
        // Other pages link relatively, so they work under any sub-path.
        let project = try page(result, "projects/qh2017-xn-001/index.html")
        #expect(project.contains("href=\"../../theme/style.css\""))
        #expect(!project.contains("href=\"/"))
    }

    @Test func aTemplateErrorNamesFileLineAndColumn() throws {
        let templates = Fixture.scratch.appendingPathComponent("gazette-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.templates, to: templates)
        let url = templates.appendingPathComponent("project.mustache")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "{{/timeline}}</ol>", with: "{{/timelin}}</ol>")
        try text.write(to: url, atomically: true, encoding: .utf8)
        var broken = options(Fixture.sample)
        broken.templates = templates
        let result = Build.render(broken)
        let diagnostic = try #require(result.templateDiagnostics.first { $0.code == .templateSyntax })
        #expect(diagnostic.location.file == "project.mustache")
        let expectedLine = text.components(separatedBy: "\n").firstIndex { $0.contains("{{/timelin}}") }! + 1
        #expect(diagnostic.location.line == expectedLine)
        #expect(diagnostic.location.column > 0)
        #expect(result.files.isEmpty)
    }

    @Test func aMissingTemplateIsNamed() throws {
        let templates = Fixture.scratch.appendingPathComponent("gazette-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.templates, to: templates)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("notice.mustache"))
        var broken = options(Fixture.sample)
        broken.templates = templates
        let result = Build.render(broken)
        #expect(result.templateDiagnostics.contains { $0.code == .missingTemplate && $0.location.file == "notice.mustache" })
    }

    @Test func brokenContentLeavesTheOldSite() throws {
        let output = Fixture.scratch.appendingPathComponent("gazette-out-\(UUID().uuidString)")
        _ = try Build.run(options(Fixture.sample, output: output))
        let before = try Data(contentsOf: output.appendingPathComponent("projects/qh2017-xn-001/index.html"))
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "amount: 180000", with: "amount: 1e5")
        let result = try Build.run(options(fixture.root, output: output))
        #expect(!result.written)
        #expect(try Data(contentsOf: output.appendingPathComponent("projects/qh2017-xn-001/index.html")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(output.lastPathComponent).") && !$0.hasSuffix(".gazette-build") }
        #expect(leftovers.isEmpty)
    }

    @Test func aBuildWithNothingChangedLeavesTheSiteAsItIs() throws {
        let output = Fixture.scratch.appendingPathComponent("gazette-out-\(UUID().uuidString)")
        let fixture = try Fixture.copyOfSample()
        let first = try Build.run(options(fixture.root, output: output))
        #expect(first.written && !first.unchanged)
        let index = output.appendingPathComponent("index.html")
        let written = try FileManager.default.attributesOfItem(atPath: index.path)[.modificationDate] as? Date
        let second = try Build.run(options(fixture.root, output: output))
        #expect(second.written && second.unchanged)
        #expect(second.manifestHash == first.manifestHash)
        #expect(second.writtenFiles.map(\.path) == first.writtenFiles.map(\.path))
        #expect(try FileManager.default.attributesOfItem(atPath: index.path)[.modificationDate] as? Date == written)
        // One notice changed: built again, and the manifest follows.
        try fixture.append("notices/2017-11-midterm-results.md", "\n新增的一段说明。\n")
        let third = try Build.run(options(fixture.root, output: output))
        #expect(third.written && !third.unchanged)
        #expect(third.manifestHash != first.manifestHash)
        // A file of the output removed by hand: the site is written again, whole.
        try FileManager.default.removeItem(at: output.appendingPathComponent("sitemap.xml"))
        let fourth = try Build.run(options(fixture.root, output: output))
        #expect(!fourth.unchanged && FileManager.default.fileExists(atPath: output.appendingPathComponent("sitemap.xml").path))
        #expect(fourth.manifestHash == third.manifestHash)
    }

    @Test func aRebuildReplacesTheWholeSite() throws {
        let output = Fixture.scratch.appendingPathComponent("gazette-out-\(UUID().uuidString)")
        _ = try Build.run(options(Fixture.sample, output: output))
        try Data("stale".utf8).write(to: output.appendingPathComponent("stale.html"))
        let result = try Build.run(options(Fixture.sample, output: output))
        #expect(result.written)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("stale.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
    }

    @Test func englishSite() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("site.yaml", "language: zh-CN", with: "language: en")
        let result = Build.render(options(fixture.root))
        let html = try page(result, "projects/qh2017-xn-001/index.html")
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("20 June 2017"))
        #expect(html.contains("Contracted ¥180,000"))
    }
}

enum ContentCheckHelper {
    static let sample = GazetteContentCheck.sample
}

@Suite("Interface strings")
struct StringsTests {
    /// Both languages hold the same keys, so switching `language` never shows a raw key.
    @Test func bothLanguagesHoldTheSameKeys() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("templates/i18n")
        let zh = try Strings.load(folder.appendingPathComponent("zh-CN.yaml"), file: "zh-CN.yaml").get()
        let en = try Strings.load(folder.appendingPathComponent("en.yaml"), file: "en.yaml").get()
        func keys(_ tree: [String: Any], _ prefix: String = "") -> Set<String> {
            var out: Set<String> = []
            for (key, value) in tree {
                out.insert(prefix + key)
                if let child = value as? [String: Any] { out.formUnion(keys(child, prefix + key + ".")) }
            }
            return out
        }
        #expect(keys(zh.tree).symmetricDifference(keys(en.tree)).sorted() == [])
        #expect(zh.text("status.completed") == "已验收")
        #expect(en.text("status.completed") != "status.completed")
    }
}

@Suite("The publication record as a feed")
struct ChangesFeedTests {
    @Test func everyPublicationIsAnEntry() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("notices/2017-04-launch.md", "百姓点菜", with: "百姓點菜")
        let result = Build.render(Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                output: fixture.root.deletingLastPathComponent().appendingPathComponent("site")))
        let feed = try #require(result.files.first { $0.path == "feeds/changes.atom" })
        let xml = String(decoding: feed.bytes, as: UTF8.self)
        let publications = result.publications?.entries ?? []
        #expect(!publications.isEmpty)
        #expect(xml.components(separatedBy: "<entry>").count - 1 == publications.count)
        for publication in publications {
            #expect(xml.contains("changes/#publication-\(publication.number)\""))
        }
        let page = try #require(result.files.first { $0.path == "changes/index.html" })
        #expect(String(decoding: page.bytes, as: UTF8.self).contains("feeds/changes.atom"))
    }
}
