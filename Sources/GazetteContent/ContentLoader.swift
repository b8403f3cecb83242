import Foundation
import GazetteModel

/// Reads a whole `content/` folder into `Content`, with every problem found on the way.
/// Files are read in parallel; results are put back in sorted order, so the output never depends on timing.
public enum ContentLoader {
    public struct Loaded: Sendable {
        public var content: Content
        public var diagnostics: [Diagnostic]
    }

    public static func load(from directory: URL) -> Loaded {
        var files = ContentFiles(root: directory)
        var diagnostics: [Diagnostic] = []
        var content = Content()

        // site.yaml, programme.yaml and regions.yaml first: the records are read against the programme.
        func readSingle<T>(_ name: String, _ read: (YAMLNode, RecordReader) -> T?) -> T? {
            guard files.exists(name) else {
                diagnostics.append(Diagnostic(.missingFile, at: SourceLocation(file: name), "`\(name)` is missing.",
                                              suggestion: "Every content folder has site.yaml, programme.yaml and regions.yaml; see docs/content-format.md."))
                return nil
            }
            let url = directory.appendingPathComponent(name)
            guard files.isInside(url, path: name) else { return nil }
            let reader = RecordReader(file: name)
            let value = readYAML(url, path: name, reader: reader, read: read)
            diagnostics += reader.diagnostics
            return value
        }
        content.site = readSingle("site.yaml") { SiteReader.read($0, reader: $1) }
        content.programme = readSingle("programme.yaml") { ProgrammeReader.read($0, reader: $1) }
        content.regions = readSingle("regions.yaml") { RegionsReader.read($0, reader: $1) }

        // The records, one job per file.
        let programme = content.programme
        var jobs: [@Sendable () -> RecordResult] = []
        let organizationFiles = files.files(in: "organizations", extension: "yaml")
        let projectFiles = files.files(in: "projects", extension: "yaml")
        let noticeFiles = files.files(in: "notices", extension: "md")
        let pageFiles = files.files(in: "pages", extension: "md")
        content.fileIDs = ["organization": Set(organizationFiles.map(\.name)), "project": Set(projectFiles.map(\.name)),
                           "notice": Set(noticeFiles.map(\.name)), "page": Set(pageFiles.map(\.name))]
        for file in organizationFiles {
            jobs.append {
                record(file, kind: "organization") { root, id, reader, markdown in
                    OrganizationReader.read(root, id: id, programme: programme, reader: reader, markdown: &markdown)
                        .map(RecordResult.Value.organization)
                }
            }
        }
        for file in projectFiles {
            jobs.append {
                record(file, kind: "project") { root, id, reader, markdown in
                    ProjectReader.read(root, id: id, programme: programme, reader: reader, markdown: &markdown)
                        .map(RecordResult.Value.project)
                }
            }
        }
        for file in files.files(in: "ledger", extension: "csv") {
            jobs.append {
                switch TextFile.read(file.url, path: file.path) {
                case let .failure(diagnostic): return RecordResult(diagnostics: [diagnostic])
                case let .success(text):
                    let (entries, diagnostics) = LedgerReader.read(text.text, file: file.path)
                    return RecordResult(value: .ledger(entries), diagnostics: diagnostics)
                }
            }
        }
        for (folderFiles, isNotice) in [(noticeFiles, true), (pageFiles, false)] {
            for file in folderFiles {
                jobs.append {
                    markdownRecord(file, kind: isNotice ? "notice" : "page") { text, slug, reader, markdown in
                        isNotice
                            ? NoticeReader.readNotice(text, slug: slug, reader: reader, markdown: &markdown).map(RecordResult.Value.notice)
                            : NoticeReader.readPage(text, slug: slug, reader: reader, markdown: &markdown).map(RecordResult.Value.page)
                    }
                }
            }
        }
        content.assets = files.allFiles(under: "assets")
        diagnostics += files.diagnostics

        var seenIDs: [String: String] = [:]
        for result in ParallelMap.run(jobs) {
            diagnostics += result.diagnostics
            content.markdown += result.markdown
            guard let value = result.value else { continue }
            func unique(_ kind: String, _ id: String, _ location: SourceLocation) -> Bool {
                if let first = seenIDs["\(kind):\(id)"] {
                    diagnostics.append(Diagnostic(.duplicateID, at: location, "Two \(kind)s have the ID `\(id)`; the other is \(first).",
                                                  suggestion: "IDs are file names; rename one of the files."))
                    return false
                }
                seenIDs["\(kind):\(id)"] = location.file
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

    /// What reading one file gave.
    struct RecordResult: Sendable {
        enum Value: Sendable {
            case organization(Organization)
            case project(Project)
            case ledger([LedgerEntry])
            case notice(Notice)
            case page(Page)
        }
        var value: Value?
        var diagnostics: [Diagnostic]
        var markdown: [MarkdownText] = []
    }

    typealias File = (url: URL, path: String, name: String)

    private static func checkedID(_ file: File, kind: String) -> Diagnostic? {
        guard ID.isValid(file.name) else {
            return Diagnostic(.badID, at: SourceLocation(file: file.path),
                              "`\(file.name.prefix(80))` is not a valid \(kind) ID: lowercase letters a–z, digits and `-`, at most 64, starting with a letter or digit.",
                              suggestion: "Rename the file, for example `qh2017-xn-001`; the ID becomes the page's address.")
        }
        return nil
    }

    private static func record(_ file: File, kind: String,
                               _ read: (YAMLNode, String, RecordReader, inout [MarkdownText]) -> RecordResult.Value?) -> RecordResult {
        if let problem = checkedID(file, kind: kind) { return RecordResult(diagnostics: [problem]) }
        let reader = RecordReader(file: file.path)
        var markdown: [MarkdownText] = []
        let value = readYAML(file.url, path: file.path, reader: reader) { root, reader in
            read(root, file.name, reader, &markdown)
        }
        return RecordResult(value: value, diagnostics: reader.diagnostics, markdown: markdown)
    }

    private static func markdownRecord(_ file: File, kind: String,
                                       _ read: (String, String, RecordReader, inout [MarkdownText]) -> RecordResult.Value?) -> RecordResult {
        if let problem = checkedID(file, kind: kind) { return RecordResult(diagnostics: [problem]) }
        switch TextFile.read(file.url, path: file.path) {
        case let .failure(diagnostic): return RecordResult(diagnostics: [diagnostic])
        case let .success(text):
            let reader = RecordReader(file: file.path)
            var markdown: [MarkdownText] = []
            let value = read(text.text, file.name, reader, &markdown)
            return RecordResult(value: value, diagnostics: reader.diagnostics, markdown: markdown)
        }
    }

    /// Reads a YAML file and hands its root to `read`; an empty file or a syntax error is reported.
    private static func readYAML<T>(_ url: URL, path: String, reader: RecordReader,
                                    read: (YAMLNode, RecordReader) -> T?) -> T? {
        let text: TextFile
        switch TextFile.read(url, path: path) {
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
            reader.report(.missingField, at: SourceLocation(file: path, line: 1, column: 1), "The file is empty.",
                          suggestion: "Fill it in; docs/content-format.md shows what it holds.")
            return nil
        case let .success(root?):
            return read(root, reader)
        }
    }
}

extension ContentLoader.RecordResult {
    init(diagnostics: [Diagnostic]) {
        self.init(value: nil, diagnostics: diagnostics)
    }
}

