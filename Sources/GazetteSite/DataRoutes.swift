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
