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
        /// Add the pending publication to `content/publications/` once the site is written (`--record`).
        public var record: Bool
        public init(content: URL, templates: URL, output: URL, baseURL: String? = nil, drafts: Bool = false, strict: Bool = false,
                    record: Bool = false) {
            self.content = content
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
            self.drafts = drafts
            self.strict = strict
            self.record = record
        }
    }

    public struct Result: Sendable {
        public init(diagnostics: [Diagnostic], templateDiagnostics: [Diagnostic] = [], files: [OutputFile], written: Bool) {
            self.diagnostics = diagnostics
            self.templateDiagnostics = templateDiagnostics
            self.files = files
            self.written = written
        }
        /// Errors and findings of the content, then any template errors.
        public var diagnostics: [Diagnostic]
        /// Errors in the templates folder (their files are named relative to it, not to the content).
        public var templateDiagnostics: [Diagnostic] = []
        /// The files written; empty when the build stopped.
        public var files: [OutputFile]
        public var written: Bool
        /// The publication record, with the pending publication when the data changed.
        public var publications: PublicationLog?
        /// The SHA-256 of `manifest.json`.
        public var manifestHash: String?
        /// The publication file `--record` wrote, if any.
        public var recorded: URL?
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
        case let .failure(error): return Result(diagnostics: diagnostics, templateDiagnostics: error.diagnostics, files: [], written: false)
        }
        guard let site = try? ResolvedSite(content: report.content, findings: diagnostics.findings, includeDrafts: options.drafts) else {
            return Result(diagnostics: diagnostics + [ResolvedSite.noDateDiagnostic], files: [], written: false)
        }
        let language = site.site.language
        let strings: Strings
        switch Strings.load(options.templates.appendingPathComponent("i18n/\(language).yaml"),
                            file: "i18n/\(language).yaml") {
        case let .success(loaded): strings = loaded
        case let .failure(diagnostic): return Result(diagnostics: diagnostics, templateDiagnostics: [diagnostic], files: [], written: false)
        }
        let baseURL = options.baseURL ?? site.site.baseURL
        let renderer = SiteRenderer(site: site, templates: templates, strings: strings, baseURL: baseURL)
        var files = renderer.renderPages()
        files += OpenData.files(renderer: renderer, baseURL: baseURL)
        let publications: PublicationLog
        do {
            publications = try PublicationLog.load(contentDirectory: options.content, site: site)
        } catch {
            diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: PublicationLog.folder), "\(error)"))
            return Result(diagnostics: diagnostics, files: [], written: false)
        }
        files.append(renderer.renderPage(path: "changes/", template: "changes") { $0.changesPage(publications.entries) })
        do {
            files += try StaticFiles.collect(from: options.templates.appendingPathComponent("assets"), into: "theme/")
            files += try StaticFiles.collect(from: options.content.appendingPathComponent("assets"), into: "assets/")
        } catch {
            diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: "assets"), "An asset cannot be read: \(error.localizedDescription)"))
            return Result(diagnostics: diagnostics, files: [], written: false)
        }
        let manifest = Manifest(files)
        files.append(manifest.file)
        return Result(diagnostics: diagnostics, files: files.sorted { $0.path < $1.path }, written: false,
                      publications: publications, manifestHash: manifest.hash)
    }

    /// Builds and writes the site: the output is replaced whole, or not touched at all.
    public static func run(_ options: Options) throws -> Result {
        var result = render(options)
        guard !result.files.isEmpty else { return result }
        try SiteWriter.write(result.files, to: options.output)
        result.written = true
        if options.record, let publications = result.publications, let hash = result.manifestHash {
            result.recorded = try publications.recordPending(manifestHash: hash, contentDirectory: options.content)
        }
        return result
    }
}
