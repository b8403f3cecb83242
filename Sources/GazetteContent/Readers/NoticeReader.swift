import GazetteModel

/// Reads `notices/SLUG.md` and `pages/SLUG.md`: front matter, then a Markdown body.
enum NoticeReader {
    static let noticeKeys = ["title", "date", "kind", "regions", "projects", "organizations", "publicity_period", "draft",
                             "summary", "objection"]
    static let pageKeys = ["title", "draft", "weight", "description"]

    static func readNotice(_ text: String, slug: String, reader r: RecordReader, markdown: inout [MarkdownText]) -> Notice? {
        guard let (root, parts) = parse(text, reader: r),
              let f = r.fields(root, path: "", known: noticeKeys, what: .word("what.notice")) else { return nil }
        let title = r.text(f, "title", required: true)
        let date = r.day(f, "date", required: true)
        let kind = r.choice(f, "kind", as: Notice.Kind.self, required: true)
        let regions = (r.list(f, "regions") ?? []).compactMap { r.regionCode($0.text, at: $0.at, key: "regions") }
        let projects = r.list(f, "projects")?.map(\.text) ?? []
        let organizations = r.list(f, "organizations")?.map(\.text) ?? []
        let period = ProjectReader.readPeriod(r, f, "publicity_period")
        let draft = r.bool(f, "draft") ?? false
        markdown.append(MarkdownText(text: parts.body, start: SourceLocation(file: r.file, line: parts.bodyLine, column: 1),
                                     owner: "notice:\(slug)"))
        r.locations.set("body", SourceLocation(file: r.file, line: parts.bodyLine, column: 1))
        let summary = r.text(f, "summary")
        var objection: Notice.Objection?
        if let o = r.nested(f, "objection", known: ContactReader.keys + ["how"]) {
            let contact = ContactReader.contact(r, o)
            objection = Notice.Objection(how: r.text(o, "how"), contact: contact.isEmpty && contact.name == nil ? nil : contact)
        }
        guard let title, let date, let kind else { return nil }
        var notice = Notice(slug: slug, title: title, date: date, kind: kind, regions: regions, projects: projects,
                            organizations: organizations, publicityPeriod: period, draft: draft, body: parts.body,
                            locations: r.locations)
        notice.summary = summary
        notice.objection = objection
        notice.locations = r.locations.compacted()
        return notice
    }

    static func readPage(_ text: String, slug: String, reader r: RecordReader, markdown: inout [MarkdownText]) -> Page? {
        guard let (root, parts) = parse(text, reader: r),
              let f = r.fields(root, path: "", known: pageKeys, what: .word("what.page")) else { return nil }
        let title = r.text(f, "title", required: true)
        let draft = r.bool(f, "draft") ?? false
        let weight = r.integer(f, "weight", range: -1_000_000...1_000_000)
        markdown.append(MarkdownText(text: parts.body, start: SourceLocation(file: r.file, line: parts.bodyLine, column: 1),
                                     owner: "page:\(slug)"))
        r.locations.set("body", SourceLocation(file: r.file, line: parts.bodyLine, column: 1))
        let description = r.text(f, "description")
        guard let title else { return nil }
        var page = Page(slug: slug, title: title, draft: draft, weight: weight, body: parts.body, locations: r.locations.compacted())
        page.description = description
        return page
    }

    /// The front matter's YAML root and the split file.
    private static func parse(_ text: String, reader r: RecordReader) -> (YAMLNode, FrontMatter)? {
        let parts: FrontMatter
        switch FrontMatter.split(text, file: r.file) {
        case let .success(split): parts = split
        case let .failure(diagnostic):
            r.report(diagnostic)
            return nil
        }
        switch YAMLParser.parse(parts.yaml, file: r.file, lineOffset: parts.yamlLineOffset) {
        case let .failure(failure):
            r.report(failure.diagnostic)
            return nil
        case .success(nil):
            r.report(.missingField, at: SourceLocation(file: r.file, line: 1, column: 1), Message("E101.frontMatter"),
                     help: Message("E101.frontMatter.help"))
            return nil
        case let .success(root?):
            return (root, parts)
        }
    }
}
