import Foundation
import GazetteContent
import GazetteModel
import GazetteSite
import Testing

/// Status and money are derived once per build (`ProjectFigures`): the checks and the site read the same figures.
@Suite("Status and money derived once")
struct ProjectFiguresTests {
    @Test("the resolved site shows each project's status, money and ledger rows as the check derived them")
    func siteUsesTheCheckedFigures() throws {
        let report = ContentCheck.run(contentDirectory: Fixture.sample)
        #expect(report.figures.all.count == report.content.projects.count)
        let site = try ResolvedSite(content: report.content, figures: report.figures, findings: [], includeDrafts: false)
        #expect(site.projects.count == report.content.projects.count)
        for (project, figures) in zip(report.content.projects, report.figures.all) {
            let resolved = try #require(site.project(project.id))
            #expect(resolved.status == figures.status)
            #expect(resolved.money == figures.money)
            #expect(resolved.ledger == figures.ledger)
        }
        // The sample has paid projects, so the comparison above covers real sums and rows.
        #expect(report.figures.all.contains { $0.money.paid > .zero && $0.ledger.count > 1 })
    }

    @Test("two projects listed under one ID each keep their own figures (they are kept by position, not by ID)")
    func sameIDKeepsOwnFigures() throws {
        var content = GazetteContentCheck.sample
        let index = try #require(content.projects.firstIndex { $0.final?.result == .pass })
        var twin = content.projects[index]
        twin.final?.result = .fail
        content.projects.append(twin)
        let figures = ProjectFigures(content)
        #expect(figures.all[index].status == .completed)
        #expect(figures.all.last?.status == .failed)
        // The failed twin must repay what was paid; the completed original owes nothing back.
        #expect(figures.all[index].money.toRecover == .zero)
        #expect(figures.all.last?.money.toRecover == figures.all.last?.money.net)
    }
}
