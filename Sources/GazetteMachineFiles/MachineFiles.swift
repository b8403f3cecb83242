import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite

/// The files made for programs rather than people: feeds, the sitemap and robots.txt, the search index.
extension SiteRenderer {
    /// `feeds/changes.atom`: the publication record as a feed (the newest publications; the rest archived).
    public func renderChangesFeed(_ publications: [ChangeEntry]) -> [OutputFile] {
        SiteFeeds(site: site, strings: strings, baseURL: baseURL, noticeSummaries: false).documents(.changes(publications))
    }

    /// `sitemap.xml` with every page but the 404 page, and `robots.txt` pointing at it.
    public func renderDiscovery() -> [OutputFile] {
        let dates = PageDates(site: site)
        // The pages of the jobs, and the two made beside them: the downloads and the publication record.
        let paths = jobs().filter { !$0.absolute }.map(\.path) + [OpenData.pagePath, "changes/"]
        let pages = zip(paths, dates.lastmods(paths)).map { (path: $0, lastmod: $1) }
        return [OutputFile(path: "sitemap.xml", text: Sitemap.xml(baseURL: baseURL, pages: pages)),
                OutputFile(path: "robots.txt", text: Sitemap.robots(baseURL: baseURL))]
    }

    /// `search/index.json` (the whole index) and the pieces the search page fetches (`SearchShards`).
    public func renderSearchIndex() -> [OutputFile] {
        let context = PageContext(site: site, strings: strings, path: "search/", baseURL: baseURL)
        let index = context.searchIndex()
        return [OutputFile(path: "search/index.json", text: index.json())] + SearchShards(index: index).files()
    }
}
