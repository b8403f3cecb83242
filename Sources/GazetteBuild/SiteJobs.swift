import GazetteMachineFiles
import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite

extension SiteRenderer {
    /// Everything the site is made of, as jobs: the open data, the sitemap, the search index (the largest
    /// single files, started first so that no core waits for them at the end), the feeds, every page, the
    /// publication record's page and feed, and the static files. `previousSizes`: the sizes of the last site's
    /// files, for the downloads page to list the data files an incremental build kept.
    func outputJobs(publications: PublicationLog, staticFiles: [OutputFile],
                    previousSizes: @escaping @Sendable (String) -> Int? = { _ in nil }) -> [OutputJob] {
        var jobs = OpenData.jobs(renderer: self, previousSizes: previousSizes)
        jobs.append(OutputJob(page: nil, kind: "sitemap") { sink in self.renderDiscovery().forEach(sink.put) })
        jobs.append(OutputJob(page: nil, kind: "search-index") { sink in self.writeSearchIndex(into: sink) })
        // The projects list's rows: every project, nothing else (`ProjectListData`).
        var projectList = OutputJob(page: nil, kind: "project-list") { sink in self.renderProjectListData().forEach(sink.put) }
        projectList.identity = "project-list"
        projectList.dependencies = [PageDependencies.aggregates]
        jobs.append(projectList)
        jobs += SiteFeeds(site: site, strings: strings, baseURL: baseURL).jobs()
        jobs += self.jobs().map(pageJob)
        jobs.append(OutputJob(page: nil, kind: "changes") { sink in
            sink.put(self.renderPage(path: "changes/", template: "changes") { $0.changesPage(publications.entries) })
            self.renderChangesFeed(publications.entries).forEach(sink.put)
        })
        jobs.append(OutputJob(page: nil, kind: "static") { sink in staticFiles.forEach(sink.put) })
        return jobs
    }

    /// A page as a job: rendered with its own context, then put into the sink.
    private func pageJob(_ job: PageJob) -> OutputJob {
        var output = OutputJob(page: job.path, kind: "page:" + job.template) { sink in
            sink.put(self.renderPage(path: job.path, template: job.template, absolute: job.absolute, view: job.view))
        }
        output.dependencies = job.dependencies
        return output
    }
}
