import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// `--lang zh-CN|en`: the language of every message. Without it, `GAZETTE_LANG`, then the site's `language`.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: Help.text("help.lang.lang"))
    var lang: String?

    func validate() throws {
        if let lang, Language(code: lang) == nil {
            throw ValidationError(Help.text("usage.lang", ["value": .text(lang)]))
        }
    }

    /// The language for the content in `contentDirectory` (its site.yaml read for `language` if needed).
    func language(content contentDirectory: URL?) -> Language {
        if let lang, let language = Language(code: lang) { return language }
        if let variable = ProcessInfo.processInfo.environment["GAZETTE_LANG"], let language = Language(code: variable) { return language }
        let site = contentDirectory.flatMap { ContentLoader.siteSettings(in: $0)?.language }
        return Language.resolve(option: nil, environment: [:], site: site)
    }

    /// Before the content folder is known to exist: the option or the variable, else Chinese.
    var early: Language { language(content: nil) }
}

/// A line of the command line's own text, from the catalogue.
enum Say {
    static func text(_ key: String, _ language: Language, _ arguments: [String: MessageArgument] = [:]) -> String {
        Message(key, arguments).text(in: language)
    }

    static func error(_ key: String, _ language: Language, _ arguments: [String: MessageArgument] = [:]) {
        error(Message(key, arguments), language)
    }

    /// `gazette:错误:…` on standard error; control characters (from a path or a server's reply) made visible.
    static func error(_ message: Message, _ language: Language) {
        let line = text("cli.errorPrefix", language) + message.text(in: language)
        FileHandle.standardError.write(Data((line.withVisibleControls(keepingNewlines: true) + "\n").utf8))
    }
}
