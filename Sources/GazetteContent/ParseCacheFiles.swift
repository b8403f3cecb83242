import Foundation
import GazetteModel

/// The loader's parses kept on disk between `gazette build` runs (issue 16: a build after one notice changed
/// parsed all 40,000 files again). Each content file's parse (`ContentLoader.RecordResult`: the record, its
/// diagnostics, its Markdown texts) is stored with the key the loader looks it up by (the hash of the file's bytes,
/// with the programme's hash for projects and organizations), so a file whose bytes did not change is read and
/// hashed but not parsed. The parses are split into `shardCount` files by path; a build writes again only the
/// shards whose files changed.
///
/// A shard that cannot be read as written by this program (another gazette, another format, a torn or
/// truncated file: its checksum) is ignored, never an error: its files are then parsed. `ParseCacheTests`
/// compares every parse read back with a fresh parse, on the sample and on random mutations of it.
public enum ParseCacheFiles {
    static let format = "gazette-parse 1"
    static let shardCount = 64

    /// What was read: each shard's digest (its paths and keys), to tell on `save` which changed.
    public struct Loaded: Sendable {
        var digests: [Int: UInt64] = [:]
        /// Parses read back, for reports.
        public var count = 0
        public init() {}
    }

    /// The shard a content file's parse is kept in.
    static func shard(of path: String) -> Int { Int(StableHash.of(path) % UInt64(shardCount)) }

    static func url(_ folder: URL, shard: Int) -> URL { folder.appendingPathComponent(String(format: "%02d", shard)) }

    /// Reads every shard under `folder` into `cache`. `program` names the running program: shards written by
    /// another are ignored.
    public static func load(into cache: ContentCache, folder: URL, program: String) -> Loaded {
        let jobs: [@Sendable () -> (Int, [(String, UInt64, ContentLoader.RecordResult)])?] = (0..<shardCount).map { shard in
            { () -> (Int, [(String, UInt64, ContentLoader.RecordResult)])? in
                guard let data = FileManager.default.contents(atPath: url(folder, shard: shard).path),
                      let entries = try? decode(data, program: program) else { return nil }
                return (shard, entries)
            }
        }
        var loaded = Loaded()
        for case let (shard, entries)? in ParallelMap.run(jobs) {
            loaded.digests[shard] = digest(entries.map { ($0.0, $0.1) })
            loaded.count += entries.count
            cache.lock.lock()
            for (path, key, result) in entries where cache.entries[path] == nil { cache.entries[path] = (key, result) }
            cache.lock.unlock()
        }
        return loaded
    }

    /// Writes the shards whose parses differ from those `loaded` read: the parses in `cache` of the files in
    /// `live` (the content's files this build read; parses of files since removed are dropped). Each shard is
    /// written beside and renamed into place. Failures are ignored: the next build parses what it cannot read.
    public static func save(_ cache: ContentCache, live: [String: UInt64], folder: URL, program: String, loaded: Loaded) {
        cache.lock.lock()
        var shards: [Int: [(String, UInt64, ContentLoader.RecordResult)]] = [:]
        for (path, entry) in cache.entries where live[path] != nil {
            shards[shard(of: path), default: []].append((path, entry.key, entry.result))
        }
        cache.lock.unlock()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let jobs: [@Sendable () -> Void] = (0..<shardCount).compactMap { shard in
            let entries = (shards[shard] ?? []).sorted { $0.0 < $1.0 }
            let digest = digest(entries.map { ($0.0, $0.1) })
            if entries.isEmpty && loaded.digests[shard] == nil { return nil }
            if loaded.digests[shard] == digest { return nil }
            return {
                let target = url(folder, shard: shard)
                if entries.isEmpty {
                    try? FileManager.default.removeItem(at: target)
                    return
                }
                let temporary = folder.appendingPathComponent(".\(shard).\(getpid()).tmp")
                do {
                    try encode(entries, program: program).write(to: temporary)
                    guard rename(temporary.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
                } catch {
                    try? FileManager.default.removeItem(at: temporary)
                }
            }
        }
        _ = ParallelMap.run(jobs)
    }

    /// The paths and keys of a shard, sorted by path.
    static func digest(_ entries: [(String, UInt64)]) -> UInt64 {
        var hash = StableHash.seed
        for (path, key) in entries.sorted(by: { $0.0 < $1.0 }) {
            hash = StableHash.of(Data((path + "\u{1}\(key)").utf8), seed: hash)
        }
        return hash
    }

    // MARK: The format: a header line, the program's line, then the entries; the last 8 bytes a checksum.

    static func encode(_ entries: [(String, UInt64, ContentLoader.RecordResult)], program: String) -> Data {
        var writer = CacheWriter()
        writer.string(format)
        writer.string(program)
        writer.int(entries.count)
        for (path, key, result) in entries {
            writer.string(path)
            writer.fixed(key)
            writer.result(result)
        }
        let checksum = writer.bytes.withUnsafeBytes { StableHash.of($0) }
        writer.fixed(checksum)
        return Data(writer.bytes)
    }

    static func decode(_ data: Data, program: String) throws(CacheReader.Bad) -> [(String, UInt64, ContentLoader.RecordResult)] {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw .bad }
        var check = CacheReader(bytes: bytes, at: bytes.count - 8)
        let sum = bytes.withUnsafeBytes { StableHash.of(UnsafeRawBufferPointer(rebasing: $0[..<(bytes.count - 8)])) }
        guard try check.fixed() == sum else { throw .bad }
        var reader = CacheReader(bytes: bytes, at: 0, end: bytes.count - 8)
        guard try reader.string() == format, try reader.string() == program else { throw .bad }
        let count = try reader.count()
        var entries: [(String, UInt64, ContentLoader.RecordResult)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let path = try reader.string()
            let key = try reader.fixed()
            entries.append((path, key, try reader.result()))
        }
        guard reader.at == reader.end else { throw .bad }
        return entries
    }
}

// MARK: Writing

struct CacheWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
    mutating func int(_ value: Int) {
        let v = Int64(value)
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }
    mutating func fixed(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        if let value {
            bytes.append(1)
            write(&self, value)
        } else {
            bytes.append(0)
        }
    }
    mutating func array<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }
    mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }
    mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }

    mutating func day(_ day: Day) {
        int(day.year)
        int(day.month)
        int(day.day)
    }
    mutating func optionalDay(_ value: Day?) { optional(value) { $0.day($1) } }
    mutating func location(_ location: SourceLocation) {
        string(location.file)
        int(location.line)
        int(location.column)
    }
    mutating func locations(_ locations: FieldLocations) {
        string(locations.file)
        location(locations.start)
        array(locations.positionsAsSet) { writer, position in
            writer.string(position.path)
            writer.location(position.location)
        }
    }
    mutating func percent(_ value: Percent?) { optional(value) { $0.int($1.hundredths) } }
    mutating func contact(_ value: Contact?) {
        optional(value) { writer, contact in
            for field in [contact.name, contact.phone, contact.email, contact.address, contact.hours, contact.web] { writer.optionalString(field) }
        }
    }
    mutating func responses(_ values: [FindingResponse]) {
        array(values) { writer, response in
            writer.string(response.code.rawValue)
            writer.string(response.by)
            writer.day(response.date)
            writer.string(response.decision)
            writer.optionalDay(response.deadline)
        }
    }
    mutating func period(_ value: Project.Period?) {
        optional(value) { writer, period in
            writer.day(period.start)
            writer.day(period.end)
        }
    }
    mutating func verdict(_ value: Project.Result?) { optional(value) { $0.string($1.rawValue) } }

    mutating func message(_ message: Message) {
        string(message.key)
        // In the keys' order: the same bytes for the same message.
        array(message.arguments.sorted { $0.key < $1.key }) { writer, argument in
            writer.string(argument.key)
            writer.argument(argument.value)
        }
    }
    mutating func argument(_ argument: MessageArgument) {
        switch argument {
        case let .text(text): bytes.append(0); string(text)
        case let .number(number): bytes.append(1); int(number)
        case let .day(day): bytes.append(2); self.day(day)
        case let .yuan(yuan): bytes.append(3); int(Int(yuan.fen))
        case let .name(name, english): bytes.append(4); string(name); optionalString(english)
        case let .message(message): bytes.append(5); self.message(message)
        case let .list(items): bytes.append(6); array(items) { $0.argument($1) }
        case let .alternatives(items): bytes.append(7); array(items) { $0.argument($1) }
        case let .lines(items): bytes.append(8); array(items) { $0.argument($1) }
        }
    }
    mutating func diagnostic(_ diagnostic: Diagnostic) {
        string(diagnostic.code.rawValue)
        location(diagnostic.location)
        message(diagnostic.text)
        optional(diagnostic.help) { $0.message($1) }
        optionalString(diagnostic.subject)
    }

    mutating func result(_ result: ContentLoader.RecordResult) {
        optional(result.value) { $0.value($1) }
        array(result.diagnostics) { $0.diagnostic($1) }
        array(result.markdown) { writer, text in
            writer.string(text.text)
            writer.location(text.start)
            writer.string(text.owner)
        }
        optionalString(result.path)
        fixed(result.fileHash)
        optionalString(result.encoding)
    }

    mutating func value(_ value: ContentLoader.RecordResult.Value) {
        switch value {
        case let .organization(o): bytes.append(0); organization(o)
        case let .project(p): bytes.append(1); project(p)
        case let .ledger(entries): bytes.append(2); array(entries) { $0.ledgerEntry($1) }
        case let .notice(n): bytes.append(3); notice(n)
        case let .page(p): bytes.append(4); page(p)
        }
    }

    mutating func organization(_ o: Organization) {
        for field in [o.id, o.name, o.creditCodeText] { string(field) }
        optionalString(o.creditCode?.text)
        for field in [o.type, o.category, o.registeredWith] { string(field) }
        optionalString(o.registrationAuthority)
        string(o.county)
        optionalDay(o.founded)
        optional(o.rating) { writer, rating in
            writer.int(rating.grade.stars)
            writer.int(rating.year)
        }
        // In the years' order: the same bytes for the same record.
        array(o.annualInspections.sorted { $0.key < $1.key }) { writer, inspection in
            writer.int(inspection.key)
            writer.string(inspection.value)
        }
        optional(o.financialSystem) { $0.bool($1) }
        optionalString(o.office)
        optionalInt(o.staff)
        optionalInt(o.certifiedSocialWorkers)
        array(o.violations) { writer, violation in
            writer.day(violation.date)
            writer.string(violation.description)
        }
        optionalString(o.website)
        optionalString(o.about)
        contact(o.contact)
        responses(o.responses)
        locations(o.locations)
    }

    mutating func project(_ p: Project) {
        for field in [p.id, p.title, p.organization, p.category] { string(field) }
        strings(p.services)
        strings(p.targetGroups)
        string(p.county)
        strings(p.communities)
        int(Int(p.amount.fen))
        optionalDay(p.applied)
        optionalString(p.reviewedBy)
        optional(p.contract) { writer, contract in
            writer.optionalDay(contract.date)
            writer.optionalString(contract.number)
        }
        period(p.period)
        optional(p.needsAssessment) { writer, needs in
            writer.optionalDay(needs.date)
            writer.optionalString(needs.method)
            writer.optionalInt(needs.respondents)
            writer.optionalString(needs.findings)
        }
        optional(p.midterm) { writer, midterm in
            writer.day(midterm.date)
            writer.strings(midterm.by)
            writer.string(midterm.result.rawValue)
            writer.percent(midterm.satisfaction)
            writer.optional(midterm.spotCheck) { writer, check in
                writer.optionalString(check.by)
                writer.optionalDay(check.date)
                writer.verdict(check.result)
            }
            writer.optional(midterm.rectification) { writer, rectification in
                writer.optionalDay(rectification.deadline)
                writer.verdict(rectification.result)
            }
        }
        optional(p.final) { writer, final in
            writer.day(final.date)
            writer.optionalString(final.by)
            writer.string(final.result.rawValue)
            writer.percent(final.satisfaction)
            writer.percent(final.score)
        }
        optional(p.outcomes) { writer, outcomes in
            writer.optionalInt(outcomes.beneficiaries)
            writer.optionalInt(outcomes.sessions)
            writer.optionalInt(outcomes.hours)
            writer.optionalString(outcomes.highlights)
        }
        array(p.documents) { writer, document in
            writer.string(document.title)
            writer.string(document.file)
        }
        optionalString(p.summary)
        responses(p.responses)
        locations(p.locations)
    }

    mutating func ledgerEntry(_ e: LedgerEntry) {
        day(e.date)
        string(e.project)
        string(e.kind.rawValue)
        int(Int(e.amount.fen))
        string(e.reference)
        string(e.note)
        location(e.location)
        location(e.projectLocation)
    }

    mutating func notice(_ n: Notice) {
        string(n.slug)
        string(n.title)
        day(n.date)
        string(n.kind.rawValue)
        strings(n.regions)
        strings(n.projects)
        strings(n.organizations)
        period(n.publicityPeriod)
        bool(n.draft)
        optionalString(n.summary)
        optional(n.objection) { writer, objection in
            writer.optionalString(objection.how)
            writer.contact(objection.contact)
        }
        string(n.body)
        locations(n.locations)
    }

    mutating func page(_ p: Page) {
        string(p.slug)
        string(p.title)
        bool(p.draft)
        optionalInt(p.weight)
        optionalString(p.description)
        string(p.body)
        locations(p.locations)
    }
}

// MARK: Reading: every read checked against the end; anything unexpected is `Bad`.

struct CacheReader {
    enum Bad: Error { case bad }
    let bytes: [UInt8]
    var at: Int
    var end: Int

    init(bytes: [UInt8], at: Int, end: Int? = nil) {
        self.bytes = bytes
        self.at = at
        self.end = end ?? bytes.count
    }

    mutating func byte() throws(Bad) -> UInt8 {
        guard at < end else { throw .bad }
        defer { at += 1 }
        return bytes[at]
    }
    mutating func varint() throws(Bad) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw .bad }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
    mutating func int() throws(Bad) -> Int {
        let raw = try varint()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }
    /// A count of things that follow: at most the bytes left (each thing takes one byte at least).
    mutating func count() throws(Bad) -> Int {
        let count = try int()
        guard count >= 0, count <= end - at else { throw .bad }
        return count
    }
    mutating func fixed() throws(Bad) -> UInt64 {
        guard end - at >= 8 else { throw .bad }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[at + index]) << UInt64(8 * index) }
        at += 8
        return value
    }
    mutating func bool() throws(Bad) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .bad
        }
    }
    mutating func string() throws(Bad) -> String {
        let count = try count()
        defer { at += count }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[at..<(at + count)], as: UTF8.self) }
    }
    mutating func optional<T>(_ read: (inout CacheReader) throws(Bad) -> T) throws(Bad) -> T? {
        try bool() ? try read(&self) : nil
    }
    mutating func array<T>(_ read: (inout CacheReader) throws(Bad) -> T) throws(Bad) -> [T] {
        let count = try count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
    mutating func strings() throws(Bad) -> [String] { try array { (r: inout CacheReader) throws(Bad) in try r.string() } }
    mutating func optionalString() throws(Bad) -> String? { try optional { (r: inout CacheReader) throws(Bad) in try r.string() } }
    mutating func optionalInt() throws(Bad) -> Int? { try optional { (r: inout CacheReader) throws(Bad) in try r.int() } }
    mutating func raw<T: RawRepresentable>(_ type: T.Type) throws(Bad) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw .bad }
        return value
    }

    mutating func day() throws(Bad) -> Day {
        guard let day = Day(year: try int(), month: try int(), day: try int()) else { throw .bad }
        return day
    }
    mutating func optionalDay() throws(Bad) -> Day? { try optional { (r: inout CacheReader) throws(Bad) in try r.day() } }
    mutating func location() throws(Bad) -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }
    mutating func locations() throws(Bad) -> FieldLocations {
        var locations = FieldLocations(file: try string(), start: try location())
        for _ in 0..<(try count()) { locations.set(try string(), try location()) }
        return locations.compacted()
    }
    mutating func percent() throws(Bad) -> Percent? {
        try optional { (r: inout CacheReader) throws(Bad) in
            let hundredths = try r.int()
            guard (0...10_000).contains(hundredths), let percent = Percent(Self.percentText(hundredths)), percent.hundredths == hundredths
            else { throw .bad }
            return percent
        }
    }
    /// Hundredths as `Percent` reads them back (`92.50`).
    static func percentText(_ hundredths: Int) -> String {
        let rest = hundredths % 100
        return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest)"
    }
    mutating func contact() throws(Bad) -> Contact? {
        try optional { (r: inout CacheReader) throws(Bad) in
            Contact(name: try r.optionalString(), phone: try r.optionalString(), email: try r.optionalString(),
                    address: try r.optionalString(), hours: try r.optionalString(), web: try r.optionalString())
        }
    }
    mutating func responses() throws(Bad) -> [FindingResponse] {
        try array { (r: inout CacheReader) throws(Bad) in
            FindingResponse(code: try r.raw(DiagnosticCode.self), by: try r.string(), date: try r.day(), decision: try r.string(),
                            deadline: try r.optionalDay())
        }
    }
    mutating func period() throws(Bad) -> Project.Period? {
        try optional { (r: inout CacheReader) throws(Bad) in Project.Period(start: try r.day(), end: try r.day()) }
    }
    mutating func verdict() throws(Bad) -> Project.Result? {
        try optional { (r: inout CacheReader) throws(Bad) in try r.raw(Project.Result.self) }
    }

    mutating func message() throws(Bad) -> Message {
        let key = try string()
        var arguments: [String: MessageArgument] = [:]
        for _ in 0..<(try count()) { arguments[try string()] = try argument() }
        return Message(key, arguments)
    }
    mutating func argument() throws(Bad) -> MessageArgument {
        let items = { (r: inout CacheReader) throws(Bad) -> [MessageArgument] in try r.array { (r: inout CacheReader) throws(Bad) in try r.argument() } }
        switch try byte() {
        case 0: return .text(try string())
        case 1: return .number(try int())
        case 2: return .day(try day())
        case 3: return .yuan(Yuan(fen: Int64(try int())))
        case 4: return .name(try string(), english: try optionalString())
        case 5: return .message(try message())
        case 6: return .list(try items(&self))
        case 7: return .alternatives(try items(&self))
        case 8: return .lines(try items(&self))
        default: throw .bad
        }
    }
    mutating func diagnostic() throws(Bad) -> Diagnostic {
        Diagnostic(try raw(DiagnosticCode.self), at: try location(), try message(),
                   help: try optional { (r: inout CacheReader) throws(Bad) in try r.message() }, subject: try optionalString())
    }

    mutating func result() throws(Bad) -> ContentLoader.RecordResult {
        let value = try optional { (r: inout CacheReader) throws(Bad) in try r.value() }
        let diagnostics = try array { (r: inout CacheReader) throws(Bad) in try r.diagnostic() }
        let markdown = try array { (r: inout CacheReader) throws(Bad) in
            MarkdownText(text: try r.string(), start: try r.location(), owner: try r.string())
        }
        var result = ContentLoader.RecordResult(value: value, diagnostics: diagnostics, markdown: markdown)
        result.path = try optionalString()
        result.fileHash = try fixed()
        result.encoding = try optionalString()
        return result
    }

    mutating func value() throws(Bad) -> ContentLoader.RecordResult.Value {
        switch try byte() {
        case 0: return .organization(try organization())
        case 1: return .project(try project())
        case 2: return .ledger(try array { (r: inout CacheReader) throws(Bad) in try r.ledgerEntry() })
        case 3: return .notice(try notice())
        case 4: return .page(try page())
        default: throw .bad
        }
    }

    mutating func organization() throws(Bad) -> Organization {
        let id = try string(), name = try string(), creditCodeText = try string()
        let creditCode: CreditCode?
        if let text = try optionalString() {
            guard case let .success(code) = CreditCode.validate(text) else { throw .bad }
            creditCode = code
        } else {
            creditCode = nil
        }
        let type = try string(), category = try string(), registeredWith = try string()
        let registrationAuthority = try optionalString(), county = try string(), founded = try optionalDay()
        let rating = try optional { (r: inout CacheReader) throws(Bad) -> Organization.Rating in
            let stars = try r.int()
            guard let grade = Grade("\(stars)A"), grade.stars == stars else { throw .bad }
            return Organization.Rating(grade: grade, year: try r.int())
        }
        var inspections: [Int: String] = [:]
        for _ in 0..<(try count()) { inspections[try int()] = try string() }
        var o = Organization(id: id, name: name, creditCodeText: creditCodeText, creditCode: creditCode, type: type, category: category,
                             registeredWith: registeredWith, registrationAuthority: registrationAuthority, county: county, founded: founded,
                             rating: rating, annualInspections: inspections,
                             financialSystem: try optional { (r: inout CacheReader) throws(Bad) in try r.bool() },
                             office: try optionalString(), staff: try optionalInt(), certifiedSocialWorkers: try optionalInt(),
                             violations: try array { (r: inout CacheReader) throws(Bad) in
                                 Organization.Violation(date: try r.day(), description: try r.string())
                             },
                             website: try optionalString(), about: try optionalString(), locations: FieldLocations(file: ""))
        o.contact = try contact()
        o.responses = try responses()
        o.locations = try locations()
        return o
    }

    mutating func project() throws(Bad) -> Project {
        let id = try string(), title = try string(), organization = try string(), category = try string()
        let services = try strings(), targetGroups = try strings(), county = try string(), communities = try strings()
        let amount = Yuan(fen: Int64(try int()))
        let applied = try optionalDay(), reviewedBy = try optionalString()
        let contract = try optional { (r: inout CacheReader) throws(Bad) in Project.Contract(date: try r.optionalDay(), number: try r.optionalString()) }
        let period = try period()
        let needs = try optional { (r: inout CacheReader) throws(Bad) in
            Project.NeedsAssessment(date: try r.optionalDay(), method: try r.optionalString(), respondents: try r.optionalInt(),
                                    findings: try r.optionalString())
        }
        let midterm = try optional { (r: inout CacheReader) throws(Bad) in
            Project.Midterm(date: try r.day(), by: try r.strings(), result: try r.raw(Project.Result.self), satisfaction: try r.percent(),
                            spotCheck: try r.optional { (r: inout CacheReader) throws(Bad) in
                                Project.SpotCheck(by: try r.optionalString(), date: try r.optionalDay(), result: try r.verdict())
                            },
                            rectification: try r.optional { (r: inout CacheReader) throws(Bad) in
                                Project.Rectification(deadline: try r.optionalDay(), result: try r.verdict())
                            })
        }
        let final = try optional { (r: inout CacheReader) throws(Bad) in
            Project.Final(date: try r.day(), by: try r.optionalString(), result: try r.raw(Project.Result.self), satisfaction: try r.percent(),
                          score: try r.percent())
        }
        let outcomes = try optional { (r: inout CacheReader) throws(Bad) in
            Project.Outcomes(beneficiaries: try r.optionalInt(), sessions: try r.optionalInt(), hours: try r.optionalInt(),
                             highlights: try r.optionalString())
        }
        let documents = try array { (r: inout CacheReader) throws(Bad) in Project.Document(title: try r.string(), file: try r.string()) }
        let summary = try optionalString()
        let responses = try responses()
        var p = Project(id: id, title: title, organization: organization, category: category, services: services, targetGroups: targetGroups,
                        county: county, communities: communities, amount: amount, applied: applied, reviewedBy: reviewedBy, contract: contract,
                        period: period, needsAssessment: needs, midterm: midterm, final: final, outcomes: outcomes, documents: documents,
                        summary: summary, locations: try locations())
        p.responses = responses
        return p
    }

    mutating func ledgerEntry() throws(Bad) -> LedgerEntry {
        LedgerEntry(date: try day(), project: try string(), kind: try raw(LedgerEntry.Kind.self), amount: Yuan(fen: Int64(try int())),
                    reference: try string(), note: try string(), location: try location(), projectLocation: try location())
    }

    mutating func notice() throws(Bad) -> Notice {
        let slug = try string(), title = try string(), date = try day(), kind = try raw(Notice.Kind.self)
        let regions = try strings(), projects = try strings(), organizations = try strings()
        let publicityPeriod = try period(), draft = try bool(), summary = try optionalString()
        let objection = try optional { (r: inout CacheReader) throws(Bad) in Notice.Objection(how: try r.optionalString(), contact: try r.contact()) }
        var n = Notice(slug: slug, title: title, date: date, kind: kind, regions: regions, projects: projects, organizations: organizations,
                       publicityPeriod: publicityPeriod, draft: draft, body: try string(), locations: try locations())
        n.summary = summary
        n.objection = objection
        return n
    }

    mutating func page() throws(Bad) -> Page {
        let slug = try string(), title = try string(), draft = try bool(), weight = try optionalInt(), description = try optionalString()
        var p = Page(slug: slug, title: title, draft: draft, weight: weight, body: try string(), locations: try locations())
        p.description = description
        return p
    }
}
