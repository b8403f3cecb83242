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

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder, replaced whole.")
    var output: String = "site"

    @Flag(name: .long, help: "Record this publication in the content's publications/ folder when its data changed.")
    var record = false

    func run() throws {
        let options = try site.buildOptions(output: output, record: record)
        let started = DispatchTime.now()
        let result: Build.Result
        do {
            result = try Build.run(options)
        } catch {
            FileHandle.standardError.write(Data("gazette: error: the site could not be written to `\(output)`: \(error)\n".utf8))
            throw ExitCode(2)
        }
        site.printDiagnostics(result, options)
        guard result.written else {
            print("gazette build: \(DiagnosticFormatter.summary(result.diagnostics + result.templateDiagnostics)); nothing written, `\(output)` is unchanged")
            throw ExitCode(1)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let pages = result.writtenFiles.filter { $0.path.hasSuffix(".html") }.count
        if record {
            let shown = site.content.hasSuffix("/") ? site.content : site.content + "/"
            if let recorded = result.recorded {
                print("gazette build: recorded publication \(shown)\(PublicationLog.folder)/\(recorded.lastPathComponent)")
            } else {
                print("gazette build: the data has not changed since the latest publication; nothing recorded")
            }
        }
        let time = String(format: "%.2f", elapsed), summary = DiagnosticFormatter.summary(result.diagnostics)
        let files = "\(pages) pages, \(result.writtenFiles.count) files"
        if result.unchanged {
            print("gazette build: nothing changed since the last build; \(output)/ is as it was: \(files) (\(time) s); \(summary)")
        } else {
            print("gazette build: \(files) in \(output)/ (\(time) s); \(summary)")
        }
    }
}
