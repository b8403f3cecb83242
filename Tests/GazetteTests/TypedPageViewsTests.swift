import Foundation
import GazetteModel
@testable import GazetteBuild
@testable import GazettePages
@testable import GazetteServe
@testable import GazetteTemplates
import Hummingbird
import HummingbirdTesting
import Testing

/// Every page kind has a typed view, so every name in every page template and partial is checked: a misspelt
/// name anywhere fails the build at its tag and shows in the preview's overlay.
@Suite("Typed views of every page")
struct TypedPageViewsTests {
    /// Every page template the project ships (the templates folder's top level, but the layout, which every
    /// page shares through its view) renders a typed view: none is `.open`, whose names would go unchecked.
    @Test func noPageTemplateIsUntyped() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("templates")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mustache") && $0 != "layout.mustache" }
            .map { String($0.dropLast(".mustache".count)) }
        #expect(pages.count >= 18)
        for page in pages.sorted() {
            let shape = try #require(PageViews.shapes[page], "\(page).mustache has no typed view")
            if case .open = shape { Issue.record("\(page).mustache's view is open: its names are not checked") }
            // The layout's names are every page's, so the layout is checked on every page.
            #expect(LayoutView.shape.names.allSatisfy { shape.names.contains($0) }, "\(page) lacks the layout's names")
        }
        #expect(Set(PageViews.shapes.keys) == Set(pages), "views for templates that do not exist")
    }

    /// A name misspelt in each page template and each partial (`{{label}}` → `{{labelx}}`): the build fails
    /// at that file, line and column, with the name, whichever page reaches it.
    @Test(arguments: [
        ("home.mustache", "{{programme.buyer}}"),
        ("region.mustache", "{{region.levelLabel}}"),
        ("projects.mustache", "{{csvName}}"),
        ("project.mustache", "{{statusExplanation}}"),
        ("organizations.mustache", "{{rating}}"),
        ("organization.mustache", "{{registeredWith}}"),
        ("catalogue.mustache", "{{projects}}"),
        ("service.mustache", "{{kindLabel}}"),
        ("group.mustache", "{{kindLabel}}"),
        ("notices.mustache", "{{label}}"),
        ("findings.mustache", "{{explanation}}"),
        ("community.mustache", "{{countyName}}"),
        ("data.mustache", "{{xlsxSize}}"),
        ("changes.mustache", "{{firstSummary}}"),
        ("partials/totals.mustache", "{{label}}"),
        ("partials/status-counts.mustache", "{{count}}"),
        ("partials/project-table.mustache", "{{countyName}}"),
        ("partials/year-table.mustache", "{{projectsHref}}"),
        ("partials/county-map.mustache", "{{measure}}"),
        ("partials/area-chooser.mustache", "{{name}}"),
        ("partials/ask-service.mustache", "{{fee}}"),
        ("partials/community-list.mustache", "{{slug}}"),
        ("partials/contact-card.mustache", "{{role}}"),
        ("partials/outcome-summary.mustache", "{{satisfactionSentence}}"),
        ("partials/accountability.mustache", "{{kind}}"),
        ("partials/csv-link.mustache", "{{csvHref}}"),
        ("partials/finding-list.mustache", "{{subjectName}}"),
        ("partials/notice-list.mustache", "{{kindLabel}}"),
        ("partials/pager.mustache", "{{status}}"),
    ])
    func aMisspeltNameFailsTheBuildAtItsTag(file: String, tag: String) throws {
        let misspelt = String(tag.dropLast(2)) + "x}}"
        let (result, text) = try TemplateNameCheckTests().build(changing: file) { text in
            guard let range = text.range(of: tag) else { return text }
            return text.replacingCharacters(in: range, with: misspelt)
        }
        #expect(text.contains(misspelt), "\(tag) is not in \(file)")
        let name = String(misspelt.dropFirst(2).dropLast(2))
        let diagnostic = try #require(result.templateDiagnostics.first { $0.message.contains("`\(name)`") },
                                      "\(result.templateDiagnostics)")
        #expect(diagnostic.code == .missingTemplate)
        #expect(diagnostic.location.file == file)
        let at = try TemplateNameCheckTests().position(of: misspelt, in: text)
        #expect(diagnostic.location.line == at.line)
        #expect(diagnostic.location.column == at.column)
        #expect(diagnostic.suggestion?.contains(String(name.dropLast()).split(separator: ".").last.map(String.init) ?? "") == true,
                "\(diagnostic.suggestion ?? "no suggestion")")
        #expect(result.templateDiagnostics.count == 1, "reported once: \(result.templateDiagnostics)")
        #expect(result.files.isEmpty)
    }

    /// The preview shows the same error over the last good site, at the partial's tag, and it goes once fixed.
    @Test func aMisspeltNameShowsInThePreviewsOverlay() async throws {
        let fixture = try Fixture.copyOfSample()
        let templates = fixture.root.deletingLastPathComponent().appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let server = PreviewServer(
            .init(build: Build.Options(content: fixture.root, templates: templates, output: URL(fileURLWithPath: "site")),
                  port: 0, language: .en),
            log: { _ in }, report: { _ in })
        let first = await server.buildFirst()
        #expect(first.ok)
        let totals = templates.appendingPathComponent("partials/totals.mustache")
        let good = try String(contentsOf: totals, encoding: .utf8)
        let bad = good.replacingOccurrences(of: "<dt>{{label}}</dt>", with: "<dt>{{lable}}</dt>")
        #expect(bad != good)
        try bad.write(to: totals, atomically: true, encoding: .utf8)
        let broken = await server.rebuildNow()
        #expect(!broken.ok)
        let at = try TemplateNameCheckTests().position(of: "{{lable}}", in: bad)
        try await server.application().test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/gmfw/", method: .get).body)
            #expect(page.contains("id=\"gazette-errors\""))
            #expect(page.contains("partials/totals.mustache:\(at.line):\(at.column)"), "the tag's place in the overlay")
            #expect(page.contains("lable"))
            try good.write(to: totals, atomically: true, encoding: .utf8)
            // Undone back to the very templates of the last good build: the broken ones must not stay loaded.
            let fixed = await server.rebuildNow()
            #expect(fixed.ok)
            #expect(!String(buffer: try await client.execute(uri: "/gmfw/", method: .get).body).contains("gazette-errors"))
        }
    }
}
