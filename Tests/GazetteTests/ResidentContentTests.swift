import Foundation
@testable import GazetteContent
@testable import GazettePages
import GazetteModel
import Testing

/// Contacts, communities and objections as content (issue 13): read from the sample, and every bad phone,
/// email or web address reported at its position with a plain message.
@Suite("Residents' contacts and communities")
struct ResidentContentTests {
    @Test func sampleContactsAreRead() throws {
        let content = GazetteContentCheck.sample
        let regions = try #require(content.regions)
        let chengdong = try #require(regions["630102"])
        #expect(chengdong.contact?.name == "城东区民政局")
        #expect(chengdong.contact?.phone == "0971-0010200")
        #expect(chengdong.contact?.web == "https://mzj630102.example.gov.cn/")
        #expect(chengdong.howToAsk?.contains("居委会") == true)
        let dongguan = try #require(regions.communities.first { $0.name == "东关大街社区" })
        #expect(dongguan.slug == "630102-dongguan-dajie")
        #expect(dongguan.contact?.phone == "0971-0102001")
        #expect(content.site?.hotline?.phone == "12345")
        #expect(content.organization("xinyuan-social-work")?.contact?.email == "xinyuan17@example.org")
        let notice = try #require(content.notices.first { $0.slug == "2018-03-needs-survey-publicity" })
        #expect(notice.objection?.contact?.phone == "0971-0010200")
        #expect(notice.objection?.how?.isEmpty == false)
    }

    @Test(arguments: [
        ("0971-8123456", true), ("12345", true), ("+86 971 8123456", true), ("(0971) 8123456", true),
        ("0971-ABC", false), ("12", false), ("0971—8123456", false), ("123456789012345678901", false), ("1+2", false),
    ])
    func phoneNumbers(text: String, valid: Bool) {
        #expect((ContactReader.phoneProblem(text) == nil) == valid, "\(text)")
    }

    @Test(arguments: [
        ("mzj@example.gov.cn", true), ("a.b-c+d@x.org", true),
        ("mzj.example.gov.cn", false), ("a@@b.cn", false), ("@b.cn", false), ("a@b", false), ("a b@c.cn", false),
        ("民政@example.cn", false), ("a@exa_mple.cn", false),
    ])
    func emailAddresses(text: String, valid: Bool) {
        #expect((ContactReader.emailProblem(text) == nil) == valid, "\(text)")
    }

    /// A bad phone names the file, the line and the column of the character that is wrong.
    @Test func badPhoneIsPlaced() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("regions.yaml", "phone: \"0971-0010200\"", with: "phone: \"0971-00X0200\"")
        let errors = fixture.check().diagnostics.errors
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.code == .outOfRange)
        let line = try fixture.read("regions.yaml").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("0971-00X0200") }! + 1
        #expect(error.location.file == "regions.yaml")
        #expect(error.location.line == line)
        let text = try fixture.read("regions.yaml").split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        // The value starts after `phone: "`; its 8th character is the X.
        let valueStart = text.distance(from: text.startIndex, to: text.range(of: "0971-00X0200")!.lowerBound) + 1
        #expect(error.location.column == valueStart + 7)
        #expect(error.message.contains("`X`"))
    }

    @Test func badEmailAndWebAreReported() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("organizations/xinyuan-social-work.yaml", "email: xinyuan17@example.org", with: "email: xinyuan17.example.org")
        try fixture.replace("site.yaml", "  phone: \"12345\"", with: "  phone: \"12345\"\n  web: mzt.example.gov.cn")
        let errors = fixture.check().diagnostics.errors
        #expect(Set(errors.map(\.code)) == [.outOfRange, .badURL])
        let email = try #require(errors.first { $0.code == .outOfRange })
        #expect(email.location.file == "organizations/xinyuan-social-work.yaml")
        #expect(email.message.contains("no `@`"))
        let web = try #require(errors.first { $0.code == .badURL })
        #expect(web.location.file == "site.yaml")
        #expect(web.message.contains("hotline.web"))
    }

    @Test func unknownContactFieldSuggestsTheNearest() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("organizations/xinyuan-social-work.yaml", "contact: {phone:", with: "contact: {phnoe:")
        let error = try #require(fixture.check().diagnostics.errors.first)
        #expect(error.code == .unknownKey)
        #expect(error.suggestion?.contains("phone") == true)
    }

    @Test func duplicateCommunityKeyIsReported() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("regions.yaml", "key: bayi-lu", with: "key: dongguan-dajie")
        let error = try #require(fixture.check().diagnostics.errors.first)
        #expect(error.code == .duplicateID)
        #expect(error.location.file == "regions.yaml")
    }

    @Test func mailtoIsPercentEncoded() {
        #expect(PageContext.mailtoEncode("报告:a b&c=d?") == "%E6%8A%A5%E5%91%8A%3Aa%20b%26c%3Dd%3F")
        #expect(Contact.telURI("(0971) 812-3456") == "tel:0971812-3456")
        #expect(Contact.telURI("+86 971 8123456") == "tel:+869718123456")
    }

    /// A community no `regions.yaml` lists still gets a page, at an address made from its name.
    @Test func communityOnlyProjectsNameGetsAStableKey() {
        #expect(Community.derivedKey("东关大街社区") == String(StableHash.hex(StableHash.of("东关大街社区")).prefix(8)))
        #expect(Community(name: "某社区", county: "630102").slug.hasPrefix("630102-"))
    }
}
