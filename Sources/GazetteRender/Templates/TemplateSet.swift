import Foundation
import GazetteModel
import Mustache

/// The Mustache templates of `templates/`: page templates at the top, partials in `partials/`, a base layout
/// the pages inherit from. Every template is parsed up front, so a syntax error is reported with its file,
/// line and column before anything is rendered.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let names: Set<String>

    /// The templates the site needs; a missing one is an error that names it.
    public static let required = ["layout", "home", "region", "organizations", "organization", "projects", "project",
                                  "catalogue", "service", "group", "notices", "notice", "page", "findings", "404",
                                  "data", "changes", "search"]

    public static func load(from directory: URL) -> Result<TemplateSet, DiagnosticsError> {
        var library = MustacheLibrary()
        var names: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var references: [(name: String, at: SourceLocation)] = []
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
                    diagnostics.append(Diagnostic(.templateSyntax, at: SourceLocation(file: shown), "The template is not UTF-8 text."))
                    continue
                }
                if names.contains(name) {
                    diagnostics.append(Diagnostic(.templateSyntax, at: SourceLocation(file: shown),
                                                  "Two templates are named `\(name)`: a partial cannot share a page template's name.",
                                                  suggestion: "Rename the partial."))
                    continue
                }
                references += partialReferences(in: text, file: shown)
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                    names.insert(name)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(Diagnostic(.templateSyntax,
                                                  at: SourceLocation(file: shown, line: error.context.lineNumber, column: error.context.columnNumber),
                                                  "The template does not parse: \(describe(error.error)).",
                                                  suggestion: hint(error.error)))
                } catch {
                    diagnostics.append(Diagnostic(.templateSyntax, at: SourceLocation(file: shown), "The template does not parse: \(error)."))
                }
            }
        }
        for reference in references where !names.contains(reference.name) {
            diagnostics.append(Diagnostic(.missingTemplate, at: reference.at,
                                          "The template uses `\(reference.name)`, which is not a template or a partial.",
                                          suggestion: Nearest.suggestion(for: reference.name, among: names.sorted())
                                              ?? "Partials live in partials/NAME.mustache."))
        }
        for name in required where !names.contains(name) && !diagnostics.contains(where: { $0.location.file == "\(name).mustache" }) {
            diagnostics.append(Diagnostic(.missingTemplate, at: SourceLocation(file: "\(name).mustache"),
                                          "The template `\(name).mustache` is missing.",
                                          suggestion: "Every page kind has its template; copy it from the project's templates/."))
        }
        if !diagnostics.isEmpty { return .failure(DiagnosticsError(diagnostics)) }
        return .success(TemplateSet(library: library, names: names))
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

    private static func hint(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.unfinishedName: return "Close the tag with }}."
        case MustacheTemplate.Error.invalidSetDelimiter: return "Write a delimiter change as {{=<% %>=}}."
        default: return "Check that every {{#section}} is closed by {{/section}} with the same name."
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with another name than it was opened"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "the delimiter change is malformed"
        default: return "\(error)"
        }
    }

    /// Renders a page template with its view.
    public func render(_ name: String, _ view: [String: Any]) -> String {
        library.render(TemplateSet.withoutNils(view) ?? [:], withTemplate: name) ?? ""
    }

    /// Views are built with optional values (`summary as Any`) and empty texts; an absent value must be
    /// absent for Mustache, so that `{{#summary}}` skips its block rather than printing "nil" or an empty row.
    static func withoutNils(_ value: Any) -> Any? {
        if let text = value as? String { return text.isEmpty ? nil : text }
        if let optional = value as? OptionalValue {
            guard let wrapped = optional.wrappedValue else { return nil }
            return withoutNils(wrapped)
        }
        if let map = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, item) in map { if let kept = withoutNils(item) { out[key] = kept } }
            return out
        }
        if let list = value as? [Any] { return list.compactMap(withoutNils) }
        return value
    }
}

/// Lets `withoutNils` see through an `Optional` stored as `Any`.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 as Any } }
}
