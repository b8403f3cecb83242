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
        package var view: @Sendable (PageContext) -> [String: Any]
    }

    /// Every page, as the list of what to render.
    package func jobs() -> [PageJob] {
        var jobs: [PageJob] = [
            PageJob(path: "", template: "home", dependencies: PageDependencies.home) { $0.home() },
            PageJob(path: "projects/", template: "projects", dependencies: [PageDependencies.aggregates]) { $0.projectsIndex() },
            PageJob(path: "organizations/", template: "organizations", dependencies: [PageDependencies.aggregates]) { $0.organizationsIndex() },
            PageJob(path: "services/", template: "catalogue", dependencies: [PageDependencies.aggregates]) { $0.catalogue() },
            PageJob(path: "search/", template: "search") { $0.searchPage() },
            PageJob(path: "404.html", template: "404", absolute: true, dependencies: []) { $0.notFound() },
        ]
        if site.site.publishFindings {
            jobs.append(PageJob(path: "findings/", template: "findings", dependencies: ["findings"]) { $0.findingsPage() })
        }
        for region in site.regions.cities + site.regions.counties {
            jobs.append(PageJob(path: Routes.region(region.code), template: "region", dependencies: PageDependencies.of(region: region.code)) { $0.regionPage(region) })
        }
        for community in site.communityIndex.all(in: site.regions) {
            jobs.append(PageJob(path: Routes.community(community.slug), template: "community") { $0.communityPage(community) })
        }
        for organization in site.content.organizations {
            jobs.append(PageJob(path: Routes.organization(organization.id), template: "organization",
                                dependencies: PageDependencies.of(organization: organization.id)) { $0.organizationPage(organization) })
        }
        for project in site.projects {
            jobs.append(PageJob(path: Routes.project(project.id), template: "project", dependencies: PageDependencies.of(project: project)) { $0.projectPage(project) })
        }
        for service in site.programme.allServices {
            jobs.append(PageJob(path: Routes.service(service.key), template: "service",
                                dependencies: ["projects-with-service:\(service.key)"]) { $0.cataloguePage(service, isService: true) })
        }
        for group in site.programme.targetGroups {
            jobs.append(PageJob(path: Routes.group(group.key), template: "group", dependencies: ["projects-for-group:\(group.key)"]) { $0.cataloguePage(group, isService: false) })
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
        let pageCount = max(1, (notices.count + Self.noticesPerPage - 1) / Self.noticesPerPage)
        let pagePath: @Sendable (Int) -> String = { $0 == 1 ? base : "\(base)page/\($0)/" }
        return (1...pageCount).map { number in
            let slice = Array(notices.dropFirst((number - 1) * Self.noticesPerPage).prefix(Self.noticesPerPage))
            return PageJob(path: pagePath(number), template: "notices", dependencies: ["notices"]) {
                $0.noticesIndex(slice, page: number, pageCount: pageCount, kind: kind, pagePath: pagePath)
            }
        }
    }

    /// `projects/x/` → `projects/x/index.html`; `404.html` stays.
    package static func filePath(for pagePath: String) -> String {
        pagePath.isEmpty || pagePath.hasSuffix("/") ? pagePath + "index.html" : pagePath
    }
}

/// Files copied as they are: the theme (`templates/assets/` → `theme/`) and the content's `assets/`.
public enum StaticFiles {
    public static func collect(from directory: URL, into prefix: String) throws -> [OutputFile] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let root = directory.resolvingSymlinksInPath().path
        var files: [OutputFile] = []
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let real = url.resolvingSymlinksInPath().path
            guard real.hasPrefix(root + "/"), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.lastPathComponent.hasPrefix(".") else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            files.append(OutputFile(path: prefix + relative, bytes: try Data(contentsOf: url)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
