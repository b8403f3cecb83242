import ArgumentParser
import Foundation
import GazetteOutput

struct Gazette: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "gazette",
            abstract: Help.text("help.gazette.abstract"),
            discussion: Help.text("help.gazette.discussion"),
            subcommands: [CheckCommand.self, BuildCommand.self, ImportCommand.self, ServeCommand.self, PublishCommand.self, NginxCommand.self,
                          ConvertCommand.self, NewCommand.self]
        )
    }
}

/// Runs the command line, with the exit statuses the design fixes: a usage error is 2, not
/// ArgumentParser's 64, so that scripts can tell "bad content" (1) from "bad call" (2).
@main
enum Main {
    static func main() async {
        ProcessMemory.returnLargeFreedBlocks()
        do {
            var command = try Gazette.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser's message (help, a usage error), in the command line's language; a usage error
            // exits with 2.
            let code = Gazette.exitCode(for: error)
            let message = UsageText.translate(Gazette.fullMessage(for: error), to: CommandLineLanguage.current)
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
