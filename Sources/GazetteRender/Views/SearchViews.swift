extension PageContext {
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
        ]
        return view
    }
}
