import Foundation
import GazetteContent
import GazetteModel

/// The whole pipeline, one stage a line: load and check, resolve, render, write.
public enum Build {
    public struct Options: Sendable {
        public var content: URL
        public var templates: URL
        public var output: URL
        public var baseURL: String?
        public var drafts: Bool
        public var strict: Bool
        public init(content: URL, templates: URL, output: URL, baseURL: String? = nil, drafts: Bool = false, strict: Bool = false) {
            self.content = content
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
            self.drafts = drafts
            self.strict = strict
        }
    }

    public struct Result: Sendable {
        /// Errors and findings of the content, then any template errors.
        public var diagnostics: [Diagnostic]
        /// The files written; empty when the build stopped.
        public var files: [OutputFile]
        public var written: Bool
    }

    /// Builds the site in memory; nothing is written.
    public static func render(_ options: Options) -> Result {
        let report = ContentCheck.run(contentDirectory: options.content)
        var diagnostics = report.diagnostics
        if report.hasErrors || (options.strict && !diagnostics.findings.isEmpty) {
            return Result(diagnostics: diagnostics, files: [], written: false)
        }
        let templates: TemplateSet
        switch TemplateSet.load(from: options.templates) {
        case let .success(loaded): templates = loaded
        case let .failure(error): return Result(diagnostics: diagnostics + error.diagnostics, files: [], written: false)
        }
        guard let site = try? ResolvedSite(content: report.content, findings: diagnostics.findings, includeDrafts: options.drafts) else {
            return Result(diagnostics: diagnostics, files: [], written: false)
        }
        let language = site.site.language
        let strings: Strings
        switch Strings.load(options.templates.appendingPathComponent("i18n/\(language).yaml"),
                            file: "\(options.templates.lastPathComponent)/i18n/\(language).yaml") {
        case let .success(loaded): strings = loaded
        case let .failure(diagnostic): return Result(diagnostics: diagnostics + [diagnostic], files: [], written: false)
        }
        let renderer = SiteRenderer(site: site, templates: templates, strings: strings, baseURL: options.baseURL ?? site.site.baseURL)
        var files = renderer.renderPages()
        files += renderer.renderFeeds()
        files += renderer.renderDiscovery()
        files += renderer.renderSearchIndex()
        do {
            files += try StaticFiles.collect(from: options.templates.appendingPathComponent("assets"), into: "theme/")
            files += try StaticFiles.collect(from: options.content.appendingPathComponent("assets"), into: "assets/")
        } catch {
            diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: "assets"), "An asset cannot be read: \(error.localizedDescription)"))
            return Result(diagnostics: diagnostics, files: [], written: false)
        }
        return Result(diagnostics: diagnostics, files: files.sorted { $0.path < $1.path }, written: false)
    }

    /// Builds and writes the site: the output is replaced whole, or not touched at all.
    public static func run(_ options: Options) throws -> Result {
        var result = render(options)
        guard !result.files.isEmpty else { return result }
        try SiteWriter.write(result.files, to: options.output)
        result.written = true
        return result
    }
}
