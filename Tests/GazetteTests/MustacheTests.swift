@testable import GazetteTemplates
import Testing

/// Gazette's own Mustache renderer against the specification's rules that the templates rely on.
@Suite("Mustache renderer")
struct MustacheTests {
    func render(_ templates: [String: String], _ name: String = "main", view: [String: Any]) throws -> String {
        var parsed: [String: MustacheTemplate] = [:]
        for (key, text) in templates { parsed[key] = try MustacheTemplate(text) }
        return MustacheRenderer(templates: parsed).render(name, TemplateValue(view)!)
    }

    func syntaxError(_ text: String) -> MustacheSyntaxError? {
        do {
            _ = try MustacheTemplate(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func variablesAreEscapedUnlessTripled() throws {
        let view: [String: Any] = ["x": "<a href=\"x\">'&'</a>"]
        #expect(try render(["main": "{{x}}|{{{x}}}|{{&x}}"], view: view)
            == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;|<a href=\"x\">'&'</a>|<a href=\"x\">'&'</a>")
        #expect(try render(["main": "中文{{x}}文字"], view: ["x": "元&角"]) == "中文元&amp;角文字")
    }

    @Test func sectionsRepeatShowOnceOrSkip() throws {
        let view: [String: Any] = ["list": [["n": "1"], ["n": "2"]], "yes": true, "no": false, "empty": [Any](),
                                   "map": ["n": "m"], "text": "t", "blank": ""]
        #expect(try render(["main": "{{#list}}[{{n}}]{{/list}}"], view: view) == "[1][2]")
        #expect(try render(["main": "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}notN{{/no}}{{#empty}}E{{/empty}}{{^empty}}noE{{/empty}}"],
                           view: view) == "YnotNnoE")
        #expect(try render(["main": "{{#map}}{{n}}{{/map}}{{#text}}<{{.}}>{{/text}}"], view: view) == "m<t>")
        // Empty text and absent values are falsy; absent names print nothing.
        #expect(try render(["main": "{{#blank}}B{{/blank}}{{^blank}}noB{{/blank}}{{missing}}{{^missing}}!{{/missing}}"],
                           view: view) == "noB!")
    }

    @Test func namesAreLookedUpOutwardsAndDottedNamesStayInside() throws {
        let view: [String: Any] = ["root": "../", "t": ["a": ["b": "AB"]], "rows": [["id": "x"], ["id": "y", "root": "./"]],
                                   "outer": ["inner": ["v": "deep"]], "v": "top"]
        #expect(try render(["main": "{{#rows}}{{root}}{{id}} {{/rows}}"], view: view) == "../x ./y ")
        #expect(try render(["main": "{{t.a.b}}|{{#rows}}{{t.a.b}}{{/rows}}"], view: view) == "AB|ABAB")
        // `outer.v` does not exist: a dotted name does not fall back to the top-level `v`.
        #expect(try render(["main": "{{outer.inner.v}}|{{outer.v}}|{{#outer}}{{v}}{{/outer}}"], view: view) == "deep||top")
    }

    @Test func standaloneTagsTakeTheirLine() throws {
        let template = "<ul>\n  {{#list}}\n<li>{{.}}</li>\n  {{/list}}\n</ul>\n{{! a comment }}\nend"
        #expect(try render(["main": template], view: ["list": ["a", "b"]]) == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nend")
        // Two tags on a line: not standalone, the line stays.
        #expect(try render(["main": "a\n{{#x}}{{/x}}\nb"], view: ["x": true]) == "a\n\nb")
        // Windows line ends too.
        #expect(try render(["main": "a\r\n{{#x}}\r\nb\r\n{{/x}}\r\nc"], view: ["x": true]) == "a\r\nb\r\nc")
    }

    @Test func partialsSeeTheScopeAndIndentWhenStandalone() throws {
        let templates = ["main": "<div>\n  {{>item}}\n</div>\n{{#rows}}{{>inline}}{{/rows}}", "item": "<p>{{x}}</p>\n<p>2</p>\n",
                         "inline": "({{n}})"]
        #expect(try render(templates, view: ["x": "1", "rows": [["n": "a"], ["n": "b"]]])
            == "<div>\n  <p>1</p>\n  <p>2</p>\n</div>\n(a)(b)")
    }

    @Test func inheritanceFillsTheParentsBlocks() throws {
        let templates = [
            "layout": "<title>{{$title}}Default{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n",
            "page": "{{<layout}}\nignored text\n{{$content}}\n<h1>{{h}}</h1>\n{{/content}}\n{{/layout}}\n",
            "titled": "{{<page}}{{$title}}Mine{{/title}}{{/page}}",
        ]
        #expect(try render(templates, "page", view: ["h": "Hi"]) == "<title>Default</title>\n<main>\n<h1>Hi</h1>\n\n</main>\n")
        // The most derived template wins: `titled` overrides the title `page` left alone, and keeps page's content.
        #expect(try render(templates, "titled", view: ["h": "Hi"]) == "<title>Mine</title>\n<main>\n<h1>Hi</h1>\n\n</main>\n")
    }

    @Test func delimitersCanChange() throws {
        #expect(try render(["main": "{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}"], view: ["x": "v"]) == "v {{x}} v")
    }

    @Test func syntaxErrorsSayWhereAndWhy() throws {
        let wrongClose = try #require(syntaxError("line one\n  {{#a}}x{{/b}}"))
        #expect(wrongClose.line == 2 && wrongClose.column == 10)
        guard case .sectionClosedWithOtherName("a", "b") = wrongClose.reason else { Issue.record("\(wrongClose.reason)"); return }

        let unclosed = try #require(syntaxError("{{#a}}\n{{#b}}\n{{/b}}\n"))
        guard case .sectionNotClosed("a") = unclosed.reason else { Issue.record("\(unclosed.reason)"); return }
        #expect(unclosed.line == 1 && unclosed.column == 1)

        // `{{name}` (one brace short) is caught even when a later tag's `}}` would close it.
        let short = try #require(syntaxError("<p>{{t.skip}</p>\n<p>{{x}}</p>"))
        guard case .tagNotClosed = short.reason else { Issue.record("\(short.reason)"); return }
        #expect(short.line == 1 && short.column == 4)

        let neverClosed = try #require(syntaxError("text {{x"))
        guard case .tagNotClosed = neverClosed.reason else { Issue.record("\(neverClosed.reason)"); return }
        guard case .closedWithoutOpening("z") = try #require(syntaxError("{{/z}}")).reason else { Issue.record("stray close"); return }
        guard case .badDelimiters = try #require(syntaxError("{{=<%=}}")).reason else { Issue.record("delimiters"); return }
    }
}
