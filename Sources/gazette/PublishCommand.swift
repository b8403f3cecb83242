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
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the site to a web server's folder or user@host:/path, verified before it goes live.",
        discussion: """
        TARGET gets releases/ID/ per publication and a `current` link to the live one (the web server serves \
        TARGET/current). Only changed files are copied. See docs/publishing.md.
        """
    )

    @Option(name: .long, help: "Where to publish: a folder, or user@host:/path (rsync over SSH).")
    var to: String

    @Option(name: .long, help: "Publish this existing build instead of building.")
    var site: String?

    @OptionGroup var source: SiteOptions

    @Option(name: .long, help: "How many releases to keep at the target, the live one included.")
    var keep: Int = 5

    @Flag(name: .customLong("dry-run"), help: "List what would change (added, changed, removed) and write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Point `current` back at the release live before this one.")
    var rollback = false

    @Flag(name: .long, help: "Re-read the live release and check every file against its manifest.")
    var verify = false

    func run() throws {
        do {
            try publish()
        } catch let error as PublishError {
            FileHandle.standardError.write(Data("gazette: error: \(error.description.withVisibleControls(keepingNewlines: true))\n".utf8))
            throw ExitCode(error.exitStatus)
        }
    }

    private func publish() throws {
        let target = try PublishTarget.parse(to)
        guard keep >= 1 else { throw PublishError(.usage, "--keep must be at least 1") }
        if [rollback, verify, dryRun].filter({ $0 }).count > 1 {
            throw PublishError(.usage, "use only one of --rollback, --verify and --dry-run")
        }
        let publisher = Publisher(store: Publisher.store(for: target), target: target)
        if rollback {
            let (from, to) = try publisher.rollback()
            print("gazette publish: rolled back: `current` → releases/\(to) (was \(from)) at \(target)")
            return
        }
        if verify {
            let check = try publisher.verifyLive { try knownReleases() }
            let hash = check.manifestHash.map { " (manifest sha256 \($0.prefix(12))…)" } ?? ""
            guard let shows = check.shows else {
                FileHandle.standardError.write(Data(check.problems.map { "gazette: error: releases/\(check.id)/\($0)\n".withVisibleControls(keepingNewlines: true) }.joined().utf8))
                print("gazette publish: the live release \(check.id) at \(target)\(hash) is NOT a release published from here: "
                    + "its manifest is neither the build of this content nor a publication recorded in \(source.content)/\(PublicationLog.folder)/"
                    + (check.problems.count > 1 ? "; \(check.problems.count - 1) files differ from this content's build" : ""))
                throw ExitCode(1)
            }
            guard check.problems.isEmpty else {
                FileHandle.standardError.write(Data(check.problems.map { "gazette: error: releases/\(check.id)/\($0)\n".withVisibleControls(keepingNewlines: true) }.joined().utf8))
                print("gazette publish: the live release \(check.id) at \(target) is \(shows.name), but does NOT match its manifest: \(check.problems.count) of \(check.files) files")
                throw ExitCode(1)
            }
            print("gazette publish: the live release \(check.id) at \(target) is \(shows.name)\(hash) and matches its manifest (\(check.files) files)")
            return
        }
        let bundle = try site.map { try SiteBundle.load(directory: URL(fileURLWithPath: $0, isDirectory: true)) } ?? build()
        if dryRun {
            let report = try publisher.dryRun(bundle)
            let c = report.changes
            for path in c.added { print("  added    \(path)") }
            for path in c.changed { print("  changed  \(path)") }
            for path in c.removed { print("  removed  \(path)") }
            let live = report.previous.map { "live: \($0)" } ?? "nothing live yet"
            print("gazette publish: dry run: release \(report.id) (\(live)): \(c.added.count) added, \(c.changed.count) changed, "
                + "\(c.removed.count) removed, \(c.unchanged) unchanged; nothing written")
            return
        }
        let report = try publisher.publish(bundle, keep: keep)
        if !report.repaired.isEmpty {
            for problem in report.repaired { print("  repaired \(problem)") }
            print("gazette publish: release \(report.id) is live at \(target); put back \(report.repaired.count) file\(report.repaired.count == 1 ? "" : "s") "
                + "that no longer matched its manifest; verified \(report.verified) files")
            return
        }
        if report.alreadyLive {
            print("gazette publish: release \(report.id) is already live at \(target) (verified \(report.verified) files); nothing to do")
            return
        }
        let was = report.previous.map { " (was \($0))" } ?? ""
        let moved = report.reused ? "already uploaded, verified" : "\(report.counts.copied) copied, \(report.counts.linked) linked"
        let pruned = report.pruned.isEmpty ? "" : "; pruned \(report.pruned.count) old release\(report.pruned.count == 1 ? "" : "s")"
        print("gazette publish: release \(report.id): \(moved), \(report.changes.removed.count) removed; "
            + "verified \(report.verified) files; `current` → releases/\(report.id)\(was)\(pruned)")
        print("gazette publish: live at \(target.livePath)")
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
                                  name: site == nil ? "the site this content builds (release \(reference.id))" : "the site in \(site!) (release \(reference.id))"))
        }
        for publication in publications?.recorded.reversed() ?? [] {
            guard let hash = publication.manifestHash else { continue }
            releases.append(.init(manifestHash: hash, name: "publication \(publication.number) (as of \(publication.asOf)), recorded in \(source.content)/\(PublicationLog.folder)/\(publication.fileName)"))
        }
        return (releases, reference)
    }

    /// Builds in memory, exactly as `gazette build` would, printing the same diagnostics.
    private func build() throws -> SiteBundle {
        let options = try source.buildOptions(output: "site")
        let result = Build.render(options)
        source.printDiagnostics(result, options)
        guard !result.files.isEmpty else {
            print("gazette publish: \(DiagnosticFormatter.summary(result.diagnostics + result.templateDiagnostics)); nothing published, the live site is unchanged")
            throw ExitCode(1)
        }
        return try SiteBundle(files: result.files)
    }
}

/// `gazette nginx --to TARGET`: prints the nginx configuration serving TARGET/current under base_url's path.
struct NginxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nginx",
        abstract: "Print the nginx configuration that serves a published site (see docs/nginx.md).",
        discussion: "The path comes from --base-url, else from the content's site.yaml; the folder is TARGET/current."
    )

    @Option(name: .long, help: "The publication target: a folder, or user@host:/path (its path on the server is used).")
    var to: String

    @Option(name: .long, help: "The content folder (for site.yaml's base_url).")
    var content: String = "content"

    @Option(name: .customLong("base-url"), help: "The address the site is published at (overrides site.yaml's base_url).")
    var baseURL: String?

    @Option(name: .long, help: "nginx's listen address: a port, or address:port.")
    var listen: String = "80"

    @Option(name: .customLong("server-name"), help: "nginx's server_name (default: base_url's host).")
    var serverName: String?

    func run() throws {
        do {
            let target = try PublishTarget.parse(to)
            let base: String
            if let baseURL {
                base = baseURL
            } else {
                let directory = try ContentDirectory.resolve(content)
                guard let url = ContentLoader.load(from: directory).content.site?.baseURL else {
                    throw PublishError(.usage, "no base_url: \(content)/site.yaml cannot be read (run gazette check), or pass --base-url")
                }
                base = url
            }
            let config = try NginxConfig(baseURL: base, root: target.livePath, listen: listen, serverName: serverName)
            print(config.text, terminator: "")
        } catch let error as PublishError {
            FileHandle.standardError.write(Data("gazette: error: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus)
        }
    }
}
