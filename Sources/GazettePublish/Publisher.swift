import Foundation
import GazetteOutput

/// The publication steps, in order, on any `ReleaseStore`:
/// upload into `releases/.partial-ID` (unchanged files hard-linked from the live release) → read it back and
/// verify it against `manifest.json` → rename to `releases/ID` → flip `current` (one rename) → prune old
/// releases. A failure before the flip leaves the live site as it was.
public struct Publisher {
    public let store: ReleaseStore
    public let target: PublishTarget
    public init(store: ReleaseStore, target: PublishTarget) {
        self.store = store
        self.target = target
    }

    /// The store for a target: a folder, or SSH + rsync.
    public static func store(for target: PublishTarget) -> ReleaseStore {
        switch target {
        case .local(let url): LocalStore(root: url)
        case .remote(let host, let path): RemoteStore(host: host, path: path)
        }
    }

    /// How the new release differs from the live one, by path.
    public struct Changes: Sendable, Equatable {
        public var added: [String] = []
        public var changed: [String] = []
        public var removed: [String] = []
        public var unchanged = 0

        public init(new: ManifestIndex, old: ManifestIndex?) {
            let oldEntries = old?.entries ?? [:]
            for path in new.paths {
                if let was = oldEntries[path] {
                    if was.sha256 == new.entries[path]!.sha256 { unchanged += 1 } else { changed.append(path) }
                } else {
                    added.append(path)
                }
            }
            removed = (old?.paths ?? []).filter { new.entries[$0] == nil }
        }
    }

    public struct Report: Sendable {
        public var id: String
        public var previous: String?
        public var changes: Changes
        public var counts = TransferCounts()
        public var verified = 0
        public var pruned: [String] = []
        /// Nothing to do: the release was already live.
        public var alreadyLive = false
        /// The release was already at the target (published before): it was verified and made live again.
        public var reused = false
        /// Files of the live release that no longer matched the manifest and were put back.
        public var repaired: [VerificationProblem] = []
    }

    /// What `--dry-run` shows: the changes against the live release. Writes nothing.
    public func dryRun(_ bundle: SiteBundle) throws -> Report {
        let current = try store.currentID()
        let old = try current.flatMap { try store.manifestData(of: $0) }.map { try ManifestIndex(data: $0, source: "the live manifest.json") }
        return Report(id: bundle.id, previous: current, changes: Changes(new: bundle.manifest, old: current == bundle.id ? bundle.manifest : old))
    }

    public func publish(_ bundle: SiteBundle, keep: Int) throws -> Report {
        try store.prepare()
        defer { store.finish() }
        let current = try store.currentID()
        let oldManifest = try current.flatMap { try store.manifestData(of: $0) }
            .flatMap { try? ManifestIndex(data: $0, source: "the live manifest.json") }
        var report = Report(id: bundle.id, previous: current, changes: Changes(new: bundle.manifest, old: oldManifest))
        if current == bundle.id {
            let problems = try store.verifyRelease(bundle.id, expected: bundle.expected)
            if !problems.isEmpty {
                // The live release was altered after upload: put its files back, one rename each, and check again.
                try store.repair(bundle, problems: problems)
                let left = try store.verifyRelease(bundle.id, expected: bundle.expected)
                guard left.isEmpty else {
                    throw PublishError(.mismatch, "release \(bundle.id) is live but does not match its manifest, and could not be repaired:\n"
                        + left.map { "  \($0)" }.joined(separator: "\n"))
                }
                report.repaired = problems
                try store.append(PublishLog.line("repair", bundle.id, nil))
            }
            report.alreadyLive = true
            report.verified = bundle.expected.count
            report.changes = Changes(new: bundle.manifest, old: bundle.manifest)
            return report
        }
        if try store.releaseIDs().contains(bundle.id), try store.verifyRelease(bundle.id, expected: bundle.expected).isEmpty {
            // Published before (then rolled back, or replaced): already whole, verified; only the flip is left.
            report.reused = true
        } else {
            var problems: [VerificationProblem] = []
            // First with unchanged files linked to the live release; if that does not verify (a live file was
            // altered after upload), once more copying everything.
            for linkFrom in [current, nil] {
                report.counts = try store.upload(bundle, linkFrom: linkFrom, previousManifest: linkFrom == nil ? nil : oldManifest)
                problems = try store.verifyPartial(bundle)
                if problems.isEmpty || linkFrom == nil { break }
                store.discardPartial(bundle.id)
            }
            guard problems.isEmpty else {
                store.discardPartial(bundle.id)
                throw PublishError(.mismatch, "the upload does not match the manifest; the live site was not changed:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n"))
            }
            try store.commitPartial(bundle.id)
        }
        report.verified = bundle.expected.count
        try store.flip(to: bundle.id)
        try store.append(PublishLog.line("publish", bundle.id, current))
        report.pruned = try prune(keep: keep, current: bundle.id)
        return report
    }

    /// Removes releases beyond the `keep` most recently live (the live one always stays).
    public func prune(keep: Int, current: String) throws -> [String] {
        let existing = try store.releaseIDs()
        let kept = try store.log().releasesToKeep(current: current, existing: existing, keep: keep)
        var removed: [String] = []
        for id in existing where !kept.contains(id) {
            try store.removeRelease(id)
            removed.append(id)
        }
        return removed
    }

    /// Points `current` back at the release that was live before the current one was published.
    public func rollback() throws -> (from: String, to: String) {
        try store.prepare()
        defer { store.finish() }
        guard let current = try store.currentID() else {
            throw PublishError(.usage, "nothing is published at \(target): there is no `current` to roll back")
        }
        guard let previous = try store.log().previous(of: current) else {
            throw PublishError(.usage, "release \(current) is the first publication at \(target): there is nothing to roll back to")
        }
        guard try store.releaseIDs().contains(previous) else {
            throw PublishError(.io, "the previous release, \(previous), is no longer at \(target) (pruned); publish the content you want instead")
        }
        guard let data = try store.manifestData(of: previous) else {
            throw PublishError(.mismatch, "the previous release, \(previous), has no manifest.json")
        }
        let manifest = try ManifestIndex(data: data, source: "releases/\(previous)/manifest.json")
        let problems = try store.verifyRelease(previous, expected: Self.expected(manifest, data))
        guard problems.isEmpty else {
            throw PublishError(.mismatch, "the previous release, \(previous), does not match its manifest; the live site was not changed:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        try store.flip(to: previous)
        try store.append(PublishLog.line("rollback", previous, current))
        return (current, previous)
    }

    /// A release the publisher holds a record of, here: the hash of its `manifest.json`, and what it is.
    public struct KnownRelease: Sendable {
        public var manifestHash: String
        /// "publication 3 (as of 2017-12-31)", "the site this content builds".
        public var name: String
        public init(manifestHash: String, name: String) {
            self.manifestHash = manifestHash
            self.name = name
        }
    }

    /// What `--verify` found.
    public struct LiveCheck: Sendable {
        public var id: String
        public var manifestHash: String?
        /// Files checked, `manifest.json` included.
        public var files: Int
        public var problems: [VerificationProblem]
        /// The known release the server shows, or nil when its manifest is none the publisher knows.
        public var shows: KnownRelease?
    }

    /// Re-reads the live release and checks it against what the publisher holds here, never against the
    /// server alone (whoever can write the web root can rewrite `manifest.json` and rename the release):
    /// the server's manifest must have the hash of a release known here (`known()`: the build of the
    /// content, the publications recorded in `content/publications/`), and every file must match it.
    /// When the manifest is not known, the files are compared with `reference` (the content's build) to
    /// show what differs. `known` is asked only once something is live.
    public func verifyLive(known: () throws -> (releases: [KnownRelease], reference: SiteBundle?)) throws -> LiveCheck {
        guard let current = try store.currentID() else {
            throw PublishError(.usage, "nothing is published at \(target): there is no `current`")
        }
        let (releases, reference) = try known()
        guard let data = try store.manifestData(of: current) else {
            return LiveCheck(id: current, manifestHash: nil, files: 0, problems: [VerificationProblem(kind: .missing, path: Manifest.path)])
        }
        let hash = SHA256.hex(data)
        if let shows = releases.first(where: { $0.manifestHash == hash }) {
            // The manifest is one published from here: the files are checked against it.
            let manifest = try ManifestIndex(data: data, source: "releases/\(current)/manifest.json")
            let problems = try store.verifyRelease(current, expected: Self.expected(manifest, data))
            return LiveCheck(id: current, manifestHash: hash, files: manifest.entries.count + 1, problems: problems, shows: shows)
        }
        // A manifest nobody here published: whatever the files say about it, it is not to be trusted.
        var problems: [VerificationProblem] = []
        if let reference {
            problems = try store.verifyRelease(current, expected: reference.expected)
            problems.removeAll { $0.path == Manifest.path }
        }
        problems.insert(VerificationProblem(kind: .altered, path: Manifest.path), at: 0)
        return LiveCheck(id: current, manifestHash: hash, files: (reference?.expected.count ?? 0), problems: problems, shows: nil)
    }

    static func expected(_ manifest: ManifestIndex, _ data: Data) -> [String: String] {
        var all = manifest.entries.mapValues(\.sha256)
        all[Manifest.path] = SHA256.hex(data)
        return all
    }
}
