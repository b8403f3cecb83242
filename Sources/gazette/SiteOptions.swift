import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel
import GazetteBuild

/// The options `build` and `publish` share: what to build from, and how.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Option(name: .long, help: "The templates folder.")
    var templates: String = "templates"

    @Option(name: .customLong("base-url"), help: "The address the site is published at (overrides site.yaml's base_url).")
    var baseURL: String?

    @Flag(name: .long, help: "Include drafts, marked as drafts.")
    var drafts = false

    @Flag(name: .long, help: "Treat findings as failures: nothing is written or published.")
    var strict = false

    @OptionGroup var lang: LanguageOption

    /// The language of messages, for this content.
    var language: Language { lang.language(content: URL(fileURLWithPath: content, isDirectory: true)) }

    /// The folders checked to exist and the base URL checked to be absolute; usage errors exit with 2.
    func buildOptions(output: String, record: Bool = false) throws -> Build.Options {
        let contentDirectory = try ContentDirectory.resolve(content, language: lang.early)
        let templatesDirectory = try ContentDirectory.resolve(templates, what: "templates", language: lang.early)
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            Say.error("cli.badBaseURL", language)
            throw ExitCode(2)
        }
        return Build.Options(content: contentDirectory, templates: templatesDirectory,
                             output: URL(fileURLWithPath: output, isDirectory: true),
                             baseURL: baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, drafts: drafts, strict: strict,
                             record: record)
    }

    /// Prints a build's diagnostics as `check` does, content and templates each under the folder as typed.
    func printDiagnostics(_ result: Build.Result, _ options: Build.Options) {
        var text = DiagnosticFormatter.text(result.diagnostics, contentDirectory: options.content,
                                            shownRoot: content.hasSuffix("/") ? content : content + "/", language: language)
        text += DiagnosticFormatter.text(result.templateDiagnostics, contentDirectory: options.templates,
                                         shownRoot: templates.hasSuffix("/") ? templates : templates + "/", language: language)
        FileHandle.standardError.write(Data(text.utf8))
    }
}
