import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite

/// The files made for programs rather than people: feeds, the sitemap and robots.txt, the search index.
extension SiteRenderer {
    /// `feeds/changes.atom`: the publication record as a feed.
    public func renderChangesFeed(_ publications: [ChangeEntry]) -> OutputFile {
        let feed = SiteFeeds.Feed.changes(publications)
        return OutputFile(path: feed.path, text: SiteFeeds(site: site, strings: strings, baseURL: baseURL, noticeSummaries: false).atom(feed).xml())
    }

    /// `sitemap.xml` with every page but the 404 page, and `robots.txt` pointing at it.
    public func renderDiscovery() -> [OutputFile] {
        let dates = PageDates(site: site)
        // The pages of the jobs, and the two made beside them: the downloads and the publication record.
        let paths = jobs().filter { !$0.absolute }.map(\.path) + [OpenData.pagePath, "changes/"]
        let pages = paths.map { (path: $0, lastmod: dates.lastmod($0)) }
        return [OutputFile(path: "sitemap.xml", text: Sitemap.xml(baseURL: baseURL, pages: pages)),
                OutputFile(path: "robots.txt", text: Sitemap.robots(baseURL: baseURL))]
    }

    /// `search/index.json`, fetched by the search page only.
    public func renderSearchIndex() -> [OutputFile] {
        let context = PageContext(site: site, strings: strings, path: "search/", baseURL: baseURL)
        return [OutputFile(path: "search/index.json", text: context.searchIndex().json())]
    }
}
