import GazetteModel
import GazetteSite
import GazetteTemplates

/// A date as pages show it: the long text and the ISO day for `<time datetime>`.
struct DateView: TemplateView {
    var text: String
    var iso: String

    static let shape = TemplateShape.record(["text": .text, "iso": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("text", text)
        record.set("iso", iso)
        return record.value
    }
}

/// A link with its label (navigation, browse lists, feeds).
struct LinkView: TemplateView {
    var label: String
    var href: String

    static let shape = TemplateShape.record(["label": .text, "href": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("label", label)
        record.set("href", href)
        return record.value
    }
}

/// The layout's values, shared by every page: `layout.mustache`, `partials/head-meta` and `partials/feed-links`.
package struct LayoutView: TemplateView {
    struct NavItem: TemplateView {
        var label: String
        var href: String
        var current: Bool

        static let shape = TemplateShape.record(["label": .text, "href": .text, "current": .flag])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("label", label)
            record.set("href", href)
            record.set("current", current)
            return record.value
        }
    }

    struct Contact: TemplateView {
        var label: String
        var value: String
        var href: String?

        static let shape = TemplateShape.record(["label": .text, "value": .text, "href": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("label", label)
            record.set("value", value)
            record.set("href", href)
            return record.value
        }
    }

    /// A feed the page links to in its head: its title and address.
    typealias Feed = TitledLinkView

    /// What `<head>` says about the page (`HeadMeta.swift`).
    struct Meta: TemplateView {
        var canonical: String
        var ogType: String
        var ogLocale: String
        var feeds: [Feed]

        static let shape = TemplateShape.record(["canonical": .text, "ogType": .text, "ogLocale": .text, "feeds": .list(Feed.shape)])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("canonical", canonical)
            record.set("ogType", ogType)
            record.set("ogLocale", ogLocale)
            record.set("feeds", feeds)
            return record.value
        }
    }

    /// The values that are the same on every page of one section at one folder depth (links are relative),
    /// with their template record, made once there (`LayoutParts`) rather than once per page.
    struct Fixed {
        /// The interface strings (`{{t.nav.projects}}`), checked against the strings file on their own.
        let strings: TemplateValue
        let root: String
        let lang: String
        let siteTitle: String
        let publisher: String
        let sample: Bool
        let asOf: DateView?
        let nav: [NavItem]
        let contact: [Contact]
        let stylesheet: String
        let favicon: String
        let script: String
        let homeURL: String
        let programmeName: String
        /// These values as the template sees them: the start of every page's record.
        let record: TemplateRecord

        init(strings: TemplateValue, root: String, lang: String, siteTitle: String, publisher: String, sample: Bool,
             asOf: DateView?, nav: [NavItem], contact: [Contact], stylesheet: String, favicon: String, script: String,
             homeURL: String, programmeName: String) {
            self.strings = strings
            self.root = root
            self.lang = lang
            self.siteTitle = siteTitle
            self.publisher = publisher
            self.sample = sample
            self.asOf = asOf
            self.nav = nav
            self.contact = contact
            self.stylesheet = stylesheet
            self.favicon = favicon
            self.script = script
            self.homeURL = homeURL
            self.programmeName = programmeName
            // Room for the page's own names too, so that adding them does not grow the table.
            var record = TemplateRecord(capacity: 32)
            record.set("t", strings)
            record.set("root", root)
            record.set("lang", lang)
            record.set("siteTitle", siteTitle)
            record.set("publisher", publisher)
            record.set("sample", sample)
            // Present (and empty) without an as-of date, as the layout always had it.
            record.set("asOf", asOf?.templateValue ?? .map([:]))
            record.set("nav", nav)
            record.set("contact", contact)
            record.set("stylesheet", stylesheet)
            record.set("favicon", favicon)
            record.set("script", script)
            record.set("homeURL", homeURL)
            record.set("programmeName", programmeName)
            self.record = record
        }
    }

    let fixed: Fixed
    var pageTitle: String
    var description: String
    var meta: Meta
    /// The link that writes to the publisher about the page (none without a contact e-mail).
    var report: String?

    package static let shape = TemplateShape.record([
        "t": .open, "root": .text, "lang": .text, "siteTitle": .text, "publisher": .text, "pageTitle": .text,
        "description": .text, "sample": .flag, "asOf": DateView.shape, "nav": .list(NavItem.shape),
        "contact": .list(Contact.shape), "stylesheet": .text, "favicon": .text, "script": .text, "homeURL": .text,
        "programmeName": .text, "meta": Meta.shape, "report": .record(["href": .text]),
    ])

    var record: TemplateRecord {
        var record = fixed.record
        record.set("pageTitle", pageTitle)
        record.set("description", description)
        record.set("meta", meta)
        if let report { record.set("report", .map(["href": .text(report)])) }
        return record
    }

    package var templateValue: TemplateValue { record.value }
}

extension PageContext {
    func dateView(_ day: Day?) -> DateView? {
        day.map { DateView(text: DateFormat.long($0, language: language), iso: $0.description) }
    }

    /// The layout's values, shared by every page: the section's fixed part from the build's `LayoutParts`
    /// (made by the first page of the section at this depth), the page's own title, head and report link.
    package func layoutView(title: String, description: String? = nil, section: String) -> LayoutView {
        let s = site.site
        let fixed = layoutParts?.fixed(root + "\u{0}" + section) { fixedLayout(section: section) } ?? fixedLayout(section: section)
        return LayoutView(fixed: fixed, pageTitle: title, description: description ?? s.description ?? site.programme.name,
                          meta: headMetaView(), report: reportHref(title: title))
    }

    /// The layout's values that depend only on the section and the folder depth.
    func fixedLayout(section: String) -> LayoutView.Fixed {
        let s = site.site
        var nav: [LayoutView.NavItem] = []
        for (key, target) in [("home", ""), ("projects", "projects/"), ("organizations", "organizations/"),
                              ("services", "services/"), ("notices", "notices/"), ("findings", "findings/"),
                              ("data", "data/")] {
            if key == "findings" && !s.publishFindings { continue }
            nav.append(.init(label: strings.text("nav.\(key)"), href: link(target), current: key == section))
        }
        // The publication record (issue 17: freshness).
        nav.append(.init(label: strings.text("freshness.nav"), href: link("changes/"), current: section == "changes"))
        for page in site.pages where !page.draft {
            nav.append(.init(label: page.title, href: pageURL(page.slug), current: section == "page:\(page.slug)"))
        }
        nav.append(.init(label: strings.text("search.nav"), href: link("search/"), current: section == "search"))
        var contact: [LayoutView.Contact] = []
        if let phone = s.contact.phone { contact.append(.init(label: strings.text("footer.phone"), value: phone)) }
        if let email = s.contact.email { contact.append(.init(label: strings.text("footer.email"), value: email, href: "mailto:\(email)")) }
        if let address = s.contact.address { contact.append(.init(label: strings.text("footer.address"), value: address)) }
        return LayoutView.Fixed(
            strings: strings.value, root: root, lang: language, siteTitle: s.title, publisher: s.publisher, sample: s.sample,
            asOf: dateView(site.asOf), nav: nav, contact: contact, stylesheet: link("theme/style.css"),
            favicon: link("theme/favicon.svg"), script: link("theme/site.js"), homeURL: link(""),
            programmeName: site.programme.name)
    }
}
