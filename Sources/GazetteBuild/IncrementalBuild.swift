import Foundation
import GazetteContent
import GazetteMarkdown
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
    private let cache: ContentCache
    /// Every Markdown text's links, for the check and the resolve stage: parsed again only when a text changed.
    private let links = MarkdownLinksMemo()
    /// The site's keys, made again only where records changed (`serve`'s rebuilds).
    private let siteKeys = SiteKeysKeeper()
    private var templates: TemplateSet?
    private var strings: Strings?
    private var templatesFingerprint: UInt64?
    /// The fingerprint of the templates in `templates`, which may be newer than the last prepared build's
    /// (`templatesFingerprint`) when a check after loading stopped that build.
    private var loadedTemplatesFingerprint: UInt64?
    private var last: Snapshot?
    /// SHA-256 of each output file, reused while its bytes stay the same.
    private var sha256: [String: (bytes: Data, hex: String)] = [:]
    /// Whether this builds into memory (`rebuild()`, for `serve`), which holds the whole site anyway.
    private var inMemory = false
    /// The records' published fields, kept between rebuilds for the publication record's snapshots.
    private let snapshots = PublicationSnapshot.Memo()

    /// What the last good build made.
    struct Snapshot {
        var keys: SiteKeys
        var files: [String: OutputFile]
        var hashes: [String: UInt64]
        /// The job that made each file (`OutputJob.id`), by path.
        var origins: [String: String]
        /// The files made by machine-readable jobs (`isMachineFile`).
        var machinePaths: Set<String> = []
        var manifestHash: String?
        /// While machine-readable files are left to make (`finishMachineFiles()`): the keys of the site their
        /// files in `files` were made for, and whether all must be made again (the templates changed).
        var machineKeys: SiteKeys? = nil
        var machineNeedsAll = false
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
        /// For a build written straight to disk: the jobs that ran (`OutputJob.kind`, once each), the pages' included.
        public var ran: Set<String> = []
    }

    public init(_ options: Build.Options) {
        self.options = options
        cache = ContentCache()
    }

    /// For tests: a content file unchanged by `stat` is not read again when it last changed more than `settled`
    /// nanoseconds before it was read (2 s by default; a test's files all changed just now).
    init(_ options: Build.Options, settled: Int64) {
        self.options = options
        cache = ContentCache(settled: settled)
    }

    /// What a build renders from: the checked content resolved into a site, the templates and strings, the
    /// publication record and the static files. Made the same way for `build` and `serve`.
    struct Prepared {
        var report: ContentCheck.Report
        var site: ResolvedSite
        var renderer: SiteRenderer
        var publications: PublicationLog
        /// The files of `content/publications/`, as read for the publication record.
        var publicationFiles: [PublicationFiles.File]
        var staticFiles: [OutputFile]
        /// Whether every page must be rendered (first build, or the templates changed).
        var full: Bool

        /// `previousSizes`: the size of each file of the last site, whose kept data files the downloads page lists.
        func jobs(previousSizes: @escaping @Sendable (String) -> Int? = { _ in nil }) -> [OutputJob] {
            renderer.outputJobs(publications: publications, staticFiles: staticFiles, previousSizes: previousSizes)
        }
    }

    enum Preparation {
        case ready(Prepared)
        /// The build stops: the outcome says why.
        case stopped(Outcome)
    }

    /// Why a build stops before rendering: the content's errors (or, with `--strict`, its findings), or the
    /// templates' errors. The last good site stays as it was.
    struct Stop: Error {
        var diagnostics: [Diagnostic]
        var templates: [Diagnostic] = []
    }

    /// The pipeline up to rendering, one stage a line: load and check the content, load the templates, resolve
    /// the records into a site, then the strings, the publication record and the static files that rendering
    /// needs. `rebuild()` then renders into memory, `write(to:)` renders and writes to disk.
    func prepare() -> Preparation {
        do throws(Stop) {
            let report = try loadAndCheck()
            let (templates, full, fingerprint) = try BuildTiming.shared.stage("  templates") { () throws(Stop) in try loadTemplates(report) }
            let site = try resolve(report)
            let strings = try BuildTiming.shared.stage("  strings") { () throws(Stop) in
                try loadStrings(language: site.site.language, templates: templates, reload: full, report)
            }
            templatesFingerprint = fingerprint
            return .ready(try BuildTiming.shared.stage("  render inputs") { () throws(Stop) in
                try renderInputs(report, site, templates, strings, full: full)
            })
        } catch {
            return .stopped(Outcome(diagnostics: error.diagnostics, templateDiagnostics: error.templates, ok: false,
                                    files: last?.files ?? [:], changed: [], rendered: 0, full: false))
        }
    }

    /// Load and check: every record read (again only where its file changed) and checked. Errors stop the
    /// build; so do findings with `--strict`.
    private func loadAndCheck() throws(Stop) -> ContentCheck.Report {
        links.startRun()
        let report = BuildTiming.shared.stage("  load and check") { ContentCheck.run(contentDirectory: options.content, cache: cache, links: links) }
        if report.hasErrors || (options.strict && !report.diagnostics.findings.isEmpty) { throw Stop(diagnostics: report.diagnostics) }
        return report
    }

    /// The templates, loaded again only when a file under the templates folder changed (`full`: then every
    /// page is rendered again, as on the first build).
    private func loadTemplates(_ report: ContentCheck.Report) throws(Stop) -> (TemplateSet, full: Bool, fingerprint: UInt64) {
        let fingerprint = Self.fingerprint(of: options.templates)
        // Loaded again when they differ from the ones in memory (a broken edit undone back to the last good
        // templates must not leave the broken ones loaded); every page rendered again when they differ from
        // the last build's.
        if fingerprint != loadedTemplatesFingerprint || templates == nil {
            switch TemplateSet.load(from: options.templates) {
            case let .success(loaded): templates = loaded
            case let .failure(error): throw Stop(diagnostics: report.diagnostics, templates: error.diagnostics)
            }
            loadedTemplatesFingerprint = fingerprint
        }
        return (templates!, last == nil || fingerprint != templatesFingerprint, fingerprint)
    }

    /// Resolve: the checked records into the site, with every derived figure.
    private func resolve(_ report: ContentCheck.Report) throws(Stop) -> ResolvedSite {
        let resolved = BuildTiming.shared.stage("  resolve") {
            try? ResolvedSite(content: report.content, figures: report.figures, findings: report.diagnostics.findings, includeDrafts: options.drafts,
                              links: links)
        }
        guard let resolved else { throw Stop(diagnostics: report.diagnostics + [ResolvedSite.noDateDiagnostic]) }
        return resolved
    }

    /// The interface strings of the site's language, checked against every `t.…` name the templates use.
    private func loadStrings(language: String, templates: TemplateSet, reload: Bool, _ report: ContentCheck.Report) throws(Stop) -> Strings {
        if reload || strings == nil {
            switch Strings.load(options.templates.appendingPathComponent("i18n/\(language).yaml"), file: "i18n/\(language).yaml") {
            case let .success(loaded): strings = loaded
            case let .failure(diagnostic): throw Stop(diagnostics: report.diagnostics, templates: [diagnostic])
            }
            let unknown = templates.unknownStrings(strings!, file: "i18n/\(language).yaml")
                + templates.unknownNames(views: PageViews.shapes)
            if !unknown.isEmpty {
                strings = nil
                throw Stop(diagnostics: report.diagnostics, templates: unknown)
            }
        }
        return strings!
    }

    /// What rendering needs beside the site: the renderer (with each record's freshness from the publication
    /// record) and the static files (the theme's and the content's assets).
    private func renderInputs(_ report: ContentCheck.Report, _ site: ResolvedSite, _ templates: TemplateSet, _ strings: Strings,
                              full: Bool) throws(Stop) -> Prepared {
        do {
            let publicationFiles = PublicationFiles.read(contentDirectory: options.content)
            snapshots.startRun()
            var publications = try PublicationLog.load(files: publicationFiles, site: site, snapshots: inMemory ? snapshots : nil)
            // In memory (`serve`) the pending publication is made once for the freshness and the changes page.
            if inMemory { publications = publications.remembering() }
            let renderer = SiteRenderer(site: site, templates: templates, strings: strings, baseURL: options.baseURL ?? site.site.baseURL,
                                        freshness: RecordFreshness.of(publications))
            let staticFiles = try (StaticFiles.collect(from: options.templates.appendingPathComponent("assets"), into: "theme/")
                + StaticFiles.collect(from: options.content.appendingPathComponent("assets"), into: "assets/"))
                .map { OutputFile(path: $0.path, bytes: $0.bytes) }
            return Prepared(report: report, site: site, renderer: renderer, publications: publications,
                            publicationFiles: publicationFiles, staticFiles: staticFiles, full: full)
        } catch {
            throw Stop(diagnostics: report.diagnostics + [Diagnostic(.unreadableFile, at: SourceLocation(file: "assets"),
                                                                     Message("E001.assets", ["reason": .text("\(error)")]))])
        }
    }

    /// Builds the site in memory. With `machineFilesLater` (serve), a rebuild after the first makes the pages
    /// first and keeps the last good machine-readable files (open data, feeds, search index, sitemap, the
    /// downloads page, the manifest) until `finishMachineFiles()` makes them: a browser is told to reload as
    /// soon as its page is ready, and the files no page shows follow.
    public func rebuild(machineFilesLater: Bool = false) -> Outcome {
        inMemory = true
        let prepared: Prepared
        switch prepare() {
        case let .ready(ready): prepared = ready
        case let .stopped(outcome): return outcome
        }
        let keys = BuildTiming.shared.stage("  keys") { siteKeys.keys(prepared.site) }
        let dirty: Set<String>? = prepared.full ? nil : last.flatMap { SiteKeys.dirtyKeys(from: $0.keys, to: keys) }
        // The machine-readable files in the last site were made from `machineKeys`: when the last rebuild left
        // them for later and they were not made since (a change came first), they are compared with those.
        let machineDirty: Set<String>?
        if let last, pending != nil || last.machineKeys != nil {
            machineDirty = prepared.full || last.machineNeedsAll ? nil : SiteKeys.dirtyKeys(from: last.machineKeys ?? last.keys, to: keys)
        } else {
            machineDirty = dirty
        }
        let lastFiles = last?.files ?? [:]
        let jobs = BuildTiming.shared.stage("  jobs") { prepared.jobs { lastFiles[$0]?.bytes.count } }
        // The jobs none of whose dependencies changed keep the files they made last time.
        func keeps(_ job: OutputJob) -> Bool { job.mayKeep(dirty: Self.isMachineFile(job) ? machineDirty : dirty) }
        let keptJobs = Set(jobs.filter(keeps).compactMap(\.id))
        var selected = jobs.filter { !keeps($0) }
        var later: [OutputJob] = []
        if machineFilesLater, last != nil {
            later = selected.filter(Self.isMachineFile)
            selected = selected.filter { !Self.isMachineFile($0) }
        }
        var files: [String: OutputFile] = [:]
        var origins: [String: String] = [:]
        for (path, job) in last?.origins ?? [:] where keptJobs.contains(job) {
            files[path] = last?.files[path]
            origins[path] = job
        }
        // The machine-readable files kept with their jobs (feeds whose records did not change).
        let keptMachineFiles = Set(files.keys).intersection(last?.machinePaths ?? [])
        if !later.isEmpty, let last {
            // Until `finishMachineFiles()`: the last good ones, with the jobs that made them.
            for path in last.machinePaths {
                files[path] = last.files[path]
                origins[path] = last.origins[path]
            }
            if let manifest = last.files[Manifest.path] { files[Manifest.path] = manifest }
        }
        let sink = MemorySink(), made = FileOrigins(), machine = FileOrigins()
        BuildTiming.shared.stage("  render") { OutputJob.runAll(selected.map { Self.noting($0, in: machine) }, into: sink, origins: made) }
        for (path, file) in sink.files { files[path] = file }
        origins.merge(made.byPath) { _, new in new }
        let machinePaths = later.isEmpty ? Set(machine.byPath.keys).union(keptMachineFiles) : last?.machinePaths ?? []
        // What the machine-readable files in this site were made from, when they are not this site's own.
        let machineKeys = later.isEmpty ? nil : last?.machineKeys ?? last?.keys
        let machineNeedsAll = !later.isEmpty && (machineDirty == nil || last?.machineNeedsAll == true)
        let outcome = BuildTiming.shared.stage("  finish") {
            finish(files: files, remade: Set(sink.files.keys), keys: keys, origins: origins, machinePaths: machinePaths,
                   manifestLater: !later.isEmpty, diagnostics: prepared.report.diagnostics,
                   publications: prepared.publications, rendered: selected.filter { $0.page != nil }.count, full: dirty == nil)
        }
        last?.machineKeys = machineKeys
        last?.machineNeedsAll = machineNeedsAll
        // Machine files left by an earlier rebuild and not made since are this rebuild's to make now.
        pending = later.isEmpty ? nil : Pending(jobs: later, kept: keptMachineFiles, outcome: outcome)
        return outcome
    }

    /// The last good site's keys, for tests.
    var currentKeys: SiteKeys? { last?.keys }

    /// Machine-readable files left for later by the last `rebuild(machineFilesLater: true)`.
    private struct Pending {
        var jobs: [OutputJob]
        /// The machine-readable files kept with their jobs: they stay.
        var kept: Set<String>
        var outcome: Outcome
    }
    private var pending: Pending?

    /// Whether the last rebuild left machine-readable files to make.
    public var hasMachineFilesToMake: Bool { pending != nil }

    /// Makes the machine-readable files the last rebuild left for later, and the manifest; returns the
    /// whole site again, with what changed since that rebuild. Nil when nothing was left, or when `stop`
    /// said so (in `serve`: a change came; looked at every few milliseconds, and the jobs in flight are not
    /// waited for, `StoppableJobs`): the work then stays left, and the next rebuild makes it with its own.
    public func finishMachineFiles(stop: @escaping @Sendable () -> Bool = { false }) -> Outcome? {
        guard let work = pending, let current = last else { return nil }
        let sink = MemorySink(), made = FileOrigins(), machine = FileOrigins()
        // Stopped: the jobs in flight are not waited for (their files go nowhere).
        guard StoppableJobs.run(work.jobs.map { Self.noting($0, in: machine) }, into: sink, origins: made, stop: stop), !stop() else {
            return nil
        }
        pending = nil
        var files = current.files
        var origins = current.origins
        for path in current.machinePaths.subtracting(work.kept) {
            files[path] = nil
            origins[path] = nil
        }
        files[Manifest.path] = nil
        for (path, file) in sink.files { files[path] = file }
        origins.merge(made.byPath) { _, new in new }
        return finish(files: files, remade: Set(sink.files.keys), keys: current.keys, origins: origins,
                      machinePaths: Set(machine.byPath.keys).union(work.kept), manifestLater: false, diagnostics: work.outcome.diagnostics,
                      publications: work.outcome.publications, rendered: 0, full: false)
    }

    /// Files for programs rather than browsers: made after the reload in `serve`.
    static func isMachineFile(_ job: OutputJob) -> Bool {
        job.page == nil && (job.kind.hasPrefix("open-data:") || ["sitemap", "search-index", "feeds", "page:data"].contains(job.kind))
    }

    /// The job, noting in `machine` the files it makes when it is a machine-readable one.
    private static func noting(_ job: OutputJob, in machine: FileOrigins) -> OutputJob {
        guard isMachineFile(job) else { return job }
        var noted = job
        let run = job.run
        noted.run = { sink in run(OriginSink(base: sink, job: "machine", origins: machine)) }
        return noted
    }

    /// The manifest, the hashes that tell what changed since the last good build, and the new snapshot.
    /// Only `remade` files are compared with the last build's: every other file is the last build's own.
    private func finish(files: [String: OutputFile], remade: Set<String>, keys: SiteKeys, origins: [String: String],
                        machinePaths: Set<String>, manifestLater: Bool, diagnostics: [Diagnostic], publications: PublicationLog?,
                        rendered: Int, full: Bool) -> Outcome {
        var files = files
        var manifestHash: String?
        if !manifestLater {
            let manifest = Manifest(Array(files.values)) { file in
                if let known = sha256[file.path], Self.sameBytes(known.bytes, file.bytes) { return known.hex }
                let hex = SHA256.hex(file.bytes)
                sha256[file.path] = (file.bytes, hex)
                return hex
            }
            files[Manifest.path] = manifest.file
            manifestHash = manifest.hash
        } else {
            manifestHash = last?.manifestHash
        }
        var hashes: [String: UInt64] = [:]
        var changed: [String] = []
        for (path, file) in files {
            let hash: UInt64
            if let old = last?.hashes[path], let oldFile = last?.files[path],
               !remade.contains(path) && path != Manifest.path || oldFile.bytes == file.bytes {
                hash = old
            } else {
                hash = StableHash.of(file.bytes)
            }
            hashes[path] = hash
            if last?.hashes[path] != hash { changed.append(path) }
        }
        for path in last?.files.keys ?? [:].keys where files[path] == nil { changed.append(path) }
        last = Snapshot(keys: keys, files: files, hashes: hashes, origins: origins, machinePaths: machinePaths, manifestHash: manifestHash)
        return Outcome(diagnostics: diagnostics, ok: true, files: files, changed: changed.sorted(), rendered: rendered, full: full,
                       publications: publications, manifestHash: manifestHash)
    }

    /// Builds straight into the output folder: each file is written as soon as it is made, and the manifest
    /// from what was written; then one swap puts the new site in place. Memory stays that of a few pages.
    /// When nothing that shapes the site changed since the site on disk was written, and it is still whole,
    /// nothing is rendered or written (`unchanged`). When only records changed, only the jobs whose
    /// dependencies they touch run; the files of the others are hard links to the site on disk, as is every
    /// file made again with the same bytes: the new site is still made whole beside the old one and swapped in.
    public func write(to output: URL) throws -> Outcome {
        let output = try SiteWriter.destination(for: output)
        let timing = BuildTiming.shared
        defer { timing.report() }
        // Before anything is read: when every input is as the last build found it and its site is still
        // whole, that site is this build's, with the same diagnostics.
        var raw = timing.stage("scan the inputs") { RawInputs.scan(options: options, program: BuildState.programIdentity()) }
        let (unchanged, stored) = timing.stage("compare with the last build") { unchangedSite(raw, output: output) }
        if let unchanged { return unchanged }
        // The last builds' parses of the content files (files whose bytes did not change are not parsed again); not
        // read when the output folder was removed, which asks for a full build.
        let parses = BuildState.parsesURL(for: output), program = BuildState.programIdentity()
        let loadedParses = timing.stage("read the parse cache") {
            cache.count == 0 && FileManager.default.fileExists(atPath: output.path)
                ? ParseCacheFiles.load(into: cache, folder: parses, program: program) : ParseCacheFiles.Loaded()
        }
        let prepared: Prepared
        switch timing.stage("load, check, resolve", prepare) {
        case let .ready(ready): prepared = ready
        case let .stopped(outcome): return outcome
        }
        // The loader's and the check's temporaries go back before the pages are made.
        ProcessMemory.releaseFreePages()
        timing.stage("hash the inputs") { raw.noteHashes(contentHashes: prepared.report.content.fileHashes, options: options) }
        let keys = timing.stage("keys") { SiteKeys(prepared.site) }
        let global = timing.stage("fingerprint") {
            BuildState.globalFingerprint(templates: templatesFingerprint ?? 0, staticFiles: prepared.staticFiles,
                                         publicationFiles: prepared.publicationFiles, options: options)
        }
        let fingerprint = BuildState.fingerprint(global: global, content: keys.fileHashes)
        // No output folder, nothing to keep: the state of a site that was removed is not read (it takes a second at
        // province scale, and would be refused anyway).
        // Read once: its keys now, when the comparison above read the rest.
        let state = timing.stage("read the last build's state") {
            FileManager.default.fileExists(atPath: output.path)
                ? (stored?.withKeys() ?? BuildState.load(for: output)).flatMap { $0.describesOutput(output) ? $0 : nil } : nil
        }
        if var state, state.fingerprint == fingerprint {
            // The inputs' stat changed, not their bytes (a file saved again as it was): noted for the next build.
            if state.raw != raw || state.diagnostics != prepared.report.diagnostics {
                state.raw = raw
                state.diagnostics = prepared.report.diagnostics
                try? state.store(for: output)
            }
            return Outcome(diagnostics: prepared.report.diagnostics, ok: true, files: [:], changed: [], rendered: 0, full: false,
                           publications: prepared.publications, manifestHash: state.manifestHash, written: state.files, unchanged: true)
        }
        // Files of the site on disk can be kept only when it was made by the same program, templates and options.
        var previous = state.flatMap { $0.global == global ? $0 : nil }
        let dirty = previous.flatMap { SiteKeys.dirtyKeys(from: $0.keys, to: keys) }
        // The old keys are not read past here: let them go before the pages are made (kept, they were the last
        // build's keys beside this one's until the new state was written).
        previous?.keys = SiteKeys()
        let writer = try SiteWriter(output: output)
        let previousSizes = Dictionary((previous?.files ?? []).map { ($0.path, $0.size) }, uniquingKeysWith: { first, _ in first })
        // Once chosen, the jobs run without their dependency keys (a page's are tens of strings, 36,000 pages at
        // province scale): they are read only to choose.
        let (keptJobs, selected): (Set<String>, [OutputJob]) = {
            let jobs = prepared.jobs { previousSizes[$0] }
            return (Set(jobs.filter { $0.mayKeep(dirty: dirty) }.compactMap(\.id)),
                    jobs.filter { !$0.mayKeep(dirty: dirty) }.map { job in
                        var job = job
                        job.dependencies = []
                        return job
                    })
        }()
        let origins = FileOrigins()
        if let previous {
            let kept = previous.files.filter { previous.jobs[$0.path].map(keptJobs.contains) ?? false }
            for entry in kept { origins.note(entry.path, job: previous.jobs[entry.path]!) }
            timing.stage("link kept files") { writer.link(kept, from: output) }
            writer.reuse(from: output, files: previous.files)
        }
        timing.stage("render and write") { OutputJob.runAll(selected, into: writer, origins: origins) }
        // What the jobs freed (a workbook, the search index, pages) goes back before the state is written.
        ProcessMemory.releaseFreePages()
        let manifest = timing.stage("manifest") { Manifest(entries: writer.entries) }
        writer.write(manifest.file, hashed: false)
        BuildState.remove(for: output)
        try timing.stage("swap into place") { try writer.commit() }
        let written = (writer.entries + [Manifest.Entry(path: Manifest.path, sha256: manifest.hash, size: manifest.file.bytes.count)])
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        // Without the state the next build is a full one, which is always right.
        timing.stage("write the build's state") {
            // A hard link is the previous file itself: its time is known. Every other file's is read.
            var modified: [String: String] = [:]
            let linked = writer.linkedFiles
            for entry in written {
                modified[entry.path] = (linked.contains(entry.path) ? previous?.modified[entry.path] : nil)
                    ?? BuildState.modification(of: output.path + "/" + entry.path)?.time
            }
            try? BuildState(fingerprint: fingerprint, global: global, manifestHash: manifest.hash, files: written, modified: modified,
                            jobs: origins.byPath, keys: keys, raw: raw, diagnostics: prepared.report.diagnostics).store(for: output)
        }
        timing.stage("write the parse cache") {
            ParseCacheFiles.save(cache, live: prepared.report.content.fileHashes, folder: parses, program: program, loaded: loadedParses)
        }
        return Outcome(diagnostics: prepared.report.diagnostics, ok: true, files: [:], changed: [],
                       rendered: selected.filter { $0.page != nil }.count, full: dirty == nil, publications: prepared.publications,
                       manifestHash: manifest.hash, written: written, ran: Set(selected.map(\.kind)))
    }

    /// The last build's outcome when its raw inputs are `raw`'s and the site it wrote is still on disk as it
    /// left it; nil when the build must run (also with `--record`, which needs the publication record, and
    /// with `--strict` when the last build had findings, which stop it). Also the state it read, without its keys.
    private func unchangedSite(_ raw: RawInputs, output: URL) -> (Outcome?, BuildState?) {
        let timing = BuildTiming.shared
        // No output folder: no site to describe, and the state beside it (megabytes at province scale: the
        // benchmark removes the output, not the state) would only be refused by `describesOutput`.
        guard !options.record, FileManager.default.fileExists(atPath: output.path),
              let state = timing.stage("  read the state", { BuildState.load(for: output, keys: false) }) else { return (nil, nil) }
        guard !(options.strict && !state.diagnostics.findings.isEmpty),
              timing.stage("  compare the inputs", { raw.unchanged(since: state.raw, options: options) }),
              timing.stage("  check the output", { state.describesOutput(output) }) else { return (nil, state) }
        return (Outcome(diagnostics: state.diagnostics, ok: true, files: [:], changed: [], rendered: 0, full: false,
                        manifestHash: state.manifestHash, written: state.files, unchanged: true), state)
    }

    /// Whether two files' bytes are the same; without reading them when both are the same storage (a file kept
    /// from the last build), which is most files of a rebuild.
    static func sameBytes(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        let shared = a.withUnsafeBytes { a in b.withUnsafeBytes { b in a.baseAddress != nil && a.baseAddress == b.baseAddress } }
        return shared || a == b
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
}
