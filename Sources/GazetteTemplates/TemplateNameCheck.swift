import GazetteModel

extension TemplateSet {
    /// Names the templates use that their page's view can never provide: an error at the tag (file, line,
    /// column), decided when the templates are loaded. `views` gives each page template the shape of the view
    /// it renders; the check follows the template as the renderer would — into sections (whose names are
    /// looked up in the section's value, then outwards), partials, parents and their blocks — so a partial is
    /// checked with the values around each of its uses. A page template without a typed view (`.open`) is
    /// not checked: its names are known only when it is rendered.
    public func unknownNames(views: [String: TemplateShape]) -> [Diagnostic] {
        var check = NameCheck(templates: renderer.templates, files: files)
        for name in views.keys.sorted() {
            guard let template = renderer.templates[name], let shape = views[name] else { continue }
            check.walk(template.nodes, file: files[name] ?? "\(name).mustache", page: files[name] ?? "\(name).mustache",
                       stack: [shape], blocks: [:], depth: 0)
        }
        return check.diagnostics
    }
}

/// One walk of the templates against the shapes of their views.
private struct NameCheck {
    typealias Node = MustacheTemplate.Node
    let templates: [String: MustacheTemplate]
    let files: [String: String]
    var diagnostics: [Diagnostic] = []
    /// Each unknown name is reported once, however many pages or sections reach it.
    var reported: Set<String> = []

    init(templates: [String: MustacheTemplate], files: [String: String]) {
        self.templates = templates
        self.files = files
    }

    /// `blocks`: the overrides in force, each with the file it was written in.
    mutating func walk(_ nodes: [Node], file: String, page: String, stack: [TemplateShape],
                       blocks: [String: (nodes: [Node], file: String)], depth: Int) {
        guard depth < MustacheRenderer.maximumDepth else { return }
        for node in nodes {
            switch node {
            case .text: break
            case let .variable(name, _):
                _ = resolve(name, stack, file: file, page: page)
            case let .section(name, children, inverted):
                guard let shape = resolve(name, stack, file: file, page: page) else { continue }
                if inverted {
                    walk(children, file: file, page: page, stack: stack, blocks: blocks, depth: depth)
                    continue
                }
                switch shape {
                case .flag: walk(children, file: file, page: page, stack: stack, blocks: blocks, depth: depth)
                case let .list(item): walk(children, file: file, page: page, stack: stack + [item], blocks: blocks, depth: depth)
                case .text, .record, .open: walk(children, file: file, page: page, stack: stack + [shape], blocks: blocks, depth: depth)
                }
            case let .partial(name, _):
                guard let template = templates[name] else { continue }
                walk(template.nodes, file: files[name] ?? name, page: page, stack: stack, blocks: blocks, depth: depth + 1)
            case let .block(name, defaults, _):
                if let override = blocks[name] {
                    walk(override.nodes, file: override.file, page: page, stack: stack, blocks: blocks, depth: depth)
                } else {
                    walk(defaults, file: file, page: page, stack: stack, blocks: blocks, depth: depth)
                }
            case let .parent(name, overrides, _):
                guard let template = templates[name] else { continue }
                let own = overrides.mapValues { (nodes: $0, file: file) }
                walk(template.nodes, file: files[name] ?? name, page: page, stack: stack,
                     blocks: own.merging(blocks) { _, outer in outer }, depth: depth + 1)
            }
        }
    }

    /// The shape of a name as the renderer looks it up (first part from the innermost value that has it, the
    /// rest inside that), or nil after reporting it when no value there can have it.
    mutating func resolve(_ name: MustacheTemplate.Name, _ stack: [TemplateShape], file: String, page: String) -> TemplateShape? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateShape?
        search: for shape in stack.reversed() {
            switch shape {
            case .open: return .open
            case let .record(fields):
                if let field = fields[first] { found = field; break search }
            case .text, .flag, .list: continue
            }
        }
        guard var shape = found else {
            report(name, part: first, among: stack.flatMap(\.names), file: file, page: page)
            return nil
        }
        for part in name.parts.dropFirst() {
            switch shape {
            case .open: return .open
            case let .record(fields) where fields[part] != nil: shape = fields[part]!
            default:
                report(name, part: part, among: shape.names, file: file, page: page)
                return nil
            }
        }
        return shape
    }

    mutating func report(_ name: MustacheTemplate.Name, part: String, among candidates: [String], file: String, page: String) {
        let written = name.parts.joined(separator: ".")
        guard reported.insert("\(file):\(name.line):\(name.column):\(written)").inserted else { return }
        let suggestion = Nearest.match(for: part, among: Array(Set(candidates)).sorted())
        diagnostics.append(Diagnostic(
            .missingTemplate, at: SourceLocation(file: file, line: name.line, column: name.column),
            Message("E702.viewName", ["name": .text(written), "part": .text(part), "page": .text(page)]),
            help: suggestion.map { Message("help.didYouMean", ["word": .text($0)]) } ?? Message("E702.viewName.help")))
    }
}
