import GazetteModel
import GazetteSite

extension PageContext {
    /// An absolute URL inside the site (`projects/x/` → `https://host/gmfw/projects/x/`): for canonical links,
    /// Open Graph, feeds and the sitemap. Links between pages stay relative.
    package func absoluteURL(_ sitePath: String) -> String { baseURL + sitePath }

    /// What `<head>` says about the page to search engines, link previews and feed readers: its canonical
    /// address, its Open Graph type and locale, and the feeds that follow it.
    func headMeta() -> [String: Any] {
        let parts = path.split(separator: "/")
        let isNotice = parts.count == 2 && parts[0] == "notices" && !RecordLink.reservedNoticeSlugs.contains(String(parts[1]))
        return [
            "canonical": absoluteURL(path),
            "ogType": isNotice ? "article" : "website",
            "ogLocale": strings.text("meta.ogLocale"),
            "feeds": SiteFeed.feeds(forPage: path, site: site).map { feed in
                ["title": feed.title(self), "href": link(feed.path)]
            },
        ]
    }
}
