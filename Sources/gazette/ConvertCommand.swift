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
        let manager = FileManager.default
        var path = file
        if !manager.fileExists(atPath: path), manager.fileExists(atPath: content + "/" + file) { path = content + "/" + file }
        guard let data = manager.contents(atPath: path) else {
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
        let backup = Self.backupURL(for: url)
        do {
            try manager.copyItem(at: url, to: backup)
            try converted.write(to: url, options: .atomic)
        } catch {
            Say.error("cli.convert.failed", language, ["file": .text(path), "reason": .text(error.localizedDescription)])
            throw ExitCode(2)
        }
        let shownBackup = (path as NSString).deletingLastPathComponent.isEmpty ? backup.lastPathComponent
            : (path as NSString).deletingLastPathComponent + "/" + backup.lastPathComponent
        print(Say.text("cli.convert.done", language, ["file": .text(path), "encoding": .text(encoding.rawValue),
                                                      "backup": .text(shownBackup)]))
    }

    /// `.NAME.bak`, or `.NAME.2.bak` … when that exists: a backup is never overwritten.
    static func backupURL(for url: URL) -> URL {
        let folder = url.deletingLastPathComponent()
        var candidate = folder.appendingPathComponent(".\(url.lastPathComponent).bak")
        var number = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent(".\(url.lastPathComponent).\(number).bak")
            number += 1
        }
        return candidate
    }
}
