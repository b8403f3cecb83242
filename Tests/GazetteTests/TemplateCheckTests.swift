import Foundation
import GazetteModel
@testable import GazetteBuild
@testable import GazetteTemplates
import Testing

/// What the templates are checked for before anything is rendered: interface strings that do not exist, and
/// partials that include themselves. Each error names the template's file, line and column.
@Suite("Template checks")
struct TemplateCheckTests {
    /// A copy of the project's templates with `change` applied to one file (and `also` appended to another);
    /// the build of the sample with them, and the changed text.
    func build(changing file: String, also: (file: String, append: String)? = nil,
               _ change: (String) -> String) throws -> (Build.Result, String) {
        let folder = try TemporaryFolder("gazette-templates")
        let templates = folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let url = templates.appendingPathComponent(file)
        let text = change(try String(contentsOf: url, encoding: .utf8))
        try text.write(to: url, atomically: true, encoding: .utf8)
        if let also {
            let other = templates.appendingPathComponent(also.file)
            try (try String(contentsOf: other, encoding: .utf8) + also.append).write(to: other, atomically: true, encoding: .utf8)
        }
        let options = Build.Options(content: Fixture.sample, templates: templates, output: folder.url.appendingPathComponent("out"))
        return (Build.render(options), text)
    }

    @Test func theProjectsTemplatesPass() throws {
        let (result, _) = try build(changing: "layout.mustache") { $0 }
        #expect(result.templateDiagnostics.isEmpty, "\(result.templateDiagnostics)")
        #expect(!result.files.isEmpty)
    }

    @Test func aMisspeltStringIsAnErrorAtItsTag() throws {
        let (result, text) = try build(changing: "layout.mustache") { $0.replacingOccurrences(of: "{{t.sampleNotice}}", with: "{{t.sampleNotise}}") }
        let diagnostic = try #require(result.templateDiagnostics.first)
        #expect(diagnostic.code == .missingTemplate)
        #expect(diagnostic.location.file == "layout.mustache")
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("{{t.sampleNotise}}") })
        #expect(diagnostic.location.line == line + 1)
        let column = lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: "{{t.sampleNotise}}")!.lowerBound) + 1
        #expect(diagnostic.location.column == column)
        #expect(diagnostic.message.contains("t.sampleNotise"))
        #expect(diagnostic.suggestion?.contains("t.sampleNotice") == true)
        #expect(result.files.isEmpty)
    }

    @Test func aSectionOverAMissingStringGroupIsAnError() throws {
        let (result, _) = try build(changing: "partials/totals.mustache") { $0 + "{{#t.nowhere}}x{{/t.nowhere}}\n" }
        #expect(result.templateDiagnostics.contains { $0.location.file == "partials/totals.mustache" && $0.message.contains("t.nowhere") })
    }

    @Test func aPartialThatIncludesItselfIsAnError() throws {
        let (result, _) = try build(changing: "partials/totals.mustache") { $0 + "{{#rows}}{{>totals}}{{/rows}}\n" }
        let diagnostic = try #require(result.templateDiagnostics.first { $0.message.contains("includes itself") })
        #expect(diagnostic.location.file == "partials/totals.mustache")
        #expect(diagnostic.location.line > 0)
        #expect(result.files.isEmpty)

        // Through another partial too: reported once for the circle, with both names.
        let (circle, _) = try build(changing: "partials/status-counts.mustache", also: ("partials/totals.mustache", "{{>status-counts}}\n")) {
            $0 + "{{#x}}{{>totals}}{{/x}}\n"
        }
        let circular = circle.templateDiagnostics.filter { $0.message.contains("includes itself") }
        #expect(circular.count == 1)
        #expect(circular.first?.message.contains("`status-counts` → `totals` → `status-counts`") == true, "\(circular)")
    }

    @Test func theRendererStopsAtItsDepthLimit() throws {
        // The renderer on its own (without TemplateSet's check) does not overflow the stack.
        let loop = try MustacheTemplate("x{{>loop}}")
        let output = MustacheRenderer(templates: ["loop": loop]).render("loop", .map([:]))
        #expect(output == String(repeating: "x", count: MustacheRenderer.maximumDepth + 1))
    }
}
