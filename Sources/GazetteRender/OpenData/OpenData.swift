import Foundation
import GazetteModel

/// The open data of `data/`: CSV files, `site.json`, the OCDS packages, and the `/data/` page that explains
/// them. Made from the same resolved site as the pages, so every figure is the pages' figure.
public enum OpenData {
    /// One published data file, as the `/data/` page lists it.
    struct Entry {
        /// `projects`, `organizations`, `ledger`, `findings`, `region`, `site`, `ocdsReleases`, `ocdsRecords`.
        var kind: String
        var file: OutputFile
        var columns: [String] = []
        /// For a city's file: the city.
        var region: Region?
    }

    /// The data files, then the `/data/` page.
    /// The downloads page.
    static let pagePath = "data/"

    public static func files(renderer: SiteRenderer, baseURL: String) -> [OutputFile] {
        let entries = self.entries(site: renderer.site, strings: renderer.strings, baseURL: baseURL)
        let ocdsSkipped = renderer.site.site.ocidPrefix == nil
        let page = renderer.renderPage(path: pagePath, template: "data") { $0.dataPage(entries, ocdsSkipped: ocdsSkipped) }
        return entries.map(\.file) + [page]
    }

    static func entries(site: ResolvedSite, strings: Strings, baseURL: String) -> [Entry] {
        let tables = DataTables(site: site, baseURL: baseURL)
        var entries: [Entry] = [
            Entry(kind: "projects", file: OutputFile(path: "data/projects.csv", bytes: tables.projects(site.projects).bytes),
                  columns: DataTables.projectColumns),
            Entry(kind: "organizations", file: OutputFile(path: "data/organizations.csv", bytes: tables.organizations().bytes),
                  columns: DataTables.organizationColumns),
            Entry(kind: "ledger", file: OutputFile(path: "data/ledger.csv", bytes: tables.ledger().bytes),
                  columns: DataTables.ledgerColumns),
        ]
        if site.site.publishFindings {
            entries.append(Entry(kind: "findings", file: OutputFile(path: "data/findings.csv", bytes: tables.findings().bytes),
                                 columns: DataTables.findingColumns))
        }
        for city in site.regions.cities {
            entries.append(Entry(kind: "region", file: OutputFile(path: "data/regions/\(city.code).csv",
                                                                  bytes: tables.projects(site.projects(inCity: city.code)).bytes),
                                 columns: DataTables.projectColumns, region: city))
        }
        entries.append(Entry(kind: "site", file: OutputFile(path: "data/site.json",
                                                            text: SiteData(site: site, baseURL: baseURL).document().text())))
        if let ocds = OCDS(site: site, strings: strings, baseURL: baseURL) {
            entries.append(Entry(kind: "ocdsReleases", file: OutputFile(path: OCDS.releasePackagePath, text: ocds.releasePackage().text())))
            entries.append(Entry(kind: "ocdsRecords", file: OutputFile(path: OCDS.recordPackagePath, text: ocds.recordPackage().text())))
        }
        return entries
    }
}
