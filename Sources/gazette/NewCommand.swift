import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// `gazette new project|organization|notice|page [ID]`: a new record's file with every field, each with a
/// note in the site's language, today's date, and the programme's keys to choose from. Never overwrites.
struct NewCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "new",
            abstract: Help.text("help.new.abstract"),
            discussion: Help.text("help.new.discussion")
        )
    }

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case project, organization, notice, page

        var folder: String { rawValue + "s" }
        var fileExtension: String { self == .notice || self == .page ? "md" : "yaml" }
    }

    @Argument(help: Help.text("help.new.kind"))
    var kind: Kind

    @Argument(help: Help.text("help.new.id"))
    var id: String?

    @Option(name: .long, help: Help.text("help.new.content"))
    var content: String = "content"

    @OptionGroup var lang: LanguageOption

    func run() throws {
        let directory = try ContentDirectory.resolve(content, language: lang.early)
        let language = lang.language(content: directory)
        let folder = ContentFolder(directory)
        let existing = folder.names(in: kind.folder, extension: kind.fileExtension)
        let today = Self.today()
        guard let id = id ?? NewRecord.nextID(kind: kind.rawValue, existing: existing, today: today) else {
            Say.error("cli.new.needsID", language)
            throw ExitCode(2)
        }
        guard ID.isValid(id) else {
            Say.error("cli.new.badID", language, ["id": .text(id)])
            throw ExitCode(2)
        }
        let shown = (content.hasSuffix("/") ? content : content + "/") + "\(kind.folder)/\(id).\(kind.fileExtension)"
        let path = "\(kind.folder)/\(id).\(kind.fileExtension)"
        let loaded = ContentLoader.load(from: directory)
        let text = NewRecord.text(kind: kind.rawValue, id: id, today: today, content: loaded.content, language: language)
        do {
            // Refused when the file exists, even if it appeared since the look above.
            try folder.create(path, Data(text.utf8))
        } catch CocoaError.fileWriteFileExists {
            Say.error("cli.new.exists", language, ["file": .text(shown)])
            throw ExitCode(1)
        } catch {
            if folder.exists(path) {
                Say.error("cli.new.exists", language, ["file": .text(shown)])
                throw ExitCode(1)
            }
            Say.error("cli.convert.failed", language, ["file": .text(shown), "reason": .text(error.localizedDescription)])
            throw ExitCode(2)
        }
        print(Say.text("cli.new.done", language, ["file": .text(shown)]))
    }

    /// Today in the machine's time zone: the day the editor sits at.
    static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// The text of a new record's file.
enum NewRecord {
    /// The next numbered ID: the highest number among IDs that end in digits, plus one, with the same
    /// prefix and width (`qh2017-xn-027` → `qh2017-xn-028`). A notice is named by today's date.
    static func nextID(kind: String, existing: [String], today: Day) -> String? {
        if kind == "notice" {
            var candidate = today.description, number = 2
            while existing.contains(candidate) {
                candidate = "\(today)-\(number)"
                number += 1
            }
            return candidate
        }
        if kind == "page" { return nil }
        var best: (prefix: Substring, number: Int, width: Int)?
        for id in existing {
            let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 10, let number = Int(String(digits.reversed())) else { continue }
            if best == nil || number > best!.number { best = (id.dropLast(digits.count), number, digits.count) }
        }
        guard let best else { return kind == "project" ? "project-001" : "organization-001" }
        var candidate = ""
        var next = best.number + 1
        repeat {
            let digits = String(next)
            candidate = best.prefix + String(repeating: "0", count: max(0, best.width - digits.count)) + digits
            next += 1
        } while existing.contains(candidate)
        return candidate
    }

    static func text(kind: String, id: String, today: Day, content: Content, language: Language) -> String {
        func entries(_ list: [Programme.Entry]) -> MessageArgument {
            .list(list.map { .text("\($0.key) (\(language == .en ? ($0.nameEn ?? $0.name) : $0.name))") })
        }
        let programme = content.programme
        let counties = (content.regions?.counties ?? [])
            .filter { region in programme.map { $0.regions.isEmpty || $0.regions.contains(region.code) } ?? true }
        var values: [String: MessageArgument] = [
            "id": .text(id), "today": .text(today.description), "todayText": .day(today), "year": .number(today.year - 1),
            "counties": .list(counties.map { .text("\"\($0.code)\" \($0.name)") }),
        ]
        if let programme {
            values["categories"] = entries(programme.categories.map(\.entry))
            values["services"] = entries(programme.allServices)
            values["groups"] = entries(programme.targetGroups)
            values["orgTypes"] = entries(programme.organizationTypes)
            values["orgCategories"] = entries(programme.organizationCategories)
        }
        return Message("new.\(kind)", values).text(in: language)
    }
}
