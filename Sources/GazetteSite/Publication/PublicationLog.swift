import Foundation
import GazetteModel
import GazetteOutput

/// One publication of the data: its number, the as-of date it was published with, and what it held.
public struct Publication: Sendable, Equatable {
    public var number: Int
    public var asOf: Day
    /// The SHA-256 of the site's `manifest.json` when it was recorded.
    public var manifestHash: String?
    public var snapshot: PublicationSnapshot

    /// `0001.json`.
    public var fileName: String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".json"
    }

    public var document: JSONValue {
        .object([
            "format_version": .int(1), "number": .int(number), "as_of": .string(asOf.description),
            "manifest_sha256": .optional(manifestHash),
            "records": .object(snapshot.records.mapValues { .object($0.mapValues(JSONValue.string)) }),
            "ledger": .array(snapshot.ledger.map { .object($0.mapValues(JSONValue.string)) }),
        ])
    }
}

/// One line of the publication record as the `/changes/` page and a feed show it, newest first.
public struct ChangeEntry: Sendable {
    public var number: Int
    /// The site's as-of date at that publication.
    public var date: Day
    /// The first publication: everything in it is new.
    public var isFirst: Bool
    public var diff: PublicationDiff
    /// Counts of what the publication held, for the first one.
    public var projects: Int
    public var organizations: Int
    public var notices: Int
    public var ledgerRows: Int

    /// The publication's part of the changes page (`publication-2`).
    public static func anchor(_ number: Int) -> String { "publication-\(number)" }
}

/// The publication record of `content/publications/`: the publications editors committed (`NNNN.json`),
/// plus the pending one when the data now differs from the latest. Building never writes it; only
/// `gazette build --record` adds the pending publication, so an unchanged rebuild adds nothing.
public struct PublicationLog: Sendable {
    public static let folder = "publications"

    /// Oldest first.
    public var recorded: [Publication]
    /// The data as it is now, numbered after the latest, when it differs from it (or nothing is recorded).
    public var pending: Publication?

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        public var description: String {
            switch self { case let .unreadable(file, reason): return "`\(file)` cannot be read: \(reason)" }
        }
    }

    /// Reads `content/publications/` (missing is fine: nothing published yet) and compares with `site`.
    public static func load(contentDirectory: URL, site: ResolvedSite) throws -> PublicationLog {
        let folder = contentDirectory.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { name in
                name.hasSuffix(".json") && name.count >= 9 && name.dropLast(5).allSatisfy { $0.isASCII && $0.isNumber }
            }
        var recorded: [Publication] = []
        for name in names {
            recorded.append(try read(folder.appendingPathComponent(name), shown: "\(self.folder)/\(name)", number: Int(name.dropLast(5))!))
        }
        recorded.sort { $0.number < $1.number }
        let now = PublicationSnapshot.of(site)
        let latest = recorded.last
        let pending = latest?.snapshot == now ? nil
            : Publication(number: (latest?.number ?? 0) + 1, asOf: site.asOf, manifestHash: nil, snapshot: now)
        return PublicationLog(recorded: recorded, pending: pending)
    }

    /// Every publication, the pending one included, newest first, each compared with the one before it.
    public var entries: [ChangeEntry] {
        let all = recorded + (pending.map { [$0] } ?? [])
        return Array(all.enumerated().map { index, publication in
            let previous = index == 0 ? nil : all[index - 1].snapshot
            let records = publication.snapshot.records.keys
            return ChangeEntry(number: publication.number, date: publication.asOf, isFirst: index == 0,
                               diff: PublicationDiff.between(previous, publication.snapshot),
                               projects: records.filter { $0.hasPrefix("project:") }.count,
                               organizations: records.filter { $0.hasPrefix("organization:") }.count,
                               notices: records.filter { $0.hasPrefix("notice:") }.count,
                               ledgerRows: publication.snapshot.ledger.count)
        }.reversed())
    }

    /// The change list for other outputs (an Atom feed of changes): newest first, with each change's record
    /// page as a path relative to the site's root.
    public static func changes(contentDirectory: URL, site: ResolvedSite) throws -> [ChangeEntry] {
        try load(contentDirectory: contentDirectory, site: site).entries
    }

    /// Writes the pending publication as `content/publications/NNNN.json`, with the manifest's hash.
    /// Returns the file written, or nil when the data has not changed since the latest publication.
    public func recordPending(manifestHash: String, contentDirectory: URL) throws -> URL? {
        guard var publication = pending else { return nil }
        publication.manifestHash = manifestHash
        let folder = contentDirectory.appendingPathComponent(Self.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(publication.fileName)
        try Data(publication.document.text().utf8).write(to: url, options: .atomic)
        return url
    }

    private static func read(_ url: URL, shown: String, number: Int) throws -> Publication {
        func fail(_ reason: String) -> LoadError { .unreadable(file: shown, reason: reason) }
        guard let data = try? Data(contentsOf: url) else { throw fail("the file cannot be opened") }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw fail("it is not a JSON object") }
        guard let asOfText = root["as_of"] as? String, let asOf = Day(asOfText) else { throw fail("`as_of` is not a date") }
        guard let rawRecords = root["records"] as? [String: Any], let rawLedger = root["ledger"] as? [Any] else {
            throw fail("`records` or `ledger` is missing")
        }
        var records: [String: [String: String]] = [:]
        for (key, value) in rawRecords {
            guard let fields = value as? [String: String] else { throw fail("the fields of `\(key)` are not all text") }
            records[key] = fields
        }
        let ledger = try rawLedger.map { row -> [String: String] in
            guard let fields = row as? [String: String] else { throw fail("a ledger row is not all text") }
            return fields
        }
        return Publication(number: number, asOf: asOf, manifestHash: root["manifest_sha256"] as? String,
                           snapshot: PublicationSnapshot(records: records, ledger: ledger))
    }
}
