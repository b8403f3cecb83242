import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel
import GazetteRender

/// `gazette build`: checks the content, then renders the whole site into the output folder, atomically.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from the content and the templates.",
        discussion: "Nothing is written when the content has errors: the previous site stays as it was."
    )

    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Option(name: .long, help: "The templates folder.")
    var templates: String = "templates"

    @Option(name: .long, help: "The output folder, replaced whole.")
    var output: String = "site"

    @Option(name: .customLong("base-url"), help: "The address the site is published at (overrides site.yaml's base_url).")
    var baseURL: String?

    @Flag(name: .long, help: "Include drafts, marked as drafts.")
    var drafts = false

    @Flag(name: .long, help: "Treat findings as failures: nothing is written.")
    var strict = false

    @Flag(name: .long, help: "Record this publication in the content's publications/ folder when its data changed.")
    var record = false

    func run() throws {
        let contentDirectory = try ContentDirectory.resolve(content)
        let templatesDirectory = try ContentDirectory.resolve(templates, what: "templates")
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            FileHandle.standardError.write(Data("gazette: error: --base-url should be an absolute http(s) URL, like https://x.gov.cn/gmfw/\n".utf8))
            throw ExitCode(2)
        }
        let started = DispatchTime.now()
        let options = Build.Options(content: contentDirectory, templates: templatesDirectory,
                                    output: URL(fileURLWithPath: output, isDirectory: true),
                                    baseURL: baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, drafts: drafts, strict: strict, record: record)
        let result: Build.Result
        do {
            result = try Build.run(options)
        } catch {
            FileHandle.standardError.write(Data("gazette: error: the site could not be written to `\(output)`: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let shownRoot = content.hasSuffix("/") ? content : content + "/"
        var text = DiagnosticFormatter.text(result.diagnostics, contentDirectory: contentDirectory, shownRoot: shownRoot)
        text += DiagnosticFormatter.text(result.templateDiagnostics, contentDirectory: templatesDirectory,
                                         shownRoot: templates.hasSuffix("/") ? templates : templates + "/")
        FileHandle.standardError.write(Data(text.utf8))
        guard result.written else {
            print("gazette build: \(DiagnosticFormatter.summary(result.diagnostics + result.templateDiagnostics)); nothing written, `\(output)` is unchanged")
            throw ExitCode(1)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let pages = result.files.filter { $0.path.hasSuffix(".html") }.count
        if record {
            let shown = content.hasSuffix("/") ? content : content + "/"
            if let recorded = result.recorded {
                print("gazette build: recorded publication \(shown)\(PublicationLog.folder)/\(recorded.lastPathComponent)")
            } else {
                print("gazette build: the data has not changed since the latest publication; nothing recorded")
            }
        }
        print("gazette build: \(pages) pages, \(result.files.count) files in \(output)/ (\(String(format: "%.2f", elapsed)) s); \(DiagnosticFormatter.summary(result.diagnostics))")
    }
}
