import GazetteModel

extension SiteRenderer {
    /// Renders one page outside the main list: for pages whose view needs what the main pages do not
    /// (the open-data page shows the data files' sizes, the changes page the publication record).
    func renderPage(path: String, template: String, view: (PageContext) -> [String: Any]) -> OutputFile {
        let context = PageContext(site: site, strings: strings, path: path, baseURL: baseURL)
        let html = templates.render(template, view(context))
        return OutputFile(path: path.hasSuffix("/") ? path + "index.html" : path, text: html)
    }
}
