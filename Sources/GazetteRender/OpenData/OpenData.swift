import Foundation
import GazetteModel

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
    }

    /// The downloads page.
    static let pagePath = "data/"

    /// Makes the data files one by one, each put into the sink and let go before the next (the largest are
    /// tens of megabytes at a province's scale), then the `/data/` page that lists them with their sizes.
    static func write(renderer: SiteRenderer, into sink: FileSink) {
        var listed: [Entry] = []
        for (entry, make) in plan(site: renderer.site, strings: renderer.strings, baseURL: renderer.baseURL) {
            let file = OutputFile(path: entry.path, bytes: make())
            var entry = entry
            entry.size = file.bytes.count
            sink.put(file)
            listed.append(entry)
        }
        let ocdsSkipped = renderer.site.site.ocidPrefix == nil
        sink.put(renderer.renderPage(path: pagePath, template: "data") { $0.dataPage(listed, ocdsSkipped: ocdsSkipped) })
    }

    /// Every data file, in the order the page lists them, with how to make its bytes.
    static func plan(site: ResolvedSite, strings: Strings, baseURL: String) -> [(Entry, () -> Data)] {
        let tables = DataTables(site: site, baseURL: baseURL)
        var plan: [(Entry, () -> Data)] = [
            (Entry(kind: "projects", path: "data/projects.csv", columns: DataTables.projectColumns), { tables.projects(site.projects).bytes }),
            (Entry(kind: "organizations", path: "data/organizations.csv", columns: DataTables.organizationColumns),
             { tables.organizations().bytes }),
            (Entry(kind: "ledger", path: "data/ledger.csv", columns: DataTables.ledgerColumns), { tables.ledger().bytes }),
        ]
        if site.site.publishFindings {
            plan.append((Entry(kind: "findings", path: "data/findings.csv", columns: DataTables.findingColumns), { tables.findings().bytes }))
        }
        for city in site.regions.cities {
            plan.append((Entry(kind: "region", path: "data/regions/\(city.code).csv", columns: DataTables.projectColumns, region: city),
                         { tables.projects(site.projects(inCity: city.code)).bytes }))
        }
        plan.append((Entry(kind: "site", path: "data/site.json"), { Data(SiteData(site: site, baseURL: baseURL).document().text().utf8) }))
        if let ocds = OCDS(site: site, strings: strings, baseURL: baseURL) {
            plan.append((Entry(kind: "ocdsReleases", path: OCDS.releasePackagePath), { Data(ocds.releasePackage().text().utf8) }))
            plan.append((Entry(kind: "ocdsRecords", path: OCDS.recordPackagePath), { Data(ocds.recordPackage().text().utf8) }))
        }
        return plan
    }
}
