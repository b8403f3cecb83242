import Foundation
import GazetteModel

/// Reads a whole `content/` folder into `Content`, with every problem found on the way.
/// Files are read in parallel; results are put back in sorted order, so the output never depends on timing.
public enum ContentLoader {
    public struct Loaded: Sendable {
        public var content: Content
        public var diagnostics: [Diagnostic]
    }

    /// Reads `directory`. With a `cache`, a file whose bytes did not change since the cache last saw it
    /// is not parsed again (`serve` and repeated builds).
    public static func load(from directory: URL, cache: ContentCache? = nil) -> Loaded {
        var files = ContentFiles(root: directory)
        var diagnostics: [Diagnostic] = []
        var content = Content()

        // site.yaml, programme.yaml and regions.yaml first: the records are read against the programme.
        func readSingle<T>(_ name: String, _ read: (YAMLNode, RecordReader) -> T?) -> T? {
            guard files.exists(name) else {
                diagnostics.append(Diagnostic(.missingFile, at: SourceLocation(file: name), Message("E009", ["file": .text(name)]),
                                              help: Message("E009.help")))
                return nil
            }
            let url = directory.appendingPathComponent(name)
            guard files.isInside(url, path: name) else { return nil }
            let reader = RecordReader(file: name)
            let data: Data
            switch TextFile.readData(url, path: name) {
            case let .failure(diagnostic):
                diagnostics.append(diagnostic)
                return nil
            case let .success(bytes): data = bytes
            }
            content.fileHashes[name] = StableHash.of(data)
            let value = readYAML(data, path: name, reader: reader, read: read)
            diagnostics += reader.diagnostics
            return value
        }
        content.site = readSingle("site.yaml") { SiteReader.read($0, reader: $1) }
        content.programme = readSingle("programme.yaml") { ProgrammeReader.read($0, reader: $1) }
        content.regions = readSingle("regions.yaml") { RegionsReader.read($0, reader: $1) }
        // The counties' real outlines for the map, when the content gives them.
        if files.exists(OutlineReader.file), content.regions != nil {
            let url = directory.appendingPathComponent(OutlineReader.file)
            if files.isInside(url, path: OutlineReader.file) {
                switch TextFile.readData(url, path: OutlineReader.file) {
                case let .failure(diagnostic): diagnostics.append(diagnostic)
                case let .success(data):
                    content.fileHashes[OutlineReader.file] = StableHash.of(data)
                    diagnostics += OutlineReader.read(data, regions: &content.regions!)
                }
            }
        }

        // The records, one job per file. Records are read against the programme, so a changed programme
        // changes every cache key.
        let programme = content.programme
        let catalogue = programme.map(ProjectReader.Catalogue.init)
        let salt = content.fileHashes["programme.yaml"] ?? 0
        var jobs: [@Sendable () -> RecordResult] = []
        let organizationFiles = files.files(in: "organizations", extension: "yaml")
        let projectFiles = files.files(in: "projects", extension: "yaml")
        let noticeFiles = files.files(in: "notices", extension: "md")
        let pageFiles = files.files(in: "pages", extension: "md")
        content.fileIDs = ["organization": Set(organizationFiles.map(\.name)), "project": Set(projectFiles.map(\.name)),
                           "notice": Set(noticeFiles.map(\.name)), "page": Set(pageFiles.map(\.name))]
        for file in organizationFiles {
            jobs.append {
                record(file, kind: "organization", cache: cache, salt: salt) { root, id, reader, markdown in
                    OrganizationReader.read(root, id: id, programme: programme, reader: reader, markdown: &markdown)
                        .map(RecordResult.Value.organization)
                }
            }
        }
        for file in projectFiles {
            jobs.append {
                record(file, kind: "project", cache: cache, salt: salt) { root, id, reader, markdown in
                    ProjectReader.read(root, id: id, catalogue: catalogue, reader: reader, markdown: &markdown)
                        .map(RecordResult.Value.project)
                }
            }
        }
        for file in files.files(in: "ledger", extension: "csv") {
            jobs.append {
                cached(file, cache: cache, salt: 0) { data in
                    // A ledger may come from Excel or WPS in GBK or UTF-16: read in the encoding its bytes are in.
                    let utf8: (data: Data, encoding: TextEncoding)
                    switch EncodingDetector.utf8(data, path: file.path) {
                    case let .failure(diagnostic): return RecordResult(diagnostics: [diagnostic])
                    case let .success(converted): utf8 = converted
                    }
                    switch TextFile.decode(utf8.data, path: file.path) {
                    case let .failure(diagnostic): return RecordResult(diagnostics: [diagnostic])
                    case let .success(text):
                        let (entries, diagnostics) = LedgerReader.read(text.text, file: file.path)
                        var result = RecordResult(value: .ledger(entries), diagnostics: diagnostics)
                        if utf8.encoding != .utf8 { result.encoding = utf8.encoding.rawValue }
                        return result
                    }
                }
            }
        }
        for (folderFiles, isNotice) in [(noticeFiles, true), (pageFiles, false)] {
            for file in folderFiles {
                jobs.append {
                    markdownRecord(file, kind: isNotice ? "notice" : "page", cache: cache) { text, slug, reader, markdown in
                        isNotice
                            ? NoticeReader.readNotice(text, slug: slug, reader: reader, markdown: &markdown).map(RecordResult.Value.notice)
                            : NoticeReader.readPage(text, slug: slug, reader: reader, markdown: &markdown).map(RecordResult.Value.page)
                    }
                }
            }
        }
        content.assets = files.allFiles(under: "assets")
        diagnostics += files.diagnostics

        // Kind → ID → the file that has it.
        var seenIDs: [String: [String: String]] = [:]
        content.fileHashes.reserveCapacity(content.fileHashes.count + jobs.count)
        content.organizations.reserveCapacity(organizationFiles.count)
        content.projects.reserveCapacity(projectFiles.count)
        content.notices.reserveCapacity(noticeFiles.count)
        for result in ParallelMap.run(jobs) {
            if let path = result.path { content.fileHashes[path] = result.fileHash }
            if let path = result.path, let encoding = result.encoding { content.fileEncodings[path] = encoding }
            diagnostics += result.diagnostics
            content.markdown += result.markdown
            guard let value = result.value else { continue }
            func unique(_ kind: String, _ id: String, _ location: SourceLocation) -> Bool {
                if let first = seenIDs[kind]?[id] {
                    diagnostics.append(Diagnostic(.duplicateID, at: location,
                                                  Message("E202", ["kind": .word("what.\(kind)"), "id": .text(id), "other": .text(first)]),
                                                  help: Message("E202.help")))
                    return false
                }
                seenIDs[kind, default: [:]][id] = location.file
                return true
            }
            switch value {
            case let .organization(o): if unique("organization", o.id, o.locations.start) { content.organizations.append(o) }
            case let .project(p): if unique("project", p.id, p.locations.start) { content.projects.append(p) }
            case let .ledger(entries): content.ledger += entries
            case let .notice(n): if unique("notice", n.slug, n.locations.start) { content.notices.append(n) }
            case let .page(p): if unique("page", p.slug, p.locations.start) { content.pages.append(p) }
            }
        }
        return Loaded(content: content, diagnostics: diagnostics)
    }

    /// `site.yaml` alone, for settings needed before a whole build (the preview server's base path).
    public static func siteSettings(in directory: URL) -> Site? {
        guard case let .success(data) = TextFile.readData(directory.appendingPathComponent("site.yaml"), path: "site.yaml") else {
            return nil
        }
        return readYAML(data, path: "site.yaml", reader: RecordReader(file: "site.yaml")) { SiteReader.read($0, reader: $1) }
    }

    /// What reading one file gave.
    struct RecordResult: Sendable {
        /// Boxed (`indirect`): a project is several hundred bytes of struct, and the results of a province's tens of
        /// thousands of files are all held at once (the jobs' results, the cache) beside the records in `Content`.
        indirect enum Value: Sendable {
            case organization(Organization)
            case project(Project)
            case ledger([LedgerEntry])
            case notice(Notice)
            case page(Page)
        }
        var value: Value?
        var diagnostics: [Diagnostic]
        var markdown: [MarkdownText] = []
        /// The file read, and the hash of its bytes.
        var path: String? = nil
        var fileHash: UInt64 = 0
        /// The encoding the file was read in, when not plain UTF-8 (noted by `check`).
        var encoding: String? = nil
    }

    typealias File = ContentFiles.File

    private static func checkedID(_ file: File, kind: String) -> Diagnostic? {
        guard ID.isValid(file.name) else {
            return Diagnostic(.badID, at: SourceLocation(file: file.path),
                              Message("E201", ["id": .text(String(file.name.prefix(80))), "kind": .word("what.\(kind)")]),
                              help: Message("E201.help"))
        }
        return nil
    }

    /// Reads a file's bytes and parses them, unless the cache holds the result for the same bytes.
    private static func cached(_ file: File, cache: ContentCache?, salt: UInt64, parse: (Data) -> RecordResult) -> RecordResult {
        // A file whose `stat` is the one it had when it was last read, long after it was last changed, is not read again.
        let identity = cache == nil ? nil : FileIdentity.of(file.fileName, in: file.folder.descriptor)
        let readStart = FileIdentity.now()
        if let identity, let hit = cache?.lookup(file.path, unchanged: identity, salt: salt) { return hit }
        let data: Data
        switch TextFile.readData(atPath: file.fullPath, in: (file.folder.descriptor, file.fileName), url: { file.url }, path: file.path) {
        case let .failure(diagnostic):
            cache?.note(file.path, identity: nil, readStart: readStart, salt: salt)
            return RecordResult(diagnostics: [diagnostic], path: file.path)
        case let .success(bytes): data = bytes
        }
        let hash = StableHash.of(data)
        let key = hash ^ salt
        if let hit = cache?.lookup(file.path, key: key) {
            cache?.note(file.path, identity: identity, readStart: readStart, salt: salt)
            return hit
        }
        var result = parse(data)
        result.path = file.path
        result.fileHash = hash
        cache?.store(file.path, key: key, result)
        cache?.note(file.path, identity: identity, readStart: readStart, salt: salt)
        return result
    }

    private static func record(_ file: File, kind: String, cache: ContentCache?, salt: UInt64,
                               _ read: @escaping (YAMLNode, String, RecordReader, inout [MarkdownText]) -> RecordResult.Value?) -> RecordResult {
        if let problem = checkedID(file, kind: kind) { return RecordResult(diagnostics: [problem]) }
        return cached(file, cache: cache, salt: salt) { data in
            let reader = RecordReader(file: file.path)
            var markdown: [MarkdownText] = []
            let value = readYAML(data, path: file.path, reader: reader) { root, reader in
                read(root, file.name, reader, &markdown)
            }
            return RecordResult(value: value, diagnostics: reader.diagnostics, markdown: markdown)
        }
    }

    private static func markdownRecord(_ file: File, kind: String, cache: ContentCache?,
                                       _ read: @escaping (String, String, RecordReader, inout [MarkdownText]) -> RecordResult.Value?) -> RecordResult {
        if let problem = checkedID(file, kind: kind) { return RecordResult(diagnostics: [problem]) }
        return cached(file, cache: cache, salt: 0) { data in
            switch TextFile.decode(data, path: file.path) {
            case let .failure(diagnostic): return RecordResult(diagnostics: [diagnostic])
            case let .success(text):
                let reader = RecordReader(file: file.path)
                var markdown: [MarkdownText] = []
                let value = read(text.text, file.name, reader, &markdown)
                return RecordResult(value: value, diagnostics: reader.diagnostics, markdown: markdown)
            }
        }
    }

    /// Reads a YAML file's bytes and hands its root to `read`; an empty file or a syntax error is reported.
    private static func readYAML<T>(_ data: Data, path: String, reader: RecordReader,
                                    read: (YAMLNode, RecordReader) -> T?) -> T? {
        let text: TextFile
        switch TextFile.decode(data, path: path) {
        case let .failure(diagnostic):
            reader.report(diagnostic)
            return nil
        case let .success(file): text = file
        }
        switch YAMLParser.parse(text.text, file: path) {
        case let .failure(failure):
            reader.report(failure.diagnostic)
            return nil
        case .success(nil):
            reader.report(.missingField, at: SourceLocation(file: path, line: 1, column: 1), Message("E101.emptyFile"),
                          help: Message("E101.emptyFile.help"))
            return nil
        case let .success(root?):
            return read(root, reader)
        }
    }
}

extension ContentLoader.RecordResult {
    init(diagnostics: [Diagnostic], path: String? = nil) {
        self.init(value: nil, diagnostics: diagnostics, path: path)
    }
}

/// Parsed files by path and by the hash of their bytes: a file read again with the same bytes is not
/// parsed again. Safe to use from the loader's parallel jobs.
/// `@unchecked Sendable`: `entries` is read and written only with `lock` held (the loader's parallel jobs share one cache).
public final class ContentCache: @unchecked Sendable {
    let lock = NSLock()
    /// Internal for `ParseCacheFiles`, which fills and saves it; read and written only with `lock` held.
    var entries: [String: (key: UInt64, result: ContentLoader.RecordResult)] = [:]
    /// How long before a read a file must have last changed for its `stat` to be trusted (nanoseconds): a change
    /// within the same tick of the file system's clock would leave its times as they were (git's "racy" rule).
    let settled: Int64

    public init(settled: Int64 = 2_000_000_000) { self.settled = settled }

    func lookup(_ path: String, key: UInt64) -> ContentLoader.RecordResult? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.key == key else { return nil }
        return entry.result
    }

    func store(_ path: String, key: UInt64, _ result: ContentLoader.RecordResult) {
        lock.lock()
        entries[path] = (key, result)
        lock.unlock()
    }

    /// What `stat` said of each file before its bytes in `entries` were read, when those times can be trusted.
    private var identities: [String: (identity: FileIdentity, salt: UInt64)] = [:]

    /// The result for the file when its `stat` is still the one noted with it (and the salt the same).
    func lookup(_ path: String, unchanged identity: FileIdentity, salt: UInt64) -> ContentLoader.RecordResult? {
        lock.lock()
        defer { lock.unlock() }
        guard let noted = identities[path], noted.identity == identity, noted.salt == salt else { return nil }
        return entries[path]?.result
    }

    /// Notes the `stat` the file had before the bytes of its entry were read (at `readStart`), when its times can
    /// be trusted: it was last changed more than `settled` before; else (or nil) the file is read next time.
    func note(_ path: String, identity: FileIdentity?, readStart: Int64, salt: UInt64) {
        let trusted = identity.flatMap { max($0.modified, $0.changed) < readStart - settled ? $0 : nil }
        lock.lock()
        identities[path] = trusted.map { ($0, salt) }
        lock.unlock()
    }

    /// How many files the cache holds, for tests and reports.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}

