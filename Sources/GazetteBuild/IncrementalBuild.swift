import Foundation
import GazetteContent
import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite
import GazetteTemplates

/// The build pipeline — load and check, resolve, render, write in memory — kept warm between runs: files whose
/// bytes did not change are not parsed again, and only the pages whose inputs changed are rendered again (a
/// notice edit does not re-render every project). The output is always the same as a full build's.
/// `@unchecked Sendable`: its caches change only inside `rebuild()`/`write(to:)`, which one caller runs at a time (in `serve`,
/// the PreviewServer actor owns it); its parallel jobs are given values, never `self`.
public final class IncrementalBuild: @unchecked Sendable {
    public let options: Build.Options
    private let cache = ContentCache()
    private var templates: TemplateSet?
    private var strings: Strings?
    private var templatesFingerprint: UInt64?
    private var last: Snapshot?
    /// SHA-256 of each output file, reused while its bytes stay the same.
    private var sha256: [String: (bytes: Data, hex: String)] = [:]

    /// What the last good build made.
    struct Snapshot {
        var site: ResolvedSite
        var pages: [String: OutputFile]
        var files: [String: OutputFile]
        var hashes: [String: UInt64]
    }

    public struct Outcome: Sendable {
        /// The content's errors and findings.
        public var diagnostics: [Diagnostic]
        /// Errors in the templates folder, named relative to it.
        public var templateDiagnostics: [Diagnostic] = []
        /// Whether this build succeeded; when not, `files` is still the last good site.
        public var ok: Bool
        /// The whole site, by path.
        public var files: [String: OutputFile]
        /// Paths whose bytes changed since the last good build: added, changed or removed.
        public var changed: [String]
        /// Pages rendered this time, and whether every page was.
        public var rendered: Int
        public var full: Bool
        /// The publication record, with the pending publication when the data changed.
        public var publications: PublicationLog?
        /// The SHA-256 of `manifest.json`.
        public var manifestHash: String?
        /// For a build written straight to disk: every file written, `manifest.json` included.
        public var written: [Manifest.Entry] = []
        /// For a build written straight to disk: nothing changed, the site on disk was left as it was.
        public var unchanged = false
    }

    public init(_ options: Build.Options) {
        self.options = options
    }

    /// What a build renders from: the checked content resolved into a site, the templates and strings, the
    /// publication record and the static files. Made the same way for `build` and `serve`.
    struct Prepared {
        var report: ContentCheck.Report
        var site: ResolvedSite
        var renderer: SiteRenderer
        var publications: PublicationLog
        var staticFiles: [OutputFile]
        /// Whether every page must be rendered (first build, or the templates changed).
        var full: Bool

        func jobs() -> [OutputJob] { renderer.outputJobs(publications: publications, staticFiles: staticFiles) }
    }

    enum Preparation {
        case ready(Prepared)
        /// The build stops: the outcome says why.
        case stopped(Outcome)
    }

    /// Checks the content and loads what rendering needs, or says why the build stops.
    func prepare() -> Preparation {
        let report = BuildTiming.shared.stage("  load and check") { ContentCheck.run(contentDirectory: options.content, cache: cache) }
        func failed(_ diagnostics: [Diagnostic], templates: [Diagnostic] = []) -> Preparation {
            .stopped(Outcome(diagnostics: diagnostics, templateDiagnostics: templates, ok: false, files: last?.files ?? [:], changed: [],
                             rendered: 0, full: false))
        }
        if report.hasErrors || (options.strict && !report.diagnostics.findings.isEmpty) { return failed(report.diagnostics) }

        var full = last == nil
        let fingerprint = Self.fingerprint(of: options.templates)
        if fingerprint != templatesFingerprint || templates == nil {
            switch TemplateSet.load(from: options.templates) {
            case let .success(loaded): templates = loaded
            case let .failure(error): return failed(report.diagnostics, templates: error.diagnostics)
            }
            full = true
        }
        let resolved = BuildTiming.shared.stage("  resolve") {
            try? ResolvedSite(content: report.content, findings: report.diagnostics.findings, includeDrafts: options.drafts)
        }
        guard let site = resolved, let templates else {
            return failed(report.diagnostics + [ResolvedSite.noDateDiagnostic])
        }
        if full || strings == nil {
            let language = site.site.language
            switch Strings.load(options.templates.appendingPathComponent("i18n/\(language).yaml"),
                                file: "i18n/\(language).yaml") {
            case let .success(loaded): strings = loaded
            case let .failure(diagnostic): return failed(report.diagnostics, templates: [diagnostic])
            }
            let unknown = templates.unknownStrings(strings!, file: "i18n/\(language).yaml")
            if !unknown.isEmpty {
                strings = nil
                return failed(report.diagnostics, templates: unknown)
            }
        }
        templatesFingerprint = fingerprint

        do {
            let publications = try PublicationLog.load(contentDirectory: options.content, site: site)
            let renderer = SiteRenderer(site: site, templates: templates, strings: strings!, baseURL: options.baseURL ?? site.site.baseURL,
                                        freshness: RecordFreshness.of(publications))
            let staticFiles = try StaticFiles.collect(from: options.templates.appendingPathComponent("assets"), into: "theme/")
                + StaticFiles.collect(from: options.content.appendingPathComponent("assets"), into: "assets/")
            return .ready(Prepared(report: report, site: site, renderer: renderer, publications: publications,
                                     staticFiles: staticFiles, full: full))
        } catch {
            return failed(report.diagnostics + [Diagnostic(.unreadableFile, at: SourceLocation(file: "assets"),
                                                           "A file cannot be read: \(error)")])
        }
    }

    public func rebuild() -> Outcome {
        let prepared: Prepared
        switch prepare() {
        case let .ready(ready): prepared = ready
        case let .stopped(outcome): return outcome
        }
        let site = prepared.site
        let dirty: Set<String>? = prepared.full ? nil : last.flatMap { Self.dirtyKeys(from: $0.site, to: site) }
        let jobs = prepared.jobs()
        let selected = jobs.filter { job in
            guard job.page != nil, let dirty else { return true }
            return job.dependencies.contains(PageDependencies.everything) || !job.dependencies.isDisjoint(with: dirty)
        }
        let livePages = Set(jobs.compactMap { $0.page.map(SiteRenderer.filePath) })
        var files: [String: OutputFile] = [:]
        for (path, file) in last?.pages ?? [:] where livePages.contains(path) { files[path] = file }
        let sink = MemorySink()
        OutputJob.runAll(selected, into: sink)
        for (path, file) in sink.files { files[path] = file }
        var pages: [String: OutputFile] = [:]
        for path in livePages { pages[path] = files[path] }

        let manifest = Manifest(Array(files.values)) { file in
            if let known = sha256[file.path], known.bytes == file.bytes { return known.hex }
            let hex = SHA256.hex(file.bytes)
            sha256[file.path] = (file.bytes, hex)
            return hex
        }
        files[Manifest.path] = manifest.file
        var hashes: [String: UInt64] = [:]
        var changed: [String] = []
        for (path, file) in files {
            let hash = last?.files[path].map { $0.bytes == file.bytes ? last!.hashes[path]! : StableHash.of(file.bytes) }
                ?? StableHash.of(file.bytes)
            hashes[path] = hash
            if last?.hashes[path] != hash { changed.append(path) }
        }
        for path in last?.files.keys ?? [:].keys where files[path] == nil { changed.append(path) }
        last = Snapshot(site: site, pages: pages, files: files, hashes: hashes)
        return Outcome(diagnostics: prepared.report.diagnostics, ok: true, files: files, changed: changed.sorted(),
                       rendered: selected.filter { $0.page != nil }.count, full: dirty == nil,
                       publications: prepared.publications, manifestHash: manifest.hash)
    }

    /// Builds straight into the output folder: each file is written as soon as it is made, and the manifest
    /// from what was written; then one swap puts the new site in place. Memory stays that of a few pages.
    /// When nothing that shapes the site changed since the site on disk was written, and it is still whole,
    /// nothing is rendered or written (`unchanged`).
    public func write(to output: URL) throws -> Outcome {
        let output = try SiteWriter.destination(for: output)
        let timing = BuildTiming.shared
        defer { timing.report() }
        let prepared: Prepared
        switch timing.stage("load, check, resolve", prepare) {
        case let .ready(ready): prepared = ready
        case let .stopped(outcome): return outcome
        }
        let fingerprint = timing.stage("fingerprint") { BuildState.fingerprint(content: prepared.site.content, templates: templatesFingerprint ?? 0,
                                                 staticFiles: prepared.staticFiles, contentDirectory: options.content, options: options) }
        if let state = BuildState.load(for: output), state.fingerprint == fingerprint, state.describesOutput(output) {
            return Outcome(diagnostics: prepared.report.diagnostics, ok: true, files: [:], changed: [], rendered: 0, full: false,
                           publications: prepared.publications, manifestHash: state.manifestHash, written: state.files, unchanged: true)
        }
        let writer = try SiteWriter(output: output)
        let jobs = prepared.jobs()
        timing.stage("render and write") { OutputJob.runAll(jobs, into: writer) }
        let manifest = timing.stage("manifest") { Manifest(entries: writer.entries) }
        writer.write(manifest.file, hashed: false)
        BuildState.remove(for: output)
        try timing.stage("swap into place") { try writer.commit() }
        let written = (writer.entries + [Manifest.Entry(path: Manifest.path, sha256: manifest.hash, size: manifest.file.bytes.count)])
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        // Without the state the next build is a full one, which is always right.
        try? BuildState(fingerprint: fingerprint, manifestHash: manifest.hash, files: written).store(for: output)
        return Outcome(diagnostics: prepared.report.diagnostics, ok: true, files: [:], changed: [],
                       rendered: jobs.filter { $0.page != nil }.count, full: true, publications: prepared.publications,
                       manifestHash: manifest.hash, written: written)
    }

    /// A fingerprint of every file under the templates folder (templates, strings, theme assets).
    static func fingerprint(of directory: URL) -> UInt64 {
        var hash = StableHash.seed
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL { paths.append(url.path) }
        for path in paths.sorted() {
            hash = StableHash.of(Data(path.utf8), seed: hash)
            if let data = FileManager.default.contents(atPath: path) { hash = StableHash.of(data, seed: hash) }
        }
        return hash
    }

    /// The keys whose pages must be rendered again, or nil when everything must (the site, the programme,
    /// the regions, the as-of date or the menu changed).
    static func dirtyKeys(from old: ResolvedSite, to new: ResolvedSite) -> Set<String>? {
        let oldHashes = old.content.fileHashes, newHashes = new.content.fileHashes
        for global in ["site.yaml", "programme.yaml", "regions.yaml"] where oldHashes[global] != newHashes[global] { return nil }
        if old.asOf != new.asOf || menu(old) != menu(new) { return nil }

        let changedFiles = Set(oldHashes.keys).union(newHashes.keys).filter { oldHashes[$0] != newHashes[$0] }
        var keys: Set<String> = []
        for path in changedFiles {
            let name = (path as NSString).lastPathComponent
            let id = (name as NSString).deletingPathExtension
            if path.hasPrefix("projects/") {
                for site in [old, new] { if let project = site.project(id) { keys.formUnion(PageDependencies.keys(of: project)) } }
                keys.insert("project:\(id)")
            } else if path.hasPrefix("organizations/") {
                keys.formUnion(["organization:\(id)", "projects-of:\(id)", PageDependencies.aggregates])
                for site in [old, new] { for project in site.projects(of: id) { keys.formUnion(PageDependencies.keys(of: project)) } }
            } else if path.hasPrefix("notices/") {
                keys.formUnion(["notice:\(id)", "notices"])
                for site in [old, new] {
                    if let notice = site.content.notices.first(where: { $0.slug == id }) {
                        let links = site.content.markdown.filter { $0.owner == "notice:\(id)" }
                            .flatMap { MarkdownLinks.recordTargets(in: $0.text) }
                        keys.formUnion(PageDependencies.keys(of: notice, links: links))
                    }
                }
            } else if path.hasPrefix("pages/") {
                keys.insert("page:\(id)")
            } else if path.hasPrefix("ledger/") {
                let before = Dictionary(grouping: old.content.ledger, by: \.project)
                let after = Dictionary(grouping: new.content.ledger, by: \.project)
                for project in Set(before.keys).union(after.keys) where before[project] != after[project] {
                    for site in [old, new] { if let p = site.project(project) { keys.formUnion(PageDependencies.keys(of: p)) } }
                }
            }
        }
        // Findings follow from every record: compare them by subject.
        let before = Dictionary(grouping: old.findings, by: { $0.subject ?? "" })
        let after = Dictionary(grouping: new.findings, by: { $0.subject ?? "" })
        for subject in Set(before.keys).union(after.keys) where before[subject] != after[subject] {
            keys.formUnion(["findings", "findings:\(subject)"])
            if let link = RecordLink(subject), link.kind == .project {
                for site in [old, new] {
                    if let project = site.project(link.id) { keys.insert("findings-of-organization:\(project.project.organization)") }
                }
            }
            if let link = RecordLink(subject), link.kind == .organization { keys.insert("findings-of-organization:\(link.id)") }
        }
        return keys
    }

    /// The menu lists the free pages: a change of their titles or order changes every page.
    private static func menu(_ site: ResolvedSite) -> [String] {
        site.pages.map { "\($0.slug)\u{1}\($0.title)\u{1}\($0.draft)" }
    }
}
