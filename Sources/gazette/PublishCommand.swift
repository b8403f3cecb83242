import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel
import GazettePublish
import GazetteBuild
import GazetteSite

/// `gazette publish --to TARGET`: builds (or takes `--site DIR`), uploads a new release beside the live one,
/// verifies it against manifest.json, then points `current` at it in one step. The logic is in GazettePublish.
struct PublishCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "publish",
            abstract: Help.text("help.publish.abstract"),
            discussion: Help.text("help.publish.discussion")
        )
    }

    @Option(name: .long, help: Help.text("help.publish.to"))
    var to: String

    @Option(name: .long, help: Help.text("help.publish.site"))
    var site: String?

    @OptionGroup var source: SiteOptions

    @Option(name: .long, help: Help.text("help.publish.keep"))
    var keep: Int = 5

    @Flag(name: .customLong("dry-run"), help: Help.text("help.publish.dryRun"))
    var dryRun = false

    @Flag(name: .long, help: Help.text("help.publish.rollback"))
    var rollback = false

    @Flag(name: .long, help: Help.text("help.publish.verify"))
    var verify = false

    func run() throws {
        let language = source.language
        do {
            try publish(language)
        } catch let error as PublishError {
            Say.error(error.message, language)
            throw ExitCode(error.exitStatus)
        }
    }

    private func publish(_ language: Language) throws {
        func say(_ key: String, _ arguments: [String: MessageArgument] = [:]) { print(Say.text(key, language, arguments)) }
        func problems(_ id: String, _ list: [VerificationProblem]) {
            for problem in list {
                Say.error(Message("cli.publish.problem", ["id": .text(id), "problem": .message(problem.message)]), language)
            }
        }
        let target = try PublishTarget.parse(to)
        let at: MessageArgument = .text(target.description)
        guard keep >= 1 else { throw PublishError(.usage, "cli.publish.keep") }
        if [rollback, verify, dryRun].filter({ $0 }).count > 1 {
            throw PublishError(.usage, "cli.publish.onlyOne")
        }
        let publisher = Publisher(store: Publisher.store(for: target), target: target)
        if rollback {
            let (from, to) = try publisher.rollback()
            say("cli.publish.rolledBack", ["id": .text(to), "was": .text(from), "target": at])
            return
        }
        if verify {
            let check = try publisher.verifyLive { try knownReleases() }
            let hash: MessageArgument = check.manifestHash.map { .message(Message("cli.publish.hash", ["hash": .text(String($0.prefix(12)))])) } ?? .text("")
            guard let shows = check.shows else {
                problems(check.id, check.problems)
                say(check.problems.count > 1 ? "cli.publish.verify.unknownDiffers" : "cli.publish.verify.unknown",
                    ["id": .text(check.id), "target": at, "hash": hash, "folder": .text("\(source.content)/\(PublicationLog.folder)/"),
                     "count": .number(check.problems.count - 1)])
                throw ExitCode(1)
            }
            guard check.problems.isEmpty else {
                problems(check.id, check.problems)
                say("cli.publish.verify.differs", ["id": .text(check.id), "target": at, "shows": .message(shows.name),
                                                   "count": .number(check.problems.count), "files": .number(check.files)])
                throw ExitCode(1)
            }
            say("cli.publish.verify.ok", ["id": .text(check.id), "target": at, "shows": .message(shows.name), "hash": hash,
                                          "files": .number(check.files)])
            return
        }
        let bundle = try site.map { try SiteBundle.load(directory: URL(fileURLWithPath: $0, isDirectory: true)) } ?? build(language)
        if dryRun {
            let report = try publisher.dryRun(bundle)
            let c = report.changes
            for path in c.added { say("cli.publish.added", ["path": .text(path)]) }
            for path in c.changed { say("cli.publish.changed", ["path": .text(path)]) }
            for path in c.removed { say("cli.publish.removed", ["path": .text(path)]) }
            say(report.previous == nil ? "cli.publish.dryRun.first" : "cli.publish.dryRun",
                ["id": .text(report.id), "live": .text(report.previous ?? ""), "added": .number(c.added.count),
                 "changed": .number(c.changed.count), "removed": .number(c.removed.count), "unchanged": .number(c.unchanged)])
            return
        }
        let report = try publisher.publish(bundle, keep: keep)
        if !report.repaired.isEmpty {
            for problem in report.repaired { say("cli.publish.repaired", ["problem": .message(problem.message)]) }
            say("cli.publish.repairedLive", ["id": .text(report.id), "target": at, "count": .number(report.repaired.count),
                                            "verified": .number(report.verified)])
            return
        }
        if report.alreadyLive {
            say("cli.publish.alreadyLive", ["id": .text(report.id), "target": at, "verified": .number(report.verified)])
            return
        }
        let moved = report.reused ? Message("cli.publish.reused")
            : Message("cli.publish.copied", ["copied": .number(report.counts.copied), "linked": .number(report.counts.linked)])
        let was: MessageArgument = report.previous.map { .message(Message("cli.publish.was", ["id": .text($0)])) } ?? .text("")
        let pruned: MessageArgument = report.pruned.isEmpty ? .text("") : .message(Message("cli.publish.pruned", ["count": .number(report.pruned.count)]))
        say("cli.publish.done", ["id": .text(report.id), "moved": .message(moved), "removed": .number(report.changes.removed.count),
                                 "verified": .number(report.verified), "was": was, "pruned": pruned])
        say("cli.publish.live", ["path": .text(target.livePath)])
    }

    /// What the publisher holds here, for `--verify`: the build of the content (or `--site`), and every
    /// publication recorded in the content's publications/ with its manifest's hash.
    private func knownReleases() throws -> (releases: [Publisher.KnownRelease], reference: SiteBundle?) {
        var releases: [Publisher.KnownRelease] = []
        var reference: SiteBundle?
        var publications: PublicationLog?
        if let site {
            reference = try SiteBundle.load(directory: URL(fileURLWithPath: site, isDirectory: true))
        } else {
            let options = try source.buildOptions(output: "site")
            let result = Build.render(options)
            if !result.files.isEmpty { reference = try SiteBundle(files: result.files) }
            publications = result.publications
        }
        if let reference {
            releases.append(.init(manifestHash: reference.manifestHash,
                                  name: site.map { Message("cli.publish.known.site", ["folder": .text($0), "id": .text(reference.id)]) }
                                      ?? Message("cli.publish.known.build", ["id": .text(reference.id)])))
        }
        for publication in publications?.recorded.reversed() ?? [] {
            guard let hash = publication.manifestHash else { continue }
            releases.append(.init(manifestHash: hash, name: Message("cli.publish.known.publication", [
                "number": .number(publication.number), "asOf": .day(publication.asOf),
                "file": .text("\(source.content)/\(PublicationLog.folder)/\(publication.fileName)")])))
        }
        return (releases, reference)
    }

    /// Builds in memory, exactly as `gazette build` would, printing the same diagnostics.
    private func build(_ language: Language) throws -> SiteBundle {
        let options = try source.buildOptions(output: "site")
        let result = Build.render(options)
        source.printDiagnostics(result, options)
        guard !result.files.isEmpty else {
            print(Say.text("cli.publish.nothing", language,
                           ["summary": .text(DiagnosticFormatter.summary(result.diagnostics + result.templateDiagnostics, language: language))]))
            throw ExitCode(1)
        }
        return try SiteBundle(files: result.files)
    }
}

/// `gazette nginx --to TARGET`: prints the nginx configuration serving TARGET/current under base_url's path.
struct NginxCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "nginx",
            abstract: Help.text("help.nginx.abstract"),
            discussion: Help.text("help.nginx.discussion")
        )
    }

    @Option(name: .long, help: Help.text("help.nginx.to"))
    var to: String

    @Option(name: .long, help: Help.text("help.nginx.content"))
    var content: String = "content"

    @Option(name: .customLong("base-url"), help: Help.text("help.nginx.baseURL"))
    var baseURL: String?

    @Option(name: .long, help: Help.text("help.nginx.listen"))
    var listen: String = "80"

    @Option(name: .customLong("server-name"), help: Help.text("help.nginx.serverName"))
    var serverName: String?

    @OptionGroup var lang: LanguageOption

    func run() throws {
        let language = lang.language(content: URL(fileURLWithPath: content, isDirectory: true))
        do {
            let target = try PublishTarget.parse(to)
            let base: String
            if let baseURL {
                base = baseURL
            } else {
                let directory = try ContentDirectory.resolve(content, language: language)
                guard let url = ContentLoader.load(from: directory).content.site?.baseURL else {
                    throw PublishError(.usage, "cli.nginx.noBaseURL", ["file": .text("\(content)/site.yaml")])
                }
                base = url
            }
            let config = try NginxConfig(baseURL: base, root: target.livePath, listen: listen, serverName: serverName)
            print(config.text, terminator: "")
        } catch let error as PublishError {
            Say.error(error.message, language)
            throw ExitCode(error.exitStatus)
        }
    }
}
