import ArgumentParser
import Foundation

struct Gazette: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Publishes a public programme's records as a website: check, build, serve, publish.",
        discussion: "Exit status: 0 success, 1 errors in the content (or findings under --strict), 2 wrong usage or an I/O failure.",
        subcommands: [CheckCommand.self, BuildCommand.self, ImportCommand.self, ServeCommand.self, PublishCommand.self, NginxCommand.self,
                      ConvertCommand.self, NewCommand.self]
    )
}

/// Runs the command line, with the exit statuses the design fixes: a usage error is 2, not
/// ArgumentParser's 64, so that scripts can tell "bad content" (1) from "bad call" (2).
@main
enum Main {
    static func main() async {
        do {
            var command = try Gazette.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Gazette.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((Gazette.fullMessage(for: error) + "\n").utf8))
                Gazette.exit(withError: ExitCode(2))
            }
            Gazette.exit(withError: error)
        }
    }
}
