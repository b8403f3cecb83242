/// Where the open data's files for list pages are (`data/`), beside the pages' routes (`Routes`).
extension Routes {
    /// Where the CSV of a list page's projects is (`county:630102` → `data/regions/630102.csv`), or nil.
    package static func projectList(scope: String) -> String? {
        let parts = scope.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 || scope == "province" else { return nil }
        switch parts[0] {
        case "province": return "data/projects.csv"
        case "city", "county": return "data/regions/\(parts[1]).csv"
        case "organization": return "data/organizations/\(parts[1]).csv"
        case "service": return "data/services/\(parts[1]).csv"
        case "group": return "data/groups/\(parts[1]).csv"
        default: return nil
        }
    }
}

/// The files the pages' scripts fetch (issue 16).
extension Routes {
    /// Every project's row of the projects list, for the filters of a list on several pages (`ProjectListData`).
    package static let projectRows = "projects/rows.json"
    /// The search index's manifest, the first piece the search page fetches (`SearchShards`).
    package static let searchManifest = "search/manifest.json"
    package static func searchTermShard(_ number: Int) -> String { "search/terms/\(number).json" }
    package static func searchDocShard(_ number: Int) -> String { "search/docs/\(number).json" }
}
