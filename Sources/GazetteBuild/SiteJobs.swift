import GazetteMachineFiles
import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite

extension SiteRenderer {
    /// Everything the site is made of, as jobs: the open data, the sitemap, the search index (the largest
    /// single files, started first so that no core waits for them at the end), the feeds, every page, the
    /// publication record's page and feed, and the static files.
    func outputJobs(publications: PublicationLog, staticFiles: [OutputFile]) -> [OutputJob] {
        var jobs = OpenData.jobs(renderer: self)
        jobs.append(OutputJob(page: nil, kind: "sitemap") { sink in self.renderDiscovery().forEach(sink.put) })
        jobs.append(OutputJob(page: nil, kind: "search-index") { sink in self.renderSearchIndex().forEach(sink.put) })
        jobs += SiteFeeds(site: site, strings: strings, baseURL: baseURL).jobs()
        jobs += self.jobs().map(pageJob)
        jobs.append(OutputJob(page: nil, kind: "changes") { sink in
            sink.put(self.renderPage(path: "changes/", template: "changes") { $0.changesPage(publications.entries) })
            sink.put(self.renderChangesFeed(publications.entries))
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
