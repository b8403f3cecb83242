import Foundation
import GazetteModel
import GazetteOutput
import GazetteSite
import GazetteTemplates

/// What every page of the site is: its path, its template and how to make its view (`jobs()`); the pages
/// and the other files are made by the build's jobs (`OutputJobs.swift`).
public struct SiteRenderer: Sendable {
    public let site: ResolvedSite
    public let templates: TemplateSet
    public let strings: Strings
    /// The path part of the base URL (`/gmfw/`), for the one page served at any address: the 404 page.
    public let basePath: String
    /// The site's absolute address, ending in `/`: for canonical links, feeds and the sitemap.
    public let baseURL: String
    /// When each record last changed, from the publication record (empty without one).
    public var freshness: [String: RecordFreshness] = [:]
    /// The whole-list parts of paginated lists, made once per build (`ListParts`).
    package let listParts = ListParts()
    /// The layout's fixed parts per section and folder depth, made once per build (`LayoutParts`).
    package let layoutParts = LayoutParts()

    public static let noticesPerPage = 10

    public init(site: ResolvedSite, templates: TemplateSet, strings: Strings, baseURL: String,
                freshness: [String: RecordFreshness] = [:]) {
        self.freshness = freshness
        self.site = site
        self.templates = templates
        self.strings = strings
        basePath = SiteRenderer.path(ofURL: baseURL)
        self.baseURL = baseURL
    }

    /// `https://x.gov.cn/gmfw/` → `/gmfw/`.
    package static func path(ofURL url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "/" }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" }
        let path = afterHost.isEmpty ? "/" : String(afterHost)
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// A page to render: where it goes, which template, what it shows (the keys an incremental build compares,
    /// `PageDependencies`; by default everything, so a page is never left stale), and how to make its view.
    package struct PageJob: Sendable {
        package var path: String
        package var template: String
        package var absolute: Bool = false
        package var dependencies: Set<String> = [PageDependencies.everything]
        package var view: @Sendable (PageContext) -> TemplateValue

        /// A page whose view is typed: its template is checked against the view's names (`PageViews`).
        package init<View: TemplateView>(path: String, template: String, absolute: Bool = false,
                                         dependencies: Set<String> = [PageDependencies.everything],
                                         view: @escaping @Sendable (PageContext) -> View) {
            self.path = path
            self.template = template
            self.absolute = absolute
            self.dependencies = dependencies
            self.view = { view($0).templateValue }
        }
    }

    /// Every page, as the list of what to render.
    package func jobs() -> [PageJob] {
        var jobs: [PageJob] = [
            PageJob(path: "", template: "home", dependencies: PageDependencies.home) { $0.home() },
            PageJob(path: "services/", template: "catalogue", dependencies: [PageDependencies.aggregates]) { $0.catalogue() },
            PageJob(path: "search/", template: "search") { $0.searchPage() },
            PageJob(path: "404.html", template: "404", absolute: true, dependencies: []) { $0.notFound() },
        ]
        // Long lists go into pages of `page_size` rows (`ListPage`), each page with the whole list's totals.
        jobs += listJobs(base: "projects/", template: "projects", count: site.projects.count,
                         dependencies: [PageDependencies.aggregates]) { $0.projectsIndex($1) }
        jobs += listJobs(base: "organizations/", template: "organizations", count: site.content.organizations.count,
                         dependencies: [PageDependencies.aggregates]) { $0.organizationsIndex($1) }
        if site.site.publishFindings {
            jobs += listJobs(base: "findings/", template: "findings", count: site.findings.count,
                             dependencies: ["findings"]) { $0.findingsPage($1) }
        }
        for region in site.regions.cities + site.regions.counties {
            jobs += listJobs(base: Routes.region(region.code), template: "region", count: site.projects(in: region).count,
                             dependencies: PageDependencies.of(region: region.code)) { $0.regionPage(region, $1) }
        }
        for community in site.communityIndex.all(in: site.regions) {
            jobs += listJobs(base: Routes.community(community.slug), template: "community",
                             count: site.communityIndex.projects(of: community).count,
                             // Its projects are the county's (a project naming it touches `projects-in:COUNTY`).
                             dependencies: ["projects-in:\(community.county)"]) {
                $0.communityPage(community, $1)
            }
        }
        for organization in site.content.organizations {
            jobs += listJobs(base: Routes.organization(organization.id), template: "organization", count: site.projects(of: organization.id).count,
                             dependencies: PageDependencies.of(organization: organization.id)) { $0.organizationPage(organization, $1) }
        }
        for project in site.projects {
            jobs.append(PageJob(path: Routes.project(project.id), template: "project", dependencies: PageDependencies.of(project: project)) { $0.projectPage(project) })
        }
        for service in site.programme.allServices {
            jobs += listJobs(base: Routes.service(service.key), template: "service", count: site.projects(withService: service.key).count,
                             dependencies: ["projects-with-service:\(service.key)"]) { $0.cataloguePage(service, isService: true, $1) }
        }
        for group in site.programme.targetGroups {
            jobs += listJobs(base: Routes.group(group.key), template: "group", count: site.projects(forGroup: group.key).count,
                             dependencies: ["projects-for-group:\(group.key)"]) { $0.cataloguePage(group, isService: false, $1) }
        }
        jobs += noticeIndexJobs(site.notices, kind: nil)
        for kind in Notice.Kind.allCases {
            let notices = site.notices.filter { $0.kind == kind }
            if !notices.isEmpty { jobs += noticeIndexJobs(notices, kind: kind) }
        }
        for notice in site.notices {
            jobs.append(PageJob(path: Routes.notice(notice.slug), template: "notice", dependencies: PageDependencies.of(notice: notice)) { $0.noticePage(notice) })
        }
        for page in site.pages {
            jobs.append(PageJob(path: Routes.page(page.slug), template: "page", dependencies: ["page:\(page.slug)"]) { $0.freePage(page) })
        }
        return jobs
    }

    /// The notices index in pages of ten: `notices/`, `notices/page/2/`… (or under `notices/kind/KIND/`).
    private func noticeIndexJobs(_ notices: [Notice], kind: Notice.Kind?) -> [PageJob] {
        let base = kind.map { "notices/kind/\($0.rawValue)/" } ?? "notices/"
        return ListPage.pages(base: base, count: notices.count, size: Self.noticesPerPage).map { page in
            let slice = Array(notices[page.rows])
            // The list's order and the rows on this page (`PageDependencies.noticeList`).
            let dependencies = Set([PageDependencies.noticeList] + slice.map { PageDependencies.noticeRow($0.slug) })
            return PageJob(path: page.path, template: "notices", dependencies: dependencies) {
                $0.noticesIndex(slice, page: page, kind: kind)
            }
        }
    }

    /// `projects/x/` → `projects/x/index.html`; `404.html` stays.
    package static func filePath(for pagePath: String) -> String {
        pagePath.isEmpty || pagePath.hasSuffix("/") ? pagePath + "index.html" : pagePath
    }
}
