import Foundation
@testable import GazetteTemplates
import Testing

/// The flat programs (`MustacheProgram`: partials, parents and blocks put in place once, output in bytes)
/// against the tree walk they replace (`MustacheRenderer.render`, in UTF-8), byte for byte, on seeded random templates — text with
/// characters to escape and line ends, variables, sections, inverted sections, partials, parents with blocks,
/// comments, standalone and indented tags — and random values (text, empty text, yes/no, lists, nested maps).
@Suite("Mustache programs against the tree walk")
struct MustacheProgramOracleTests {
    static let names = ["a", "b", "a.b", ".", "c.d", "list", "flag", "t.x", "missing", "list.a"]
    static let texts = ["a", " ", "\n", "  ", "<&>\"'", "中文", "\r\n", "x y", "\t"]
    static let keys = ["a", "b", "c", "d", "list", "flag", "t", "x"]

    @Test func programsRenderAsTheTreeDoes() throws {
        var random = SeededRandom(seed: 0x16_6d01)
        var programs = 0, trees = 0, nonEmpty = 0
        for round in 0..<RenderFastPathOracleTests.rounds * 2 {
            // No template can reach itself (as `TemplateSet` requires): main → parent → p1 → p2.
            var texts: [String: String] = [:]
            texts["p2"] = random.mustacheTemplate(depth: 2, references: [])
            texts["p1"] = random.mustacheTemplate(depth: 2, references: ["p2"])
            texts["parent"] = random.mustacheTemplate(depth: 2, references: ["p1", "p2", "block"])
            texts["main"] = random.mustacheTemplate(depth: 3, references: ["p1", "p2", "parent", "block", "missing"])
            var templates: [String: MustacheTemplate] = [:]
            for (name, text) in texts { templates[name] = try MustacheTemplate(text) }
            let renderer = MustacheRenderer(templates: templates)
            for _ in 0..<3 {
                let value = random.templateValue(depth: 3)
                let fast = renderer.renderBytes("main", value), slow = renderer.render("main", value)
                #expect(fast == Array(slow.utf8), "round \(round): \(texts) \(value)")
                if !slow.isEmpty { nonEmpty += 1 }
            }
            if renderer.programs["main"] != nil { programs += 1 } else { trees += 1 }
        }
        // Both paths taken: indented partials keep the tree walk.
        #expect(programs > RenderFastPathOracleTests.rounds / 2 && trees > 20, "\(programs) programs, \(trees) trees")
        #expect(nonEmpty > RenderFastPathOracleTests.rounds, "\(nonEmpty)")
    }

    /// Every template of the site is a program: the fast path is the one the build takes.
    @Test func everySiteTemplateIsAProgram() throws {
        let url = Fixture.packageRoot.appendingPathComponent("templates")
        guard case let .success(set) = TemplateSet.load(from: url) else {
            Issue.record("templates/ does not load")
            return
        }
        let trees = set.renderer.templates.keys.filter { set.renderer.programs[$0] == nil }.sorted()
        #expect(trees.isEmpty, "\(trees)")
    }

    /// A partial that includes itself twice would put in 2^64 copies: it stays a tree, which stops at the depth.
    @Test func selfInclusionStaysATree() throws {
        let loop = try MustacheTemplate("x{{>loop}}{{>loop}}")
        let renderer = MustacheRenderer(templates: ["loop": loop, "once": try MustacheTemplate("y{{>once}}")])
        #expect(renderer.programs["loop"] == nil)
        #expect(renderer.renderBytes("once", .map([:])) == Array(String(repeating: "y", count: MustacheRenderer.maximumDepth + 1).utf8))
    }
}

extension SeededRandom {
    /// A balanced random template using only `references` as partials (`p1`, `p2`, `missing`), the parent
    /// (`parent`) and blocks (`block`).
    mutating func mustacheTemplate(depth: Int, references: [String]) -> String {
        var text = ""
        for _ in 0..<int(0...6) {
            let name = pick(MustacheProgramOracleTests.names)
            switch int(0...13) {
            case 0, 1: text += pick(MustacheProgramOracleTests.texts)
            case 2: text += "{{\(name)}}"
            case 3: text += chance(0.5) ? "{{{\(name)}}}" : "{{& \(name) }}"
            case 4, 5 where depth > 0:
                text += "{{#\(name)}}" + mustacheTemplate(depth: depth - 1, references: references) + "{{/\(name)}}"
            case 6 where depth > 0:
                text += "{{^\(name)}}" + mustacheTemplate(depth: depth - 1, references: references) + "{{/\(name)}}"
            case 7:
                let partials = references.filter { $0.hasPrefix("p") || $0 == "missing" }
                if !partials.isEmpty { text += "{{>\(pick(partials))}}" }
            case 8:
                // A standalone partial tag, indented or not.
                let partials = references.filter { $0.hasPrefix("p") }
                if !partials.isEmpty { text += "\n" + pick(["", "  ", "\t"]) + "{{>\(pick(partials))}}\n" }
            case 9 where references.contains("block") && depth > 0:
                let block = pick(["b1", "b2"])
                text += pick(["", "\n", "\n  "]) + "{{$\(block)}}" + mustacheTemplate(depth: depth - 1, references: references) + "{{/\(block)}}"
                    + pick(["", "\n"])
            case 10 where references.contains("parent") && depth > 0:
                var inside = ""
                for block in ["b1", "b2"] where chance(0.6) {
                    // No block inside an override: one of the same name expands without end in the tree walk
                    // (a stack overflow, as before programs; the program gives up and keeps the tree).
                    inside += pick(["", "\n", "\n  "]) + "{{$\(block)}}"
                        + mustacheTemplate(depth: depth - 1, references: references.filter { $0 != "parent" && $0 != "block" })
                        + "{{/\(block)}}" + pick(["", "\n"])
                }
                text += pick(["", "\n", "\n  "]) + "{{<parent}}" + inside + "{{/parent}}" + pick(["", "\n"])
            case 11: text += pick(["{{! note }}", "\n{{! note }}\n", "  {{! note }}\n"])
            case 12 where depth > 0:
                // A standalone section on its own lines.
                text += "\n{{#\(name)}}\n" + mustacheTemplate(depth: depth - 1, references: references) + "\n{{/\(name)}}\n"
            default: text += pick(MustacheProgramOracleTests.texts)
            }
        }
        return text
    }

    mutating func templateValue(depth: Int) -> TemplateValue {
        var map: [String: TemplateValue] = [:]
        for key in MustacheProgramOracleTests.keys where chance(0.6) {
            switch int(0...5) {
            case 0, 1: map[key] = .text(pick(["", "v", "<&>", "中", "1 & 2", "line\nline"]))
            case 2: map[key] = .bool(chance(0.5))
            case 3 where depth > 0: map[key] = .list((0..<int(0...3)).map { _ in templateValue(depth: depth - 1) })
            case 4 where depth > 0: map[key] = templateValue(depth: depth - 1)
            default: map[key] = .text(pick(["w", "\"q\"", "'"]))
            }
        }
        return .map(map)
    }
}
