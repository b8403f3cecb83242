import GazetteModel

/// `sitemap.xml` (every page a search engine should list, with its last content date) and `robots.txt`.
enum Sitemap {
    /// - `pages`: page paths inside the site (`""`, `projects/x/`), each with its last content date.
    static func xml(baseURL: String, pages: [(path: String, lastmod: Day)]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted(by: { $0.path < $1.path }) {
            out += "  <url><loc>\(Escape.xml(baseURL + page.path))</loc><lastmod>\(page.lastmod)</lastmod></url>\n"
        }
        return out + "</urlset>\n"
    }

    /// Allows everything and names the sitemap. Crawlers read robots.txt only at a host's root: under a sub-path,
    /// copy its `Sitemap:` line into the host's own robots.txt.
    static func robots(baseURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n"
    }
}
