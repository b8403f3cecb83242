import Foundation
import GazetteContent
import GazetteModel
import Testing

@Suite("The sample content")
struct SampleContentTests {
    let report = ContentCheck.run(contentDirectory: Fixture.sample)

    @Test func loadsWithoutErrors() {
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics.errors)")
    }

    /// Exactly the findings docs/sample.md lists, and nothing else.
    @Test func showsExactlyTheDocumentedFindings() {
        let findings = report.diagnostics.findings.map { "\($0.code.rawValue) \($0.location.file):\($0.location.line) \($0.subject ?? "")" }
        #expect(findings == [
            "F108 projects/qh2017-xn-013.yaml:25 project:qh2017-xn-013",
            "F104 regions.yaml:126 region:632800",
        ])
    }

    @Test func holdsWhatTheIssueAsksFor() throws {
        let content = report.content
        #expect(content.site?.sample == true)
        #expect(content.organizations.count >= 14)
        #expect(content.projects.count >= 30)
        #expect(content.notices.filter { !$0.draft }.count >= 10)
        #expect(Set(content.ledger.map(\.location.file)).count >= 2)
        let programme = try #require(content.programme)
        let regions = try #require(content.regions)
        #expect(regions.cities.map(\.code) == ["630100", "632800"])
        #expect(regions.counties.count == 9)
        // Every pilot county has projects; both categories, every status.
        for county in programme.regions {
            #expect(content.projects.contains { $0.county == county }, "no project in \(county)")
        }
        #expect(Set(content.projects.map(\.category)) == Set(programme.categories.map(\.key)))
        let statuses = Set(content.projects.map { ProjectStatus.of($0, asOf: content.asOf) })
        #expect(statuses == Set(ProjectStatus.allCases))
        #expect(Set(content.organizations.map(\.category)) == Set(programme.organizationCategories.map(\.key)))
        #expect(Set(content.organizations.map(\.type)) == Set(programme.organizationTypes.map(\.key)))
        // Every credit code checks.
        #expect(content.organizations.allSatisfy { $0.creditCode != nil })
        // A rated organization (3A or above) holds a project over the ordinary cap.
        let over = content.projects.filter { $0.amount > programme.rules.projectCap }
        #expect(!over.isEmpty)
        for project in over {
            let grade = content.organization(project.organization)?.rating?.grade
            #expect(grade.map { $0 >= programme.rules.ratedMinGrade } == true)
        }
        #expect(Set(content.notices.map(\.kind)) == Set(Notice.Kind.allCases))
        #expect(content.pages.contains { $0.slug == "about" })
    }

    @Test func derivedStatusesFollowTheRecords() throws {
        let content = report.content
        func status(_ id: String) throws -> ProjectStatus {
            ProjectStatus.of(try #require(content.project(id)), asOf: content.asOf)
        }
        #expect(content.asOf == Day("2018-03-31"))
        #expect(try status("qh2017-xn-001") == .completed)
        #expect(try status("qh2017-hx-004") == .failed)
        #expect(try status("qh2017-xn-016") == .terminated)
        #expect(try status("qh2017-xn-013") == .rectifying)
        #expect(try status("qh2017-xn-005") == .inProgress)
        #expect(try status("qh2017-xn-021") == .contracted)
        #expect(try status("qh2017-xn-002") == .completed)
    }

    /// Money from the ledger, recomputed here from the raw CSV files, independently of the reader.
    @Test func moneyAgreesWithTheLedgerFiles() throws {
        let content = report.content
        var paid: [String: Int64] = [:], recovered: [String: Int64] = [:]
        for file in ["ledger/2017.csv", "ledger/2018.csv"] {
            let text = try String(contentsOf: Fixture.sample.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                // The sample's amounts and kinds never hold commas, so a plain split reaches columns 2–4.
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let parts = cells[3].split(separator: ".")
                let fen = Int64(parts[0])! * 100 + Int64(parts.count > 1 ? String(parts[1]) : "0")!
                if ["recovery", "收回"].contains(cells[2]) { recovered[cells[1], default: 0] += fen }
                else { paid[cells[1], default: 0] += fen }
            }
        }
        for project in content.projects {
            let status = ProjectStatus.of(project, asOf: content.asOf)
            let money = ProjectMoney.of(project, entries: content.ledger, status: status)
            #expect(money.paid.fen == paid[project.id, default: 0], "\(project.id)")
            #expect(money.recovered.fen == recovered[project.id, default: 0], "\(project.id)")
            #expect(money.net.fen == paid[project.id, default: 0] - recovered[project.id, default: 0])
            switch status {
            case .completed: #expect(money.toPay == .zero && money.paid == project.amount, "\(project.id)")
            case .failed, .terminated: #expect(money.toRecover == .zero && money.net == .zero, "\(project.id)")
            default: #expect(money.toPay.fen == project.amount.fen - money.paid.fen)
            }
        }
        let failed = try #require(content.project("qh2017-hx-004"))
        let money = ProjectMoney.of(failed, entries: content.ledger, status: .failed)
        #expect(money.paid == Yuan(fen: 6_000_000))
        #expect(money.recovered == Yuan(fen: 6_000_000))
    }

    @Test func ledgerReadsChineseHeadersAndQuotedCommas() {
        let rows2018 = report.content.ledger.filter { $0.location.file == "ledger/2018.csv" }
        #expect(!rows2018.isEmpty)
        #expect(rows2018.contains { $0.kind == .final })
        #expect(rows2018.contains { $0.note.contains(",") || $0.note.contains("，") })
    }

    @Test func filesAreReadInSortedOrder() {
        let ids = report.content.projects.map(\.id)
        #expect(ids == ids.sorted())
        let organizations = report.content.organizations.map(\.id)
        #expect(organizations == organizations.sorted())
    }
}
