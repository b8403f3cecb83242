import Foundation
import GazetteModel
@testable import GazetteBuild
@testable import GazetteMachineFiles
import Testing

/// The sitemap's dates made list by list (`PageDates.lastmods`: each list dated once for all its pages) against
/// each page dated on its own (`lastmod`), over every page of the sample in lists of one, two and the sample's
/// own size, in a seeded random order: the same date for every page.
@Suite("Sitemap dates by list against page by page")
struct SitemapDatesOracleTests {
    @Test(arguments: [1, 2, 0])
    func listByListGivesEachPageItsOwnDate(pageSize: Int) throws {
        let copy = try Fixture.copyOfSample()
        if pageSize > 0 { try copy.append("site.yaml", "\npage_size: \(pageSize)\n") }
        let folder = try TemporaryFolder("gazette-sitemap-dates")
        let build = IncrementalBuild(Build.Options(content: copy.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                   output: folder.url.appendingPathComponent("out")))
        guard case let .ready(prepared) = build.prepare() else {
            Issue.record("the sample does not build with page_size \(pageSize)")
            return
        }
        var paths = prepared.renderer.jobs().filter { !$0.absolute }.map(\.path) + [OpenData.pagePath, "changes/"]
        var random = SeededRandom(seed: UInt64(0x5173_0000 + pageSize))
        paths.shuffle(using: &random)
        let dates = PageDates(site: prepared.renderer.site)
        let byList = dates.lastmods(paths)
        #expect(byList.count == paths.count)
        for (path, day) in zip(paths, byList) {
            #expect(day == dates.lastmod(path), "\(path)")
        }
        // Not vacuous: later pages of lists were dated, and not every page has the same date.
        let laterPages = paths.filter { $0.contains("/page/") && !$0.hasPrefix("notices") }
        if pageSize > 0 { #expect(laterPages.count > 10, "\(laterPages.count) later pages of lists") }
        #expect(Set(byList).count > 3, "\(Set(byList).count) distinct dates")
    }
}
