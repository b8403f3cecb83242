import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// The language of the command line's own text (help, usage errors), chosen before the arguments are parsed:
/// ArgumentParser reads each command's abstract and each option's help while it parses, so they must already
/// be in the right language. The same order as `LanguageOption`: `--lang`, `GAZETTE_LANG`, the `language`
/// of the site in `--content` (or ./content), else Chinese.
enum CommandLineLanguage {
    static let current: Language = resolve(arguments: Array(CommandLine.arguments.dropFirst()),
                                           environment: ProcessInfo.processInfo.environment)

    static func resolve(arguments: [String], environment: [String: String]) -> Language {
        let option = value(of: "--lang", in: arguments)
        if let option, let language = Language(code: option) { return language }
        if let variable = environment["GAZETTE_LANG"], let language = Language(code: variable) { return language }
        let content = value(of: "--content", in: arguments) ?? "content"
        let site = ContentLoader.siteSettings(in: URL(fileURLWithPath: content, isDirectory: true))?.language
        return Language.resolve(option: nil, environment: [:], site: site)
    }

    /// `--name VALUE` or `--name=VALUE` (the last one given).
    static func value(of name: String, in arguments: [String]) -> String? {
        var found: String?
        for (index, argument) in arguments.enumerated() {
            if argument == name, index + 1 < arguments.count { found = arguments[index + 1] }
            if argument.hasPrefix(name + "=") { found = String(argument.dropFirst(name.count + 1)) }
        }
        return found
    }
}

/// Help text from the catalogue, in the command line's language.
enum Help {
    static func text(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String {
        Message(key, arguments).text(in: CommandLineLanguage.current)
    }

    static func text(_ key: String) -> ArgumentHelp { ArgumentHelp(text(key, [:])) }
}

/// ArgumentParser's own sentences (usage errors, help headings) in Chinese: it writes them in English only,
/// so its text is rewritten line by line from known forms (`usage.…` in the catalogue). Anything it says
/// that is not a known form is left as it is.
enum UsageText {
    static func translate(_ text: String, to language: Language) -> String {
        guard language != .en, !text.isEmpty else { return text }
        func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
            Message(key, arguments.mapValues(MessageArgument.text)).text(in: language)
        }
        /// `'text' and 'json'`, `text, json` → `text、json`.
        func values(_ text: String) -> String {
            text.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " and ", with: ", ")
                .replacingOccurrences(of: " or ", with: ", ").components(separatedBy: ", ").joined(separator: "、")
        }
        var out = text
        let sentences: [(pattern: String, make: ([String]) -> String)] = [
            (#"Missing expected argument '([^']*)'"#, { say("usage.missing", ["argument": $0[0]]) }),
            (#"Unknown option '([^']*)'\."#, { say("usage.unknownOption", ["option": $0[0]]) + say("cli.comma") }),
            (#"Unknown option '([^']*)'"#, { say("usage.unknownOption", ["option": $0[0]]) }),
            (#"Did you mean '([^']*)'\?"#, { say("usage.didYouMean", ["option": $0[0]]) }),
            (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of ([^\n]*)\."#,
             { say("usage.invalidValue", ["value": $0[0], "argument": $0[1]]) + say("cli.comma") + say("usage.values", ["values": values($0[2])]) }),
            (#"The value '([^']*)' is invalid for '([^']*)'"#, { say("usage.invalidValue", ["value": $0[0], "argument": $0[1]]) }),
            (#"Missing value for '([^']*)'"#, { say("usage.missingValue", ["option": $0[0]]) }),
            (#"\d+ unexpected arguments: ([^\n]*)"#, { say("usage.unexpected", ["argument": values($0[0])]) }),
            (#"Unexpected argument '([^']*)'"#, { say("usage.unexpected", ["argument": $0[0]]) }),
            (#"See '([^']*) --help' for more information\."#, { say("usage.seeHelp", ["command": $0[0]]) }),
            (#"See '([^']*) help <subcommand>' for detailed help\."#, { say("usage.subcommandHelp", ["command": $0[0]]) }),
            (#"\(values:\s+([^;)]*);\s+default:\s+([^)]*)\)"#,
             { say("usage.values", ["values": values($0[0])]) + say("usage.default", ["value": $0[1]]) }),
            (#"\(values:\s+([^)]*)\)"#, { say("usage.values", ["values": values($0[0])]) }),
            (#"\(default:\s+([^)]*)\)"#, { say("usage.default", ["value": $0[0]]) }),
            (#"Show help information\."#, { _ in say("usage.showHelp") }),
            (#"(?m)^Error: "#, { _ in say("usage.error") }),
            (#"(?m)^Help:  "#, { _ in say("usage.help") }),
            (#"(?m)^Usage: "#, { _ in say("usage.usage") }),
            (#"(?m)^OVERVIEW: "#, { _ in say("usage.heading.overview") }),
            (#"(?m)^USAGE: "#, { _ in say("usage.heading.usage") }),
            (#"(?m)^ARGUMENTS:"#, { _ in say("usage.heading.arguments") }),
            (#"(?m)^OPTIONS:"#, { _ in say("usage.heading.options") }),
            (#"(?m)^SUBCOMMANDS:"#, { _ in say("usage.heading.subcommands") }),
        ]
        for (pattern, make) in sentences {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            var result = ""
            var last = out.startIndex
            for match in expression.matches(in: out, range: NSRange(out.startIndex..., in: out)) {
                guard let range = Range(match.range, in: out) else { continue }
                let groups = (1..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: out).map { String(out[$0]) } ?? ""
                }
                result += out[last..<range.lowerBound] + make(groups)
                last = range.upperBound
            }
            out = result + out[last...]
        }
        return out
    }
}
