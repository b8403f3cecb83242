import Foundation
import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite
import GazetteSpreadsheet
import GazetteTemplates

/// The open data of `data/`: CSV files, `site.json`, the OCDS packages, and the `/data/` page that explains
/// them. Made from the same resolved site as the pages, so every figure is the pages' figure.
public enum OpenData {
    /// One published data file, as the `/data/` page lists it.
    struct Entry {
        /// `projects`, `organizations`, `ledger`, `findings`, `region`, `site`, `ocdsReleases`, `ocdsRecords`.
        var kind: String
        var path: String
        var columns: [String] = []
        /// For a city's file: the city.
        var region: Region?
        /// Its size in bytes, once made.
        var size = 0
        /// A table's Excel workbook beside the CSV file (`data/projects.xlsx`), and its size.
        var xlsxPath: String?
        var xlsxSize = 0
        /// The same file gzip-compressed beside it (`data/site.json.gz`, issue 16), for the large files, and its size.
        var gzPath: String?
        var gzSize = 0
        /// What the file shows, as `PageDependencies` keys (`*`: everything, made every time).
        var dependencies: Set<String> = [PageDependencies.everything]
    }

    /// The files offered gzip-compressed as well: the whole-site tables and documents, the largest downloads.
    static let compressedKinds: Set<String> = ["projects", "organizations", "ledger", "findings", "site", "ocdsReleases", "ocdsRecords"]

    /// Puts the gzip file of `bytes` beside `path`; returns its path and size.
    static func putCompressed(_ bytes: Data, beside path: String, into sink: FileSink) -> (path: String, size: Int) {
        var compressed = Data()
        BuildTiming.shared.measure("open-data:gzip (part of the above)") { compressed = Gzip.compress(bytes) }
        sink.put(OutputFile(path: Gzip.path(beside: path), bytes: compressed))
        return (Gzip.path(beside: path), compressed.count)
    }

    /// The downloads page.
    static let pagePath = "data/"

    /// Each data file as a job (the largest are tens of megabytes at a province's scale, made and let go one
    /// at a time per core), and the `/data/` page, which lists them with their sizes, as a job that runs once
    /// they are all made.
    /// Each data file's job has an identity and the `PageDependencies` keys of what it shows
    /// (`Entry.dependencies`), so that an incremental build keeps the files of a job none of whose keys changed;
    /// the downloads page then takes a kept file's size from `previousSizes` (the site on disk, or in memory).
    package static func jobs(renderer: SiteRenderer, previousSizes: @escaping @Sendable (String) -> Int? = { _ in nil }) -> [OutputJob] {
        let plan = self.plan(site: renderer.site, strings: renderer.strings, baseURL: renderer.baseURL)
        let sizes = SizeBoard()
        var jobs = plan.map { entry, make in
            var job = OutputJob(page: nil, kind: "open-data:" + entry.kind) { sink in
                sizes.ran(entry.path)
                for (path, size) in make(sink, entry.path) { sizes.note(path, size) }
            }
            job.identity = "open-data:" + entry.path
            job.dependencies = entry.dependencies
            return job
        }
        let ocdsSkipped = renderer.site.site.ocidPrefix == nil
        jobs.append(OutputJob(page: nil, kind: "page:data", afterOthers: true) { sink in
            let listed: [Entry] = plan.map { planned -> Entry in
                var entry = planned.0
                // A job that did not run kept its files from last time, with their sizes.
                let made = sizes.hasRun(entry.path)
                func size(_ path: String) -> Int { made ? sizes.size(path) : previousSizes(path) ?? 0 }
                entry.size = size(entry.path)
                entry.xlsxSize = entry.xlsxPath.map(size) ?? 0
                entry.gzSize = entry.gzPath.map(size) ?? 0
                return entry
            }
            sink.put(renderer.renderPage(path: pagePath, template: "data") { $0.dataPage(listed, ocdsSkipped: ocdsSkipped) })
        })
        return jobs
    }

    /// The sizes of the data files, noted as they are made.
    /// `@unchecked Sendable`: `sizes` is read and written only with `lock` held.
    private final class SizeBoard: @unchecked Sendable {
        private let lock = NSLock()
        private var sizes: [String: Int] = [:]
        /// The data files whose jobs ran this time (by the entry's path).
        private var made: Set<String> = []
        func ran(_ path: String) {
            lock.lock()
            made.insert(path)
            lock.unlock()
        }
        func hasRun(_ path: String) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return made.contains(path)
        }
        func note(_ path: String, _ size: Int) {
            lock.lock()
            sizes[path] = size
            lock.unlock()
        }
        func size(_ path: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            return sizes[path] ?? 0
        }
    }

    /// The CSV of each list page's projects, by the page's scope: counties (a city's file is made above),
    /// providers, services and target groups.
    /// `key`: the `PageDependencies` key of the list's projects (the list page's own key).
    static func listFiles(site: ResolvedSite) -> [(path: String, key: String, projects: @Sendable () -> [ResolvedProject])] {
        var files: [(path: String, key: String, projects: @Sendable () -> [ResolvedProject])] = []
        for county in site.regions.counties {
            files.append((listPath(scope: "county:\(county.code)")!, "projects-in:\(county.code)", { site.projects(inCounty: county.code) }))
        }
        for organization in site.content.organizations.sorted(by: { $0.id < $1.id }) {
            files.append((listPath(scope: "organization:\(organization.id)")!, "projects-of:\(organization.id)", { site.projects(of: organization.id) }))
        }
        for category in site.programme.categories {
            for service in category.services where !files.contains(where: { $0.path == listPath(scope: "service:\(service.key)") }) {
                files.append((listPath(scope: "service:\(service.key)")!, "projects-with-service:\(service.key)",
                              { site.projects(withService: service.key) }))
            }
        }
        for group in site.programme.targetGroups {
            files.append((listPath(scope: "group:\(group.key)")!, "projects-for-group:\(group.key)", { site.projects(forGroup: group.key) }))
        }
        return files
    }

    /// Where the CSV of a list page's projects is (`Routes.projectList(scope:)`), or nil.
    static func listPath(scope: String) -> String? { Routes.projectList(scope: scope) }

    /// How to make a data file into a sink, returning the size of each file it made (a table's CSV file and the
    /// workbook beside it).
    typealias Make = @Sendable (FileSink, String) -> [(path: String, size: Int)]

    /// Every data file, in the order the page lists them, with how to make it.
    /// The JSON documents are written in pieces as they are made: they are the largest files.
    static func plan(site: ResolvedSite, strings: Strings, baseURL: String) -> [(Entry, Make)] {
        let tables = DataTables(site: site, baseURL: baseURL)
        /// A table's CSV file and, beside it, the same table as a workbook: made from one table, in one job.
        func csv(_ sheetName: String, compressed: Bool = true, _ make: @escaping @Sendable () -> CSVTable) -> Make {
            { sink, path in
                let table = make()
                let bytes = table.bytes
                sink.put(OutputFile(path: path, bytes: bytes))
                let gz = compressed ? [putCompressed(bytes, beside: path, into: sink)] : []
                var workbook = Data()
                BuildTiming.shared.measure("open-data:xlsx (part of the above)") {
                    workbook = DataWorkbooks.bytes(table, sheetName: sheetName, strings: strings)
                }
                let workbookPath = DataWorkbooks.path(beside: path)
                sink.put(OutputFile(path: workbookPath, bytes: workbook))
                return [(path, bytes.count), (workbookPath, workbook.count)] + gz
            }
        }
        /// A file made whole, with nothing beside it.
        func bytes(_ make: @escaping @Sendable () -> Data) -> Make {
            { sink, path in
                let bytes = make()
                sink.put(OutputFile(path: path, bytes: bytes))
                return [(path, bytes.count)]
            }
        }
        /// Written in pieces as it is made; its gzip copy is made by reading it back piece by piece, so that
        /// neither is ever whole in memory (`site.json` is about 100 MB at a province's scale).
        func json(_ make: @escaping @Sendable () -> JSONValue) -> Make {
            { sink, path in
                let size = sink.put(path: path) { emit in make().write(chunks: emit) }
                var compressed: Data?
                BuildTiming.shared.measure("open-data:gzip (part of the above)") {
                    compressed = Gzip.compress(size: size) { sink.read(path: path, offset: $0, count: $1) }
                }
                guard let compressed else { return [(path, size)] }
                sink.put(OutputFile(path: Gzip.path(beside: path), bytes: compressed))
                return [(path, size), (Gzip.path(beside: path), compressed.count)]
            }
        }
        func table(_ kind: String, _ path: String, _ columns: [String], region: Region? = nil, dependencies: Set<String>) -> Entry {
            Entry(kind: kind, path: path, columns: columns, region: region, xlsxPath: DataWorkbooks.path(beside: path),
                  gzPath: compressedKinds.contains(kind) ? Gzip.path(beside: path) : nil, dependencies: dependencies)
        }
        // What each file shows, as the keys a change touches (`SiteKeys.dirtyKeys`): every change to a project,
        // its ledger rows or its organization touches `aggregate`, and the project's own list keys; a change to
        // the findings touches `findings`. No table shows a notice or a free page.
        let projects: Set<String> = [PageDependencies.aggregates]
        func title(_ kind: String, _ region: Region? = nil) -> String {
            strings.format("openData.files.\(kind).title", ["region": region?.name ?? ""])
        }
        var plan: [(Entry, Make)] = [
            (table("projects", "data/projects.csv", DataTables.projectColumns, dependencies: projects), csv(title("projects")) { tables.projects(site.projects) }),
            (table("organizations", "data/organizations.csv", DataTables.organizationColumns, dependencies: projects),
             csv(title("organizations")) { tables.organizations() }),
            (table("ledger", "data/ledger.csv", DataTables.ledgerColumns, dependencies: projects), csv(title("ledger")) { tables.ledger() }),
        ]
        if site.site.publishFindings {
            plan.append((table("findings", "data/findings.csv", DataTables.findingColumns, dependencies: ["findings"]), csv(title("findings")) { tables.findings() }))
        }
        for city in site.regions.cities {
            plan.append((table("region", "data/regions/\(city.code).csv", DataTables.projectColumns, region: city,
                               dependencies: ["projects-in:\(city.code)"]),
                         csv(city.name, compressed: false) { tables.projects(site.projects(inCity: city.code)) }))
        }
        // One CSV per list of projects a page shows (a county, a provider, a service, a target group), linked
        // from that page; the data page describes them together rather than listing thousands of files.
        for list in listFiles(site: site) {
            let projects = list.projects
            // CSV only: a workbook per list would double thousands of files at province scale.
            plan.append((Entry(kind: "list", path: list.path, columns: DataTables.projectColumns, dependencies: [list.key]), bytes { tables.projects(projects()).bytes }))
        }
        // `site.json` shows every record, the findings, and of the notices all but their bodies.
        let siteData: Set<String> = [PageDependencies.aggregates, "findings", PageDependencies.noticesShown]
        plan.append((Entry(kind: "site", path: "data/site.json", gzPath: "data/site.json.gz", dependencies: siteData), json { SiteData(site: site, baseURL: baseURL).document() }))
        plan.append((Entry(kind: "schema", path: SiteSchema.path, dependencies: []), bytes { Data((SiteSchema.text + "\n").utf8) }))
        if let ocds = OCDS(site: site, strings: strings, baseURL: baseURL) {
            plan.append((Entry(kind: "ocdsReleases", path: OCDS.releasePackagePath, gzPath: Gzip.path(beside: OCDS.releasePackagePath), dependencies: projects),
                         json { ocds.releasePackage() }))
            plan.append((Entry(kind: "ocdsRecords", path: OCDS.recordPackagePath, gzPath: Gzip.path(beside: OCDS.recordPackagePath), dependencies: projects),
                         json { ocds.recordPackage() }))
        }
        return plan
    }
}
