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
        var sitemap = OutputJob(page: nil, kind: "sitemap") { sink in self.renderDiscovery().forEach(sink.put) }
        sitemap.identity = "sitemap"
        sitemap.dependencies = PageDependencies.sitemap
        jobs.append(sitemap)
        jobs.append(OutputJob(page: nil, kind: "search-index") { sink in self.writeSearchIndex(into: sink) })
        // The projects list's rows: every project, nothing else (`ProjectListData`).
        var projectList = OutputJob(page: nil, kind: "project-list") { sink in self.renderProjectListData().forEach(sink.put) }
        projectList.identity = "project-list"
        projectList.dependencies = [PageDependencies.aggregates]
        jobs.append(projectList)
        jobs += SiteFeeds(site: site, strings: strings, baseURL: baseURL).jobs()
        jobs += self.jobs().map(pageJob)
        jobs.append(OutputJob(page: nil, kind: "changes") { sink in
            // Made once for the page and the feed: each time, a snapshot of every record and ledger row.
            let entries = publications.entries
            sink.put(self.renderPage(path: "changes/", template: "changes") { $0.changesPage(entries) })
            self.renderChangesFeed(entries).forEach(sink.put)
        })
        jobs.append(OutputJob(page: nil, kind: "static") { sink in staticFiles.forEach(sink.put) })
        return jobs.map(returningFreePages)
    }

    /// The jobs that make the large files for programs build large temporary structures (the search index's
    /// postings, a table and its workbook, a JSON document, the publication snapshots of the changes page):
    /// once one is done, the pages it freed go back to the system instead of staying resident beside every
    /// page rendered after it (issue 16, peak memory). Not after the many small jobs (list CSVs, feeds,
    /// pages): returning takes a few milliseconds each time.
    private func returningFreePages(_ job: OutputJob) -> OutputJob {
        guard ["search-index", "sitemap", "changes", "project-list"].contains(job.kind)
                || (job.kind.hasPrefix("open-data:") && job.kind != "open-data:list") else { return job }
        var wrapped = job
        let run = job.run
        wrapped.run = { sink in
            run(sink)
            BuildTiming.shared.measure("free pages returned (part of the above)") { ProcessMemory.releaseFreePages() }
        }
        return wrapped
    }

    /// A page as a job: rendered with its own context, then put into the sink.
    private func pageJob(_ job: PageJob) -> OutputJob {
        // What the page needs to be rendered, not the page job (whose dependency keys would live as long as the job).
        let path = job.path, template = job.template, absolute = job.absolute, view = job.view
        var output = OutputJob(page: job.path, kind: "page:" + job.template) { sink in
            sink.put(self.renderPage(path: path, template: template, absolute: absolute, view: view))
        }
        output.dependencies = job.dependencies
        return output
    }
}
