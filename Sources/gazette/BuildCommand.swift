import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel
import GazetteBuild
import GazetteSite

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
            Say.error("cli.build.writeFailed", site.language, ["output": .text(output), "reason": .text("\(error)")])
            throw ExitCode(2)
        }
        site.printDiagnostics(result, options)
        let language = site.language
        guard result.written else {
            print(Say.text("cli.build.nothingWritten", language, [
                "summary": .text(DiagnosticFormatter.summary(result.diagnostics + result.templateDiagnostics, language: language)),
                "output": .text(output)]))
            throw ExitCode(1)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let pages = result.writtenFiles.filter { $0.path.hasSuffix(".html") }.count
        if record {
            let shown = site.content.hasSuffix("/") ? site.content : site.content + "/"
            if let recorded = result.recorded {
                print(Say.text("cli.build.recorded", language, ["file": .text("\(shown)\(PublicationLog.folder)/\(recorded.lastPathComponent)")]))
            } else {
                print(Say.text("cli.build.notRecorded", language))
            }
        }
        let values: [String: MessageArgument] = [
            "time": .text(String(format: "%.2f", elapsed)), "summary": .text(DiagnosticFormatter.summary(result.diagnostics, language: language)),
            "pages": .number(pages), "files": .number(result.writtenFiles.count), "output": .text(output)]
        print(Say.text(result.unchanged ? "cli.build.unchanged" : "cli.build.done", language, values))
    }
}
