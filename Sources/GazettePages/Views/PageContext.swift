import GazetteMarkdown
import GazetteModel
import GazetteSite
import GazetteTemplates

/// What every page's view holds, and the helpers that make values ready to place: links relative to the
/// page, money and dates formatted, labels translated. Templates only place these values.
package struct PageContext {
    package let site: ResolvedSite
    package let strings: Strings
    /// The page's own path in the output (`projects/qh2017-xn-001/`, `404.html`).
    package let path: String
    /// How to reach the site's root from this page: `../../`, or the base path for pages served anywhere (404).
    package let root: String
    /// The site's absolute address, ending in `/` (`--base-url`, else site.yaml's `base_url`).
    package let baseURL: String
    /// When each record last changed (`project:ID` → publication), for the record pages' freshness line.
    package var freshness: [String: RecordFreshness] = [:]
    /// The whole-list parts of list pages, shared by the pages of one build (`ListParts`); nil: made per page.
    package var listParts: ListParts?
    /// The layout's fixed parts, shared by the pages of one build (`LayoutParts`); nil: made per page.
    package var layoutParts: LayoutParts?

    package var language: String { site.site.language }

    package init(site: ResolvedSite, strings: Strings, path: String, baseURL: String, absoluteRoot: String? = nil) {
        self.site = site
        self.strings = strings
        self.path = path
        self.baseURL = baseURL
        if let absoluteRoot {
            root = absoluteRoot
        } else {
            // `projects/x/` is two folders deep; `404.html` and the home page (``) none.
            let segments = path.split(separator: "/").count
            let depth = path.hasSuffix("/") || path.isEmpty ? segments : segments - 1
            root = depth == 0 ? "./" : String(repeating: "../", count: depth)
        }
    }

    // MARK: Links (record IDs are checked against ^[a-z0-9][a-z0-9-]*$ when read, so they are safe in paths)

    package func link(_ sitePath: String) -> String { sitePath.isEmpty ? root : root + sitePath }
    package func projectURL(_ id: String) -> String { link(Routes.project(id)) }
    package func organizationURL(_ id: String) -> String { link(Routes.organization(id)) }
    package func regionURL(_ code: String) -> String { link(Routes.region(code, in: site.regions)) }
    package func noticeURL(_ slug: String) -> String { link(Routes.notice(slug)) }
    package func pageURL(_ slug: String) -> String { link(Routes.page(slug)) }
    package func serviceURL(_ key: String) -> String { link(Routes.service(key)) }
    package func groupURL(_ key: String) -> String { link(Routes.group(key)) }

    /// The URL of a record link written in Markdown (`project:ID#part`), or nil for an ordinary URL.
    package func recordURL(_ url: String) -> String? {
        guard let link = RecordLink(url) else { return nil }
        return self.link(Routes.record(link, in: site.regions)) + (link.fragment.map { "#" + $0 } ?? "")
    }

    /// The page a finding's subject is on.
    package func subjectURL(_ subject: String?) -> String? { subject.flatMap(recordURL) }

    // MARK: Values

    func moneyView(_ amount: Yuan) -> MoneyView {
        let prose = MoneyFormat.prose(amount, language: language)
        // On a Chinese site, phones show 18万元 with the exact amount under it (`money-short`, style.css).
        return MoneyView(text: MoneyFormat.table(amount), prose: prose, fen: String(amount.fen), short: language != "en" ? prose : nil)
    }

    package func markdown(_ text: String?) -> String? {
        guard let text, !text.trimmingSpaces().isEmpty else { return nil }
        return Markdown.html(text, resolve: recordURL)
    }

    package func statusLabel(_ status: ProjectStatus) -> String { strings.text("status.\(status.rawValue)") }

    /// Chinese name, or the English one on an English site when there is one.
    package func name(_ entry: Programme.Entry) -> String { language == "en" ? (entry.nameEn ?? entry.name) : entry.name }
    package func name(_ region: Region) -> String { language == "en" ? (region.nameEn ?? region.name) : region.name }

    package func regionName(_ code: String) -> String { site.regions[code].map(name) ?? code }

    package func serviceName(_ key: String) -> String { site.programme.service(key).map(name) ?? key }
    package func groupName(_ key: String) -> String { site.programme.targetGroup(key).map(name) ?? key }
    package func categoryName(_ key: String) -> String { site.programme.category(key).map { name($0.entry) } ?? key }

    /// Totals as a list of figures, each with its label, its text and its exact value.
    func totals(_ totals: Totals, scope: String, organizations: Bool = false) -> TotalsView {
        var figures: [TotalsView.Figure] = [
            .init(figure: "projects", label: strings.text("figures.projects"), text: String(totals.projects), count: String(totals.projects)),
        ]
        if organizations {
            figures.append(.init(figure: "organizations", label: strings.text("figures.organizations"),
                                 text: String(totals.organizations), count: String(totals.organizations)))
        }
        for (name, key, amount) in [("contracted", "contracted", totals.contracted), ("paid", "paid", totals.paid),
                                    ("recovered", "recovered", totals.recovered), ("net", "net", totals.net),
                                    ("to-pay", "toPay", totals.toPay), ("to-recover", "toRecover", totals.toRecover)] {
            let value = moneyView(amount)
            figures.append(.init(figure: name, label: strings.text("figures.\(key)"), text: value.text, fen: value.fen, short: value.short))
        }
        return TotalsView(scope: scope, figures: figures)
    }

    /// Projects by status, in the statuses' order, with counts.
    func statusCounts(_ totals: Totals) -> [StatusCountView] {
        ProjectStatus.allCases.map { status in
            StatusCountView(status: status.rawValue, label: statusLabel(status), count: String(totals.byStatus[status] ?? 0))
        }
    }

    /// Findings as items with their code, message and the link to what they are about.
    func findingItems(_ findings: [Diagnostic]) -> [FindingItemView] {
        findings.map { finding in
            var item = FindingItemView(
                code: finding.code.rawValue,
                title: strings.text("findings.codes.\(finding.code.rawValue)"),
                message: finding.message(in: Language(code: language) ?? .zhCN),
                subject: finding.subject ?? "",
                source: finding.location.description,
                response: response(to: finding))
            if let url = subjectURL(finding.subject) {
                item.href = url
                item.subjectName = subjectName(finding.subject)
            }
            return item
        }
    }

    /// What the content records was done about a finding, for showing beside it.
    func response(to finding: Diagnostic) -> FindingItemView.Response? {
        guard let subject = finding.subject, let link = RecordLink(subject), link.kind == .project,
              let project = site.project(link.id)?.project else { return nil }
        // The project's own response, else its provider's (a finding about the provider: F102, F109).
        guard let response = project.responses.last(where: { $0.code == finding.code })
                ?? site.organization(project.organization)?.responses.last(where: { $0.code == finding.code }) else { return nil }
        return .init(by: response.by, date: dateView(response.date), decision: response.decision, deadline: dateView(response.deadline))
    }

    package func subjectName(_ subject: String?) -> String {
        guard let subject, let link = RecordLink(subject) else { return subject ?? "" }
        switch link.kind {
        case .project: return site.project(link.id)?.project.title ?? link.id
        case .organization: return site.organization(link.id)?.name ?? link.id
        case .region: return regionName(link.id)
        case .notice: return site.notice(link.id)?.title ?? link.id
        case .page: return site.pages.first { $0.slug == link.id }?.title ?? link.id
        }
    }
}
