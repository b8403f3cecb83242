import Foundation
import GazetteModel
@testable import GazetteBuild
@testable import GazettePages
@testable import GazetteTemplates
import Testing

/// The layout's fixed parts, made once per section and folder depth for a build (`LayoutParts`), against the
/// layout made for each page on its own: every page of the sample and of mutated copies of it (no contact
/// e-mail or phone, findings not published, a draft page, an English site, lists in pages of two), rendered
/// in a seeded random order, the same bytes either way, whichever page of a section came first.
@Suite("Layout's shared parts against layouts made alone")
struct LayoutPartsOracleTests {
    /// Changes to the sample's files that change what the layout's fixed part holds.
    static let mutations: [(name: String, apply: @Sendable (Fixture) throws -> Void)] = [
        ("as it is", { _ in }),
        ("no e-mail, no phone", { fixture in
            try fixture.replace("site.yaml", "  email: gmfw@example.gov.cn\n", with: "")
            try fixture.replace("site.yaml", "  phone: \"0971-0000000\"\n", with: "")
        }),
        ("findings not published, pages of two", { fixture in
            try fixture.replace("site.yaml", "publish_findings: true", with: "publish_findings: false")
            try fixture.append("site.yaml", "\npage_size: 2\n")
        }),
        ("a draft page, not a sample", { fixture in
            try fixture.replace("site.yaml", "sample: true", with: "sample: false")
            try fixture.replace("pages/about.md", "title: 关于本项目\n", with: "title: 关于本项目\ndraft: true\n")
        }),
        ("English", { fixture in
            try fixture.replace("site.yaml", "language: zh-CN", with: "language: en")
        }),
    ]

    @Test(arguments: 0..<mutations.count)
    func sharedLayoutGivesTheSamePages(mutation: Int) throws {
        let copy = try Fixture.copyOfSample()
        try Self.mutations[mutation].apply(copy)
        let folder = try TemporaryFolder("gazette-layout-parts")
        let build = IncrementalBuild(Build.Options(content: copy.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                   output: folder.url.appendingPathComponent("out")))
        guard case let .ready(prepared) = build.prepare() else {
            Issue.record("the sample does not build: \(Self.mutations[mutation].name)")
            return
        }
        let renderer = prepared.renderer
        var jobs = renderer.jobs()
        var random = SeededRandom(seed: UInt64(0x16_1a00 + mutation))
        jobs.shuffle(using: &random)
        var roots: Set<String> = []
        for job in jobs {
            let shared = renderer.renderPage(path: job.path, template: job.template, absolute: job.absolute, view: job.view)
            var alone = renderer.context(path: job.path, absolute: job.absolute)
            alone.layoutParts = nil
            alone.listParts = nil
            let expected = renderer.templates.render(job.template, job.view(alone))
            #expect(shared.bytes == Data(expected.utf8), "\(Self.mutations[mutation].name): \(job.path)")
            roots.insert(alone.root)
        }
        // Not vacuous: pages at several depths, and the parts were shared (fewer parts than pages).
        #expect(roots.count >= 3, "\(roots)")
        #expect(jobs.count > 50)
    }

    /// The fixed part kept for a section and depth is the one that page would make: for random paths at
    /// random depths and every section, the layout's value with the build's parts, asked for in a random
    /// order, renders the same as the layout made alone.
    @Test func fixedPartsAreThePagesOwn() throws {
        let folder = try TemporaryFolder("gazette-layout-parts")
        let build = IncrementalBuild(Build.Options(content: Fixture.sample, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                                   output: folder.url.appendingPathComponent("out")))
        guard case let .ready(prepared) = build.prepare() else { Issue.record("the sample does not build"); return }
        let renderer = prepared.renderer
        let sections = ["home", "projects", "organizations", "services", "notices", "findings", "data", "changes", "search",
                        "regions", "page:about", "page:how-to-read", "page:none", ""]
        let segments = ["projects", "notices", "x", "page", "2", "organizations", "regions", "630100"]
        var random = SeededRandom(seed: 0x16_1a01)
        for round in 0..<RenderFastPathOracleTests.rounds {
            var path = (0..<random.int(0...4)).map { _ in random.pick(segments) }.joined(separator: "/")
            if !path.isEmpty && random.chance(0.8) { path += "/" }
            let section = random.pick(sections)
            let title = random.mutated(random.pick(["公告", "项目 <a&b>", "", "Notice \"x\""]), round: round)
            var shared = renderer.context(path: path, absolute: random.chance(0.1))
            let sharedView = shared.layoutView(title: title, section: section)
            shared.layoutParts = nil
            let aloneView = shared.layoutView(title: title, section: section)
            // Byte for byte (String equality would let canonically equivalent text pass).
            #expect(Array(renderer.templates.render("layout", sharedView.templateValue).utf8)
                        == Array(renderer.templates.render("layout", aloneView.templateValue).utf8), "\(path) \(section)")
        }
    }
}
