import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// `gazette convert FILE`: rewrites a content file saved as GBK/GB18030 or UTF-16 as UTF-8, keeping the
/// original beside it as a hidden backup (`.NAME.bak`, which `check` does not read).
struct ConvertCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "convert",
            abstract: Help.text("help.convert.abstract"),
            discussion: Help.text("help.convert.discussion")
        )
    }

    @Argument(help: Help.text("help.convert.file"))
    var file: String

    @Option(name: .long, help: Help.text("help.convert.content"))
    var content: String = "content"

    @OptionGroup var lang: LanguageOption

    func run() throws {
        let language = lang.language(content: URL(fileURLWithPath: content, isDirectory: true))
        let path = ContentFolder(URL(fileURLWithPath: content, isDirectory: true)).locate(file)
        guard let data = ContentFolder.data(atPath: path) else {
            Say.error("cli.convert.missing", language, ["file": .text(file)])
            throw ExitCode(2)
        }
        guard let encoding = EncodingDetector.detect(data) else {
            Say.error("cli.convert.binary", language, ["file": .text(path)])
            throw ExitCode(1)
        }
        if encoding == .utf8 || encoding == .utf8BOM {
            print(Say.text("cli.convert.already", language, ["file": .text(path)]))
            return
        }
        let converted: Data
        switch EncodingDetector.utf8(data, path: file) {
        case let .failure(diagnostic):
            let directory = URL(fileURLWithPath: (path as NSString).deletingLastPathComponent)
            let text = DiagnosticFormatter.text([diagnostic], contentDirectory: directory,
                                                shownRoot: "", language: language)
            FileHandle.standardError.write(Data(text.replacingOccurrences(of: file + ":", with: path + ":").utf8))
            throw ExitCode(1)
        case let .success(result): converted = result.data
        }
        let url = URL(fileURLWithPath: path)
        let backup: URL
        do {
            backup = try ContentFolder.backUp(url)
            try ContentFolder.replace(url, with: converted)
        } catch {
            Say.error("cli.convert.failed", language, ["file": .text(path), "reason": .text(error.localizedDescription)])
            throw ExitCode(2)
        }
        let shownBackup = (path as NSString).deletingLastPathComponent.isEmpty ? backup.lastPathComponent
            : (path as NSString).deletingLastPathComponent + "/" + backup.lastPathComponent
        print(Say.text("cli.convert.done", language, ["file": .text(path), "encoding": .text(encoding.rawValue),
                                                      "backup": .text(shownBackup)]))
    }
}

