import ArgumentParser

@main
struct Gazette: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Publishes a public programme's records as a website: check, build, serve.",
        discussion: "Exit status: 0 success, 1 errors in the content (or findings under --strict), 2 wrong usage or an I/O failure.",
        subcommands: [CheckCommand.self]
    )
}
