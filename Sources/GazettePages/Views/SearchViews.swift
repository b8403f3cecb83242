import GazetteModel

extension PageContext {
    /// The kinds of record the search finds, in the order results of equal score are listed.
    package static let searchKinds = ["region", "community", "project", "organization", "notice"]

    /// The named fields a search result can say it matched (`SearchDocuments.swift`).
    package static let searchFields = ["community", "organization", "contract", "service", "group", "place", "status", "evaluation", "kind"]

    /// `residents.search.synonyms` of the interface strings as JSON (`{"养老":["社区居家老年人",…]}`), keys in
    /// code-point order: the words residents type and the names in the records they mean.
    func searchSynonymsJSON() -> String {
        let residents = strings.tree["residents"] as? [String: Any]
        let search = residents?["search"] as? [String: Any]
        let synonyms = search?["synonyms"] as? [String: Any] ?? [:]
        let keys = synonyms.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let pairs = keys.map { key -> String in
            let values = (synonyms[key] as? [Any] ?? [synonyms[key] as Any]).map { "\($0)" }
            return Escape.json(key) + ":[" + values.map(Escape.json).joined(separator: ",") + "]"
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// The search page: a form the script turns on, the words it shows, and the lists to browse without it.
    func searchPage() -> [String: Any] {
        var view = layout(title: strings.text("search.title"), section: "search")
        view["search"] = [
            "index": link("search/index.json"),
            "script": link("theme/search.js"),
            "browse": [
                ["label": strings.text("search.browseProjects"), "href": link("projects/")],
                ["label": strings.text("search.browseOrganizations"), "href": link("organizations/")],
                ["label": strings.text("search.browseNotices"), "href": link("notices/")],
                ["label": strings.text("search.browseRegions"), "href": link("") + "#cities-heading"],
            ],
            "kinds": Self.searchKinds.map { ["kind": $0, "label": strings.text("search.kinds.\($0)")] },
            "fields": Self.searchFields.map { ["field": $0, "label": strings.text("residents.search.fields.\($0)")] },
            "synonyms": searchSynonymsJSON(),
        ]
        return view
    }
}
