import Foundation
import GazetteModel

/// The Mustache templates of `templates/`: page templates at the top, partials in `partials/`, a base layout
/// the pages inherit from. Every template is parsed up front, so a syntax error is reported with its file,
/// line and column before anything is rendered.
public struct TemplateSet: Sendable {
    let renderer: MustacheRenderer
    /// Each template's file, relative to the templates folder (`partials/totals.mustache`).
    let files: [String: String]
    public var names: Set<String> { Set(renderer.templates.keys) }

    /// The templates the site needs; a missing one is an error that names it.
    public static let required = ["layout", "home", "region", "organizations", "organization", "projects", "project",
                                  "catalogue", "service", "group", "notices", "notice", "page", "findings", "404",
                                  "data", "changes", "search", "community"]

    public static func load(from directory: URL) -> Result<TemplateSet, DiagnosticsError> {
        var templates: [String: MustacheTemplate] = [:]
        var names: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var references: [(name: String, at: SourceLocation)] = []
        var shownFiles: [String: String] = [:]
        for folder in ["", "partials"] {
            let url = folder.isEmpty ? directory : directory.appendingPathComponent(folder)
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
                .filter { $0.hasSuffix(".mustache") }.sorted()
            for file in files {
                let name = String(file.dropLast(".mustache".count))
                // Named relative to the templates folder.
                let shown = (folder.isEmpty ? "" : folder + "/") + file
                guard let data = try? Data(contentsOf: url.appendingPathComponent(file)),
                      let text = String(data: data, encoding: .utf8) else {
                    diagnostics.append(Diagnostic(.templateSyntax, at: SourceLocation(file: shown), Message("E701.notUTF8")))
                    continue
                }
                if names.contains(name) {
                    diagnostics.append(Diagnostic(.templateSyntax, at: SourceLocation(file: shown),
                                                  Message("E701.sameName", ["name": .text(name)]), help: Message("E701.sameName.help")))
                    continue
                }
                references += partialReferences(in: text, file: shown)
                do {
                    templates[name] = try MustacheTemplate(text)
                    names.insert(name)
                    shownFiles[name] = shown
                } catch {
                    diagnostics.append(Diagnostic(.templateSyntax, at: SourceLocation(file: shown, line: error.line, column: error.column),
                                                  Message("E701.parse", ["reason": .message(describe(error.reason))]),
                                                  help: hint(error.reason)))
                }
            }
        }
        for reference in references where !names.contains(reference.name) {
            diagnostics.append(Diagnostic(.missingTemplate, at: reference.at,
                                          Message("E702.partial", ["name": .text(reference.name)]),
                                          help: Nearest.help(for: reference.name, among: names.sorted()) ?? Message("E702.partial.help")))
        }
        diagnostics += selfInclusions(templates, references: references)
        for name in required where !names.contains(name) && !diagnostics.contains(where: { $0.location.file == "\(name).mustache" }) {
            diagnostics.append(Diagnostic(.missingTemplate, at: SourceLocation(file: "\(name).mustache"),
                                          Message("E702.missing", ["name": .text(name)]), help: Message("E702.missing.help")))
        }
        if !diagnostics.isEmpty { return .failure(DiagnosticsError(diagnostics)) }
        return .success(TemplateSet(renderer: MustacheRenderer(templates: templates), files: shownFiles))
    }

    /// Templates that can reach themselves through their partials and parents. The Mustache spec allows a
    /// partial that includes itself inside a section, ending when the data runs out; but a section's name is
    /// also looked up in the sections around it, so with Gazette's views such a partial can repeat without
    /// end and exhaust the stack. No Gazette template needs recursion: every cycle is an error, reported
    /// once, at the reference that closes it.
    static func selfInclusions(_ templates: [String: MustacheTemplate],
                               references: [(name: String, at: SourceLocation)]) -> [Diagnostic] {
        let edges = templates.mapValues { Array(Set($0.references)).sorted() }
        var reported: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for start in templates.keys.sorted() {
            // Depth-first from `start`, looking for a path back to it.
            var path: [String] = [start]
            var seen: Set<String> = [start]
            func search(_ name: String) -> Bool {
                for next in edges[name] ?? [] {
                    if next == start { path.append(next); return true }
                    guard seen.insert(next).inserted else { continue }
                    path.append(next)
                    if search(next) { return true }
                    path.removeLast()
                }
                return false
            }
            guard search(start), reported.isDisjoint(with: path) else { continue }
            reported.formUnion(path)
            // The reference from the cycle's last template back to the first.
            let last = path[path.count - 2]
            let file = references.first { $0.name == start && ($0.at.file == "\(last).mustache" || $0.at.file == "partials/\(last).mustache") }?.at
                ?? SourceLocation(file: "\(last).mustache")
            diagnostics.append(Diagnostic(.templateSyntax, at: file,
                                          Message("E701.cycle", ["path": .text(path.map { "`\($0)`" }.joined(separator: " → "))]),
                                          help: Message("E701.cycle.help")))
        }
        return diagnostics
    }

    /// `{{>name}}` and `{{<name}}` in a template, with their positions.
    static func partialReferences(in text: String, file: String) -> [(name: String, at: SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let kind = after.first, kind == ">" || kind == "<", let close = after.range(of: "}}") else {
                    rest = after
                    continue
                }
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                found.append((name, SourceLocation(file: file, line: index + 1, column: column)))
                rest = after[close.upperBound...]
            }
        }
        return found
    }

    private static func hint(_ reason: MustacheSyntaxError.Reason) -> Message {
        switch reason {
        case .tagNotClosed: return Message("E701.tagNotClosed.help")
        case .badDelimiters: return Message("E701.badDelimiters.help")
        case .emptyName: return Message("E701.emptyName.help")
        default: return Message("E701.section.help")
        }
    }

    private static func describe(_ reason: MustacheSyntaxError.Reason) -> Message {
        switch reason {
        case let .sectionClosedWithOtherName(opened, closed):
            return Message("E701.otherName", ["opened": .text(opened), "closed": .text(closed)])
        case let .closedWithoutOpening(name): return Message("E701.closedWithoutOpening", ["name": .text(name)])
        case let .sectionNotClosed(name): return Message("E701.sectionNotClosed", ["name": .text(name)])
        case .tagNotClosed: return Message("E701.tagNotClosed")
        case .badDelimiters: return Message("E701.badDelimiters")
        case .emptyName: return Message("E701.emptyName")
        }
    }

    /// Interface strings the templates name (`{{t.nav.projects}}`) that `strings` does not have: an error at the
    /// tag, for a misspelt or missing string would otherwise print as nothing. The strings are fixed data, so
    /// this is decided before anything is rendered. (Names a view provides are not checked: views are built as
    /// dictionaries, so which names a page can provide is not known until it is rendered.)
    public func unknownStrings(_ strings: Strings, file stringsFile: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in renderer.templates.keys.sorted() {
            for use in renderer.templates[name]!.names where use.name.hasPrefix("t.") {
                let path = String(use.name.dropFirst(2))
                guard !strings.contains(path) else { continue }
                diagnostics.append(Diagnostic(
                    .missingTemplate, at: SourceLocation(file: files[name] ?? "\(name).mustache", line: use.line, column: use.column),
                    Message("E702.string", ["name": .text(use.name), "file": .text(stringsFile)]),
                    help: Nearest.match(for: path, among: strings.paths).map { Message("help.didYouMean", ["word": .text("t." + $0)]) }
                        ?? Message("E702.string.help", ["path": .text(path), "file": .text(stringsFile)])))
            }
        }
        return diagnostics
    }

    /// Renders a page template with its view.
    public func render(_ name: String, _ view: [String: Any]) -> String {
        renderer.render(name, TemplateValue(view) ?? .map([:]))
    }

    /// Renders a page template with a typed view's value.
    public func render(_ name: String, _ value: TemplateValue) -> String {
        renderer.render(name, value)
    }

    /// The same in UTF-8, for writing: by the template's flat program (`MustacheProgram`), not the tree.
    public func renderBytes(_ name: String, _ value: TemplateValue) -> [UInt8] {
        renderer.renderBytes(name, value)
    }
}
