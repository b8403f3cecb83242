import Foundation
import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite
import GazetteTemplates

/// `projects/rows.json`: every project's row of the projects list, for the list's filters when the list is on
/// several pages (issue 16). The filter script fetches it on the first change of a filter and totals, counts
/// and downloads the whole filtered list from it, while each page shows only its own rows. Made only when
/// the list has more than one page; a list on one page filters its own rows, as before.
///
/// ```json
/// {"version":1,
///  "columns":["id","title","city","county","category","status","organization","year","services","groups",
///             "contracted","paid","recovered","toPay","toRecover","satisfaction"],
///  "names":{"county":{"630102":"城东区"},"organization":{…},"category":{…},"status":{…}},
///  "rows":[["qh2017-xn-001","…","630100","630102","elderly","completed","org-1","2017","home-care","elderly",
///           18000000,9000000,0,9000000,0,"95.2%"], …]}
/// ```
/// Money is in fen; `services` and `groups` are space-separated keys, as in the table rows' attributes.
enum ProjectListData {
    static let path = Routes.projectRows

    static func json(_ c: PageContext) -> String {
        let site = c.site
        func object(_ pairs: [(String, String)]) -> String {
            var seen: Set<String> = []
            return "{" + pairs.filter { seen.insert($0.0).inserted }.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
                .map { Escape.json($0.0) + ":" + Escape.json($0.1) }.joined(separator: ",") + "}"
        }
        var out = "{\"version\":1,\"columns\":[\"id\",\"title\",\"city\",\"county\",\"category\",\"status\",\"organization\",\"year\","
            + "\"services\",\"groups\",\"contracted\",\"paid\",\"recovered\",\"toPay\",\"toRecover\",\"satisfaction\"],\n\"names\":{"
        out += "\"county\":" + object(site.projects.map { ($0.project.county, c.regionName($0.project.county)) }) + ",\n"
        out += "\"organization\":" + object(site.projects.map { ($0.project.organization, $0.organization?.name ?? $0.project.organization) }) + ",\n"
        out += "\"category\":" + object(site.projects.map { ($0.project.category, c.categoryName($0.project.category)) }) + ",\n"
        out += "\"status\":" + object(ProjectStatus.allCases.map { ($0.rawValue, c.statusLabel($0)) }) + "},\n\"rows\":[\n"
        out += site.projects.map { p -> String in
            let texts = [p.id, p.project.title, p.city?.code ?? "", p.project.county, p.project.category, p.status.rawValue,
                         p.project.organization, p.project.programmeYear.map(String.init) ?? "",
                         p.project.services.joined(separator: " "), p.project.targetGroups.joined(separator: " ")]
            let fen = [p.project.amount, p.money.paid, p.money.recovered, p.money.toPay, p.money.toRecover].map { String($0.fen) }
            let satisfaction = c.satisfactionCell(p.project).text
            return "[" + (texts.map(Escape.json) + fen + [Escape.json(satisfaction)]).joined(separator: ",") + "]"
        }.joined(separator: ",\n")
        return out + "\n]}\n"
    }
}

extension SiteRenderer {
    /// The projects list's rows file, when the list is on several pages.
    package func renderProjectListData() -> [OutputFile] {
        guard site.projects.count > site.site.pageSize else { return [] }
        let context = PageContext(site: site, strings: strings, path: "projects/", baseURL: baseURL)
        return [OutputFile(path: ProjectListData.path, text: ProjectListData.json(context))]
    }
}
