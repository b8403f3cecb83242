import Foundation
@testable import GazetteModel
@testable import GazetteMachineFiles
@testable import GazettePages
import Testing

/// Issue 17's derivations: integers only, averages of percentages computed exactly and rounded once.
@Suite("Outcomes, years and the map are derived exactly")
struct OutcomeTests {
    static let place = FieldLocations(file: "projects/x.yaml")

    static func project(_ id: String, applied: String? = "2017-05-01", amount: Int64 = 10_000_000, final: String? = nil,
                        finalResult: Project.Result = .pass, midterm: Project.Result? = nil, spotChecked: Bool = false) -> Project {
        Project(id: id, title: id, organization: "o", category: "c", services: [], targetGroups: [], county: "630102",
                amount: Yuan(fen: amount), applied: applied.flatMap(Day.init),
                midterm: midterm.map {
                    Project.Midterm(date: Day("2017-10-01")!, by: [], result: $0, satisfaction: nil,
                                    spotCheck: spotChecked ? Project.SpotCheck(by: nil, date: nil, result: .pass) : nil,
                                    rectification: nil)
                },
                final: final.map { Project.Final(date: Day("2018-01-10")!, by: nil, result: finalResult, satisfaction: Percent($0), score: nil) },
                locations: place)
    }

    @Test("the average is the exact mean rounded half up once, to a tenth of a point", arguments: [
        (["90", "92.5", "95"], 925),          // 92.5 exactly
        (["90", "90.05"], 900),               // 90.025 → 90.0
        (["90", "90.1"], 901),                // 90.05 → 90.1 (half up)
        (["99.99", "99.99", "99.98"], 1000),  // 99.9866… → 100.0
        (["33.33", "33.33", "33.34"], 333),   // 33.3333… → 33.3
        (["0"], 0),
    ])
    func average(_ values: [String], _ tenths: Int) {
        let projects = values.enumerated().map { (Self.project("p\($0.offset)", final: $0.element), Yuan.zero) }
        let summary = OutcomeSummary(projects: projects)
        #expect(summary.averageTenths == tenths)
        #expect(summary.satisfactionCount == values.count)
        #expect(summary.satisfactionMin == values.compactMap(Percent.init).min())
        #expect(summary.satisfactionMax == values.compactMap(Percent.init).max())
    }

    @Test func countsAndRecoveries() {
        let summary = OutcomeSummary(projects: [
            (Self.project("a", final: "90", midterm: .pass, spotChecked: true), .zero),
            (Self.project("b", final: nil, midterm: .rectify), Yuan(fen: 6_000_000)),
            (Self.project("c", final: "56.4", finalResult: .fail, midterm: .pass), Yuan(fen: 7_000_000)),
            (Self.project("d"), .zero),
        ])
        #expect(summary.projects == 4)
        #expect(summary.midterm == [.pass: 2, .rectify: 1])
        #expect(summary.final == [.pass: 1, .fail: 1])
        #expect(summary.midtermEvaluated == 3 && summary.spotChecked == 1)
        #expect(summary.spotCheckPermille == 333)
        #expect(summary.recovered == Yuan(fen: 13_000_000))
        #expect(OutcomeSummary(projects: []).averageTenths == nil)
        #expect(OutcomeSummary.tenthsText(900) == "90.0")
    }

    @Test("projects count in their programme year, ledger rows in the year of their date")
    func years() {
        let a = Self.project("a", applied: "2017-04-20"), b = Self.project("b", applied: "2018-03-01", amount: 5_000_000)
        let c = Self.project("c", applied: nil)  // no date at all: in no year
        func row(_ day: String, _ kind: LedgerEntry.Kind, _ fen: Int64) -> LedgerEntry {
            LedgerEntry(date: Day(day)!, project: "a", kind: kind, amount: Yuan(fen: fen), reference: "", note: "",
                        location: SourceLocation(file: "ledger/x.csv", line: 2, column: 1))
        }
        let totals = YearTotals(projects: [a, b, c], ledger: [
            row("2017-06-23", .advance, 6_000_000), row("2018-02-10", .recovery, 6_000_000), row("2019-01-02", .final, 1),
        ])
        #expect(totals.rows.map(\.year) == [2017, 2018, 2019])
        #expect(totals.rows[0].projects == 1 && totals.rows[0].contracted == Yuan(fen: 10_000_000) && totals.rows[0].paid == Yuan(fen: 6_000_000))
        #expect(totals.rows[1].projects == 1 && totals.rows[1].recovered == Yuan(fen: 6_000_000) && totals.rows[1].net == Yuan(fen: -6_000_000))
        #expect(totals.rows[2].projects == 0 && totals.rows[2].paid == Yuan(fen: 1))
    }

    @Test("shades: none for nothing, four equal steps up to the largest")
    func shades() {
        #expect(TileMap.shade(0, max: 100) == 0)
        #expect(TileMap.shade(-5, max: 100) == 0)
        #expect(TileMap.shade(1, max: 100) == 1)
        #expect(TileMap.shade(25, max: 100) == 1)
        #expect(TileMap.shade(26, max: 100) == 2)
        #expect(TileMap.shade(75, max: 100) == 3)
        #expect(TileMap.shade(100, max: 100) == 4)
    }

    @Test("the schema published under data/ is docs/site.schema.json, byte for byte")
    func schemaIsTheDocumentedOne() throws {
        let docs = Fixture.packageRoot.appendingPathComponent("docs/site.schema.json")
        let text = try String(contentsOf: docs, encoding: .utf8)
        #expect(SiteSchema.text + "\n" == text)
    }
}
