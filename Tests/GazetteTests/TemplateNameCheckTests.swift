import Foundation
import GazetteModel
@testable import GazetteBuild
@testable import GazetteMachineFiles
@testable import GazettePages
@testable import GazetteTemplates
import Testing

/// Names a template uses that its page's typed view can never provide, and missing partials: errors at the
/// tag (file, line, column) when the templates are loaded, in `build` and in the preview's overlay.
@Suite("Template names against typed views")
struct TemplateNameCheckTests {
    /// The sample built with a copy of the project's templates, `change` applied to one file.
    func build(changing file: String, _ change: (String) -> String) throws -> (Build.Result, String) {
        let folder = try TemporaryFolder("gazette-names")
        let templates = folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let url = templates.appendingPathComponent(file)
        let text = change(try String(contentsOf: url, encoding: .utf8))
        try text.write(to: url, atomically: true, encoding: .utf8)
        let options = Build.Options(content: Fixture.sample, templates: templates, output: folder.url.appendingPathComponent("out"))
        return (Build.render(options), text)
    }

    /// Line and column (from 1) of the first occurrence of `tag` in `text`.
    func position(of tag: String, in text: String) throws -> (line: Int, column: Int) {
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains(tag) })
        let column = lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: tag)!.lowerBound) + 1
        return (line + 1, column)
    }

    @Test func aMisspeltLayoutNameFailsTheBuildAtItsTag() throws {
        let (result, text) = try build(changing: "layout.mustache") {
            $0.replacingOccurrences(of: "{{programmeName}}", with: "{{programeName}}")
        }
        let diagnostic = try #require(result.templateDiagnostics.first { $0.message.contains("programeName") })
        #expect(diagnostic.code == .missingTemplate)
        #expect(diagnostic.location.file == "layout.mustache")
        let at = try position(of: "{{programeName}}", in: text)
        #expect(diagnostic.location.line == at.line)
        #expect(diagnostic.location.column == at.column)
        #expect(diagnostic.suggestion == "did you mean `programmeName`?")
        #expect(diagnostic.message(in: .zhCN).contains("programeName"))
        #expect(result.files.isEmpty)
        #expect(result.templateDiagnostics.count == 1, "reported once, not once per page: \(result.templateDiagnostics)")
    }

    @Test func aMisspeltNameInsideASectionIsAnError() throws {
        // Inside `{{#browse}}` the names are the link's, then the search record's, then the page's: none has it.
        let (result, text) = try build(changing: "search.mustache") {
            $0.replacingOccurrences(of: "{{#browse}}<li><a href=\"{{href}}\">", with: "{{#browse}}<li><a href=\"{{hraf}}\">")
        }
        let diagnostic = try #require(result.templateDiagnostics.first)
        #expect(diagnostic.location.file == "search.mustache")
        let at = try position(of: "{{hraf}}", in: text)
        #expect(diagnostic.location.line == at.line)
        #expect(diagnostic.location.column == at.column)
        #expect(diagnostic.suggestion == "did you mean `href`?")
    }

    @Test func aMisspeltDottedNameIsAnError() throws {
        let (result, _) = try build(changing: "search.mustache") {
            $0.replacingOccurrences(of: "{{search.script}}", with: "{{search.scirpt}}")
        }
        let diagnostic = try #require(result.templateDiagnostics.first)
        #expect(diagnostic.message.contains("search.scirpt"))
        #expect(diagnostic.suggestion == "did you mean `script`?")
    }

    @Test func aNameOfAnOuterValueInsideASectionPasses() throws {
        // Mustache looks a name up outwards: the page title inside `{{#page}}` is the layout's.
        let (result, _) = try build(changing: "page.mustache") {
            $0.replacingOccurrences(of: "<h1>{{title}}", with: "<h1>{{title}} {{siteTitle}} {{meta.canonical}}")
        }
        #expect(result.templateDiagnostics.isEmpty, "\(result.templateDiagnostics)")
        #expect(!result.files.isEmpty)
    }

    @Test func aPartialIsCheckedWhereItIsUsed() throws {
        // `partials/freshness` is rendered by the free page (typed): a misspelt name in it is reported in its file.
        let (result, text) = try build(changing: "partials/freshness.mustache") {
            $0.replacingOccurrences(of: "{{publication}}", with: "{{publicaton}}")
        }
        let diagnostic = try #require(result.templateDiagnostics.first)
        #expect(diagnostic.location.file == "partials/freshness.mustache")
        let at = try position(of: "{{publicaton}}", in: text)
        #expect(diagnostic.location.line == at.line)
        #expect(diagnostic.location.column == at.column)
    }

    @Test func aMissingPartialFailsTheBuildAtItsTag() throws {
        let (result, text) = try build(changing: "page.mustache") { $0.replacingOccurrences(of: "{{>freshness}}", with: "{{>freshnes}}") }
        let diagnostic = try #require(result.templateDiagnostics.first)
        #expect(diagnostic.code == .missingTemplate)
        #expect(diagnostic.location.file == "page.mustache")
        let at = try position(of: "{{>freshnes}}", in: text)
        #expect(diagnostic.location.line == at.line)
        #expect(diagnostic.location.column == at.column)
        #expect(diagnostic.suggestion == "did you mean `freshness`?")
        #expect(diagnostic.message(in: .zhCN).contains("freshnes"))
        #expect(result.files.isEmpty)
    }

    /// The renderer's rules on small templates: sections push their value, flags push nothing, inverted
    /// sections see the same names, blocks of an inheriting template are checked where they are expanded.
    @Test func theCheckFollowsTheRenderersLookup() throws {
        func check(_ templates: [String: String], _ shape: TemplateShape) throws -> [String] {
            var parsed: [String: MustacheTemplate] = [:]
            for (name, text) in templates { parsed[name] = try MustacheTemplate(text) }
            let set = TemplateSet(renderer: MustacheRenderer(templates: parsed), files: [:])
            return set.unknownNames(views: ["page": shape]).map { "\($0.location.line):\($0.location.column) \($0.message)" }
        }
        let shape = TemplateShape.record([
            "title": .text, "items": .list(.record(["name": .text])), "open": .flag, "data": .open,
            "inner": .record(["deep": .record(["x": .text])]),
        ])
        #expect(try check(["page": "{{title}}{{#items}}{{name}}{{title}}{{/items}}{{^items}}{{title}}{{/items}}"], shape).isEmpty)
        #expect(try check(["page": "{{#items}}{{nmae}}{{/items}}"], shape).count == 1)
        // A flag pushes nothing: `name` is not in scope inside it.
        #expect(try check(["page": "{{#open}}{{name}}{{/open}}"], shape).count == 1)
        // Open data: any name inside it.
        #expect(try check(["page": "{{#data}}{{anything.at.all}}{{/data}}{{data.x.y}}"], shape).isEmpty)
        #expect(try check(["page": "{{inner.deep.x}}{{#inner.deep}}{{x}}{{title}}{{/inner.deep}}"], shape).isEmpty)
        #expect(try check(["page": "\n  {{inner.deep.y}}"], shape) == ["2:3 The template uses `inner.deep.y`, which the view of page.mustache does not provide."])
        // Parents and blocks: the override is checked where the parent expands it.
        #expect(try check(["base": "{{#items}}{{$b}}{{/b}}{{/items}}", "page": "{{<base}}{{$b}}{{name}}{{/b}}{{/base}}"], shape).isEmpty)
        #expect(try check(["base": "{{$b}}{{/b}}", "page": "{{<base}}{{$b}}{{name}}{{/b}}{{/base}}"], shape).count == 1)
        // The same partial used twice with the same mistake: one error.
        #expect(try check(["p": "{{wrong}}", "page": "{{>p}}{{#items}}{{>p}}{{/items}}"], shape).count == 1)
        // An untyped view is not checked.
        #expect(try check(["page": "{{wrong}}"], .open).isEmpty)
    }

    /// The oracle for hand-written views: on every page of the sample whose template has a typed view, the
    /// value made has only names (and kinds of value) the view's shape declares. Every page kind is covered:
    /// the page jobs, the changes page and the open-data page (made outside the jobs); with the sample's lists
    /// whole and in pages of two rows (pagers).
    @Test(arguments: [false, true]) func typedViewsMakeTheNamesTheyDeclare(paged: Bool) throws {
        let fixture = try Fixture.copyOfSample()
        if paged { try fixture.write("site.yaml", try fixture.read("site.yaml") + "\npage_size: 2\n") }
        let folder = try TemporaryFolder("gazette-names")
        let build = IncrementalBuild(Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                   output: folder.url.appendingPathComponent("out")))
        guard case let .ready(prepared) = build.prepare() else { Issue.record("the sample does not build"); return }
        let renderer = prepared.renderer
        #expect(!paged || renderer.site.site.pageSize == 2)
        var pages: [(path: String, template: String, value: TemplateValue)] = renderer.jobs().map { job in
            (job.path, job.template, job.view(renderer.context(path: job.path, absolute: job.absolute)))
        }
        pages.append(("changes/", "changes", renderer.context(path: "changes/").changesPage(prepared.publications.entries).templateValue))
        let files = OpenData.plan(site: renderer.site, strings: renderer.strings, baseURL: renderer.baseURL).map(\.0)
        #expect(!files.isEmpty)
        pages.append((OpenData.pagePath, "data", renderer.context(path: OpenData.pagePath).dataPage(files, ocdsSkipped: false).templateValue))
        var kinds: Set<String> = []
        for page in pages {
            let shape = try #require(PageViews.shapes[page.template], "\(page.template) has no typed view")
            #expect(shape.mismatch(page.value) == nil, "\(page.path): \(shape.mismatch(page.value) ?? "")")
            kinds.insert(page.template)
        }
        #expect(kinds == Set(PageViews.shapes.keys), "page kinds the sample has no page of: \(Set(PageViews.shapes.keys).subtracting(kinds))")
        if paged { #expect(pages.contains { $0.path.hasSuffix("/page/2/") }) }
    }
}
