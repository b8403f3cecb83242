import Foundation
import GazetteContent
import GazetteModel
import GazetteOutput
import GazetteSite

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
        /// The files made, for a build in memory (`render`); empty when the build stopped.
        public var files: [OutputFile]
        public var written: Bool
        /// The paths, SHA-256 and sizes of the files written to disk (`run`), `manifest.json` included.
        public var writtenFiles: [Manifest.Entry] = []
        /// `run` found nothing changed since the site on disk was written, and left it as it was.
        public var unchanged = false
        /// The publication record, with the pending publication when the data changed.
        public var publications: PublicationLog?
        /// The SHA-256 of `manifest.json`.
        public var manifestHash: String?
        /// The publication file `--record` wrote, if any.
        public var recorded: URL?
    }

    /// Builds the site in memory; nothing is written. The same pipeline `serve` keeps warm, run once.
    public static func render(_ options: Options) -> Result {
        let outcome = IncrementalBuild(options).rebuild()
        guard outcome.ok else {
            return Result(diagnostics: outcome.diagnostics, templateDiagnostics: outcome.templateDiagnostics, files: [], written: false)
        }
        var result = Result(diagnostics: outcome.diagnostics, files: outcome.files.values.sorted { $0.path < $1.path }, written: false)
        result.publications = outcome.publications
        result.manifestHash = outcome.manifestHash
        return result
    }

    /// Builds and writes the site: the output is replaced whole, or not touched at all. Each file is written
    /// as soon as it is made, so memory does not grow with the site.
    public static func run(_ options: Options) throws -> Result {
        let outcome = try IncrementalBuild(options).write(to: options.output)
        guard outcome.ok else {
            return Result(diagnostics: outcome.diagnostics, templateDiagnostics: outcome.templateDiagnostics, files: [], written: false)
        }
        var result = Result(diagnostics: outcome.diagnostics, files: [], written: true)
        result.writtenFiles = outcome.written
        result.unchanged = outcome.unchanged
        result.publications = outcome.publications
        result.manifestHash = outcome.manifestHash
        if options.record, let publications = result.publications, let hash = result.manifestHash {
            result.recorded = try publications.recordPending(manifestHash: hash, contentDirectory: options.content)
        }
        return result
    }
}
