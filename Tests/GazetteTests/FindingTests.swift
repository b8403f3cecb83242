import Foundation
import GazetteContent
import GazetteModel
import Testing

/// Each programme rule, broken on purpose in a copy of the sample, gives its finding (and no error).
@Suite("Findings: the programme's rules")
struct FindingTests {
    func findings(_ breakIt: (Fixture) throws -> Void) throws -> [Diagnostic] {
        let fixture = try Fixture.copyOfSample()
        try breakIt(fixture)
        let report = fixture.check()
        let errors = report.diagnostics.errors.map { "\($0.location): \($0.message)" }
        #expect(errors == [])
        // The sample's own two findings are always there; return only the new ones.
        return report.diagnostics.findings.filter { !["F104", "F108"].contains($0.code.rawValue) || $0.subject != "region:632800" && $0.subject != "project:qh2017-xn-013" }
    }

    @Test func overTheCap() throws {
        let found = try findings { try $0.replace("projects/qh2017-xn-022.yaml", "amount: 150000", with: "amount: 200000.01") }
        #expect(found.map(\.code) == [.overCap])
        #expect(found.first?.location == SourceLocation(file: "projects/qh2017-xn-022.yaml", line: 8, column: 9))
    }

    @Test func theRatedCapNeedsTheGrade() throws {
        // xinyuan is rated 3A (2016): 250,000 is within its cap of 300,000, 300,000.01 is not.
        #expect(try findings { try $0.replace(xn001, "amount: 180000", with: "amount: 250000") }.isEmpty)
        #expect(try findings { try $0.replace(xn001, "amount: 180000", with: "amount: 300000.01") }.map(\.code) == [.overCap])
        // A 2A grade does not lift the cap.
        let found = try findings {
            try $0.replace(xn001, "amount: 180000", with: "amount: 250000")
            try $0.replace("organizations/xinyuan-social-work.yaml", "rating: {grade: 3A, year: 2016}", with: "rating: {grade: 2A, year: 2016}")
        }
        #expect(found.map(\.code) == [.overCap])
        // Nor does a grade older than grade_valid_years.
        let stale = try findings {
            try $0.replace(xn001, "amount: 180000", with: "amount: 250000")
            try $0.replace("organizations/xinyuan-social-work.yaml", "rating: {grade: 3A, year: 2016}", with: "rating: {grade: 5A, year: 2011}")
        }
        #expect(stale.map(\.code) == [.overCap])
    }

    /// The programme is data: the cap written in programme.yaml decides the verdict.
    @Test func changingTheCapInProgrammeYAMLChangesTheVerdict() throws {
        let projectsOver150k = try findings { try $0.replace("programme.yaml", "project_cap: 200000", with: "project_cap: 150000") }
        let sample = ContentCheck.run(contentDirectory: Fixture.sample).content
        let expected = sample.projects.filter { project in
            let organization = sample.organization(project.organization)
            return Eligibility.cap(for: organization, on: project.applied, rules: sample.programme!.rules).rated == false
                && project.amount > Yuan(fen: 15_000_000)
        }.map { "project:\($0.id)" }
        #expect(!expected.isEmpty)
        #expect(projectsOver150k.filter { $0.code == .overCap }.map { $0.subject ?? "" } == expected)
        // And the spot-check ratio: at 0.20, Haixi's 1 of 5 is enough.
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("programme.yaml", "spot_check_min_ratio: 0.30", with: "spot_check_min_ratio: 0.20")
        #expect(!fixture.check().diagnostics.contains { $0.code == .spotCheckRatio })
    }

    @Test func notEligible() throws {
        let found = try findings {
            try $0.replace("organizations/xinyuan-social-work.yaml", "financial_system: true", with: "financial_system: false")
        }
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.code == .notEligible && $0.message.contains("financial-management system") })
    }

    @Test func aViolationCountsOnlyBeforeTheApplication() throws {
        // delingha-ruxin's violation (2018-03-05) is after its 2017 application: no finding in the sample.
        let found = try findings {
            try $0.replace("organizations/delingha-ruxin-social-work.yaml", "date: 2018-03-05", with: "date: 2017-03-05")
        }
        #expect(found.map(\.code) == [.notEligible])
        #expect(found.first?.subject == "project:qh2017-hx-004")
    }

    @Test func noPassedInspectionInTheProgrammeYears() throws {
        let found = try findings {
            try $0.replace("organizations/xinyuan-social-work.yaml", "annual_inspections: {2015: pass, 2016: pass}",
                           with: "annual_inspections: {2014: pass, 2015: fail, 2016: fail}")
        }
        #expect(!found.isEmpty && found.allSatisfy { $0.code == .notEligible && $0.message.contains("inspection") })
    }

    @Test func outsideThePilotRegions() throws {
        let found = try findings { try $0.replace("programme.yaml", "regions: [\"630102\", ", with: "regions: [") }
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.code == .outsidePilotRegions })
    }

    @Test func spotCheckRatioBelowTheRule() throws {
        let sample = ContentCheck.run(contentDirectory: Fixture.sample)
        let finding = try #require(sample.diagnostics.first { $0.code == .spotCheckRatio })
        #expect(finding.message.contains("1 of 5"))
        #expect(finding.location.file == "regions.yaml")
    }

    @Test func noSatisfaction() throws {
        let found = try findings { try $0.replace(xn001, "  satisfaction: 87.7\n", with: "") }
        #expect(found.map(\.code) == [.noSatisfaction])
        #expect(found.first?.location.line == 21)
    }

    @Test func noNeedsAssessment() throws {
        let found = try findings {
            let text = try $0.read(xn001)
            let start = text.range(of: "needs_assessment:")!, end = text.range(of: "midterm:")!
            try $0.write(xn001, text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: ""))
        }
        #expect(found.map(\.code) == [.noNeedsAssessment])
    }

    @Test func advanceNotRecovered() throws {
        let found = try findings {
            try $0.replace("ledger/2018.csv", "2018-02-10,qh2017-hx-004,收回,60000.00", with: "2018-02-10,qh2017-hx-004,收回,20000.00")
        }
        #expect(found.map(\.code) == [.advanceNotRecovered])
        #expect(found.first?.message.contains("¥40,000") == true)
        #expect(found.first?.message(in: .zhCN) == "项目验收不合格，已拨付的4万元尚未收回。")
    }

    @Test func rectificationOverdueDependsOnAsOf() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("site.yaml", "as_of: 2018-03-31", with: "as_of: 2018-03-10")
        #expect(!fixture.check().diagnostics.contains { $0.code == .rectificationOverdue })
    }

    @Test func barredTheYearAfterAFailure() throws {
        // hx-006 was applied for in 2018; give it to the organization that failed its final evaluation in 2018…
        // and move that failure to 2017 so that 2018 is "the next year".
        let found = try findings {
            try $0.replace("projects/qh2017-hx-006.yaml", "organization: haixi-anping-mediation", with: "organization: delingha-ruxin-social-work")
            try $0.replace("projects/qh2017-hx-004.yaml", "final:\n  date: 2018-01-20", with: "final:\n  date: 2017-12-30")
        }
        #expect(found.map(\.code).contains(.barredNextYear))
    }
}
