import Foundation
import GazetteBuild
import GazetteModel
import Testing

/// `responses:` on an organization: what was done about a finding that concerns the provider itself (F102
/// not eligible, F109 barred), shown beside that finding on each of its projects' pages and on findings/.
@Suite("Responses recorded on an organization")
struct OrganizationResponseTests {
    @Test func aProviderResponseIsShownBesideTheFindingAboutIt() throws {
        let fixture = try Fixture.copyOfSample()
        let file = "organizations/xinyuan-social-work.yaml"
        try fixture.replace(file, "financial_system: true", with: "financial_system: false")
        try fixture.append(file, """
            responses:
              - finding: F102
                by: 西宁市民政局
                date: 2018-01-10
                decision: 责令承接机构建立财务管理制度并报送备案
                deadline: 2018-02-28

            """)
        let report = fixture.check()
        #expect(!report.hasErrors, "\(report.diagnostics.errors.map(\.message))")
        let f102 = report.diagnostics.filter { $0.code == .notEligible }
        #expect(!f102.isEmpty)
        let result = Build.render(Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                output: Fixture.scratch.appendingPathComponent("gazette-out-\(UUID().uuidString)")))
        for path in ["projects/qh2017-xn-001/index.html", "findings/index.html"] {
            let html = String(decoding: try #require(result.files.first { $0.path == path }, "no \(path)").bytes, as: UTF8.self)
            #expect(html.contains("责令承接机构建立财务管理制度并报送备案"), "\(path) does not show the provider's response")
            #expect(html.contains("西宁市民政局于2018年1月10日决定：") && html.contains("（期限：2018年2月28日）"), "\(path)")
        }
        // A response to another code is not shown beside F102; a wrong code is an error with the choices.
        try fixture.replace(file, "  - finding: F102", with: "  - finding: F10")
        #expect(fixture.check().diagnostics.contains { $0.code == .outOfRange && $0.location.file == file })
    }
}
