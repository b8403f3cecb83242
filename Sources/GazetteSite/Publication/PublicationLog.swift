import Foundation
import GazetteContent
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
    /// `publications`, the folder in `content/` (read and written by GazetteContent's `PublicationFiles`).
    public static let folder = PublicationFiles.folder

    /// Oldest first.
    public var recorded: [Publication]
    /// The data as it is now, numbered after the latest, when it differs from it (or nothing is recorded).
    /// Made from the site each time it is asked for: a province's snapshot is tens of megabytes of small
    /// dictionaries, asked for two or three times a build (freshness, the changes page, `--record`), and
    /// would otherwise be held while every page is rendered.
    public var pending: Publication? {
        if let memo { return memo.pending { makePending() } }
        return makePending()
    }
    private func makePending() -> Publication? {
        pendingSite.map { Publication(number: $0.number, asOf: $0.site.asOf, manifestHash: nil,
                                      snapshot: PublicationSnapshot.of($0.site, memo: snapshots)) }
    }
    /// The site the pending publication is made from, and its number.
    private let pendingSite: (number: Int, site: ResolvedSite)?
    /// With `remembering()`: the pending publication and the entries, made once for this log.
    private var memo: Memo?
    /// Records' fields kept between the builds of a warm build (`serve`), for the snapshots.
    private var snapshots: PublicationSnapshot.Memo?

    /// The same log, making its pending publication and its entries once, however often they are asked for
    /// (`serve`, which holds the whole site in memory anyway: the freshness, the changes page and its feed each
    /// asked for them, each time comparing every record).
    public func remembering() -> PublicationLog {
        var log = self
        log.memo = Memo()
        return log
    }

    /// What a remembering log made, the first time it was asked.
    private final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var madePending: Publication??
        private var madeEntries: [ChangeEntry]?

        func pending(_ make: () -> Publication?) -> Publication? {
            lock.lock()
            defer { lock.unlock() }
            if let madePending { return madePending }
            let made = make()
            madePending = .some(made)
            return made
        }

        func entries(_ make: () -> [ChangeEntry]) -> [ChangeEntry] {
            lock.lock()
            if let madeEntries {
                lock.unlock()
                return madeEntries
            }
            lock.unlock()
            let made = make()
            lock.lock()
            defer { lock.unlock() }
            if madeEntries == nil { madeEntries = made }
            return madeEntries!
        }
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        public var description: String {
            switch self { case let .unreadable(file, reason): return "`\(file)` cannot be read: \(reason)" }
        }
    }

    /// Reads the files of `content/publications/` (`NNNN.json`; `PublicationFiles.read`) and compares with `site`.
    /// `snapshots`: records' fields kept from the last build (`serve`), for the snapshots of `site`.
    public static func load(files: [PublicationFiles.File], site: ResolvedSite, snapshots: PublicationSnapshot.Memo? = nil) throws -> PublicationLog {
        let files = files.filter { file in
            file.name.hasSuffix(".json") && file.name.count >= 9 && file.name.dropLast(5).allSatisfy { $0.isASCII && $0.isNumber }
        }
        var recorded: [Publication] = []
        for file in files {
            recorded.append(try read(file.data, shown: "\(self.folder)/\(file.name)", number: Int(file.name.dropLast(5))!))
        }
        recorded.sort { $0.number < $1.number }
        let latest = recorded.last
        let unchanged = latest.map { $0.snapshot == PublicationSnapshot.of(site, memo: snapshots) } ?? false
        var log = PublicationLog(recorded: recorded, pendingSite: unchanged ? nil : ((latest?.number ?? 0) + 1, site))
        log.snapshots = snapshots
        return log
    }

    /// Every publication, the pending one included, newest first, each compared with the one before it.
    public var entries: [ChangeEntry] {
        if let memo { return memo.entries { makeEntries() } }
        return makeEntries()
    }

    private func makeEntries() -> [ChangeEntry] {
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

    /// The pending publication with the manifest's hash, as the file to add to `content/publications/`
    /// (`gazette build --record`, written by `PublicationFiles.write`), or nil when the data has not changed
    /// since the latest publication.
    public func pendingFile(manifestHash: String) -> (name: String, data: Data)? {
        guard var publication = pending else { return nil }
        publication.manifestHash = manifestHash
        return (publication.fileName, Data(publication.document.text().utf8))
    }

    private static func read(_ data: Data?, shown: String, number: Int) throws -> Publication {
        func fail(_ reason: String) -> LoadError { .unreadable(file: shown, reason: reason) }
        guard let data else { throw fail("the file cannot be opened") }
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
