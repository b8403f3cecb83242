import Foundation
import GazetteModel
import GazetteOutput
import GazetteTemplates

extension SiteRenderer {
    /// Renders a page: its view made with the page's own context, through its template. The one place a page
    /// is rendered: for the page jobs, and for the pages outside the main list whose view needs what the
    /// others do not (the open-data page shows the data files' sizes, the changes page the publication record).
    /// `absolute`: links from the site's root path (the 404 page, served at any depth).
    package func renderPage(path: String, template: String, absolute: Bool = false, view: (PageContext) -> TemplateValue) -> OutputFile {
        let html = templates.renderBytes(template, view(context(path: path, absolute: absolute)))
        return OutputFile(path: SiteRenderer.filePath(for: path), bytes: Data(html))
    }

    /// The same, for a typed view (`PageViews`).
    package func renderPage<View: TemplateView>(path: String, template: String, absolute: Bool = false, view: (PageContext) -> View) -> OutputFile {
        renderPage(path: path, template: template, absolute: absolute) { view($0).templateValue }
    }

    /// The context a page's view is made in.
    package func context(path: String, absolute: Bool = false) -> PageContext {
        var context = PageContext(site: site, strings: strings, path: path, baseURL: baseURL,
                                  absoluteRoot: absolute ? basePath : nil)
        context.freshness = freshness
        context.listParts = listParts
        context.layoutParts = layoutParts
        return context
    }
}
