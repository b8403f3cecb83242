import Foundation
import GazetteModel
@testable import GazetteBuild
@testable import GazettePages
@testable import GazetteTemplates
import Testing

/// The whole-list parts of list pages, made once per build (`ListParts`), against each page made on its own:
/// every page of the sample, with its lists cut into pages of a few rows (so that the regions, services,
/// groups and the projects index span pages at two folder depths), the same bytes either way, whichever
/// page came first.
@Suite("List pages' shared parts against pages made alone")
struct ListPartsOracleTests {
    @Test(arguments: [1, 2, 3, 7])
    func sharedPartsGiveTheSamePages(pageSize: Int) throws {
        let copy = try Fixture.copyOfSample()
        try copy.append("site.yaml", "\npage_size: \(pageSize)\n")
        let folder = try TemporaryFolder("gazette-list-parts")
        let build = IncrementalBuild(Build.Options(content: copy.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                   output: folder.url.appendingPathComponent("out")))
        guard case let .ready(prepared) = build.prepare() else { Issue.record("the sample does not build"); return }
        let renderer = prepared.renderer
        // Later pages first, then the first pages: the parts stored by a deep page serve only its depth.
        var jobs = renderer.jobs()
        var random = SeededRandom(seed: UInt64(pageSize))
        jobs.shuffle(using: &random)
        var paginated = 0
        for job in jobs {
            let shared = renderer.renderPage(path: job.path, template: job.template, absolute: job.absolute, view: job.view)
            var alone = renderer.context(path: job.path, absolute: job.absolute)
            alone.listParts = nil
            let expected = renderer.templates.render(job.template, job.view(alone))
            #expect(shared.bytes == Data(expected.utf8), "\(job.path)")
            if job.path.contains("/page/") { paginated += 1 }
        }
        // Not vacuous: lists did span pages.
        #expect(paginated > 3, "\(paginated) later pages")
    }
}
