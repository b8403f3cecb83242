import Foundation
import Testing

/// Only GazetteContent reads or writes the editors' files (docs/architecture.md). Every other source file that
/// calls a file-system API is listed here with what it touches; a new call anywhere else fails until it is
/// either moved into GazetteContent (`ContentFolder`, the loader) or listed with a reason that is not
/// `content/`. The modules that make pages and data from values touch no files at all.
@Suite("Access to content/ only through GazetteContent")
struct ContentAccessTests {
    static let allowed: [String: String] = [
        "GazetteBuild/Build.swift": "the output folder (IncrementalBuild.write(to:))",
        "GazetteBuild/BuildState.swift": "the build's state file and manifest in the output folder",
        "GazetteBuild/IncrementalBuild.swift": "the templates folder's fingerprint",
        "GazetteImport/ImportTable.swift": "the table the editor imports (.xlsx or .csv), wherever it is",
        "GazetteOutput/BuildTiming.swift": "/proc/self/status, for GAZETTE_TIMING's resident-memory figures",
        "GazetteOutput/OutputJobs.swift": "the staging folder of the output",
        "GazetteOutput/SiteWriter.swift": "the output folder: staging, hard links, the atomic swap",
        "GazettePublish/ReleaseStore.swift": "the web server's releases folder",
        "GazettePublish/RemoteStore.swift": "the web server's releases folder over SSH (temporary files)",
        "GazettePublish/SiteBundle.swift": "the built site that is published",
        "GazetteServe/FileWatcher.swift": "names and modification times of the watched folders, never a file's bytes",
        "GazetteSpreadsheet/XLSXReader.swift": "the workbook named by the caller",
        "GazetteTemplates/Strings.swift": "templates/i18n",
        "GazetteTemplates/TemplateSet.swift": "the templates folder",
        "gazette/CheckCommand.swift": "whether the folder named on the command line exists",
        "gazette/ImportCommand.swift": "the template workbook written where the editor asks",
    ]

    /// Modules that turn values into values: no file access at all.
    static let pure = ["GazetteModel", "GazetteMarkdown", "GazetteSite", "GazettePages", "GazetteMachineFiles"]

    static var fileAPI: Regex<AnyRegexOutput> { try! Regex(#"FileManager|Data\(contentsOf|contentsOfFile|String\(contentsOf|\.write\(to:|FileHandle\(|fopen\(|[^a-zA-Z_.]open\(|opendir\(|[^a-zA-Z_.]rename\(|[^a-zA-Z_.]unlink\(|[^a-zA-Z_.]mkdir\("#) }

    /// Source files outside GazetteContent that call a file-system API, as `Module/File.swift`.
    static func filesUsingTheFileSystem() throws -> Set<String> {
        let sources = Fixture.packageRoot.appendingPathComponent("Sources")
        var found: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(sources.path.count + 1))
            if relative.hasPrefix("GazetteContent/") { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            // Comments do not touch files.
            let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            if code.contains(fileAPI) { found.insert(relative) }
        }
        return found
    }

    @Test func fileAccessOutsideTheContentModuleIsListedWithItsReason() throws {
        let found = try Self.filesUsingTheFileSystem()
        let unlisted = found.subtracting(Self.allowed.keys).sorted()
        #expect(unlisted == [], "these files touch the file system outside GazetteContent: move content/ access into ContentFolder, or list what they touch")
        let stale = Set(Self.allowed.keys).subtracting(found).sorted()
        #expect(stale == [], "listed but no longer touching files: remove from the list")
    }

    @Test func theModulesThatMakePagesTouchNoFiles() throws {
        let found = try Self.filesUsingTheFileSystem()
        for module in Self.pure {
            #expect(found.filter { $0.hasPrefix(module + "/") }.sorted() == [], "\(module) must not touch files")
        }
        #expect(Self.allowed.keys.allSatisfy { key in !Self.pure.contains { key.hasPrefix($0 + "/") } })
    }

    /// The rule catches what it is for: the serve overlay's old direct read of a content file.
    @Test func theRuleSeesADirectRead() throws {
        let line = #"if let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) {"#
        #expect(line.contains(Self.fileAPI))
        #expect(!"let data = ContentFolder(root).data(path)".contains(Self.fileAPI))
    }
}
