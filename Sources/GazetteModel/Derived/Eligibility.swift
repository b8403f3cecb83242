/// Whether an organization could deliver a project on a given day, rule by rule (承接主体资质).
public struct Eligibility: Sendable {
    public enum Criterion: String, Sendable, CaseIterable {
        case registration       // registered with a civil-affairs department at an allowed level
        case type               // a type the programme buys from
        case financialSystem    // 健全的财务管理制度
        case office             // 固定的办公场所
        case staff              // 专业人员
        case inspection         // a passed annual inspection in one of the programme's years
        case noViolation        // 无违法违规不良记录

        /// In plain words, for messages (the site's own labels come from the templates' strings).
        public var plainName: String {
            switch self {
            case .registration: return "registration level"
            case .type: return "type of organization"
            case .financialSystem: return "financial-management system"
            case .office: return "fixed office"
            case .staff: return "professional staff"
            case .inspection: return "passed annual inspection"
            case .noViolation: return "no violation on record"
            }
        }
    }

    public struct Item: Sendable {
        public var criterion: Criterion
        public var met: Bool
        /// What the record shows, in plain words (English; the site translates the criterion itself).
        public var detail: String
        /// The unmet criterion and what the record shows, as a catalogue message (for findings).
        public var reason: Message = Message("")
    }

    public var date: Day
    public var items: [Item]
    public var isEligible: Bool { items.allSatisfy(\.met) }
    public var unmet: [Item] { items.filter { !$0.met } }

    public static func of(_ organization: Organization, on date: Day, programme: Programme) -> Eligibility {
        let rules = programme.rules
        var items: [Item] = []
        items.append(Item(criterion: .registration, met: rules.registrationLevels.contains(organization.registeredWith),
                          detail: "registered at \(organization.registeredWith) level"))
        items.append(Item(criterion: .type, met: programme.organizationTypes.contains { $0.key == organization.type },
                          detail: "type \(organization.type)"))
        items.append(Item(criterion: .financialSystem, met: organization.financialSystem == true,
                          detail: organization.financialSystem == true ? "has a financial-management system" : "no financial-management system on record"))
        let office = organization.office?.trimmingSpaces() ?? ""
        items.append(Item(criterion: .office, met: !office.isEmpty, detail: office.isEmpty ? "no office on record" : office))
        let staff = organization.staff ?? 0
        items.append(Item(criterion: .staff, met: staff > 0, detail: "\(staff) professional staff"))
        let passedYears = rules.inspectionYears.filter { organization.annualInspections[$0] == "pass" }
        items.append(Item(criterion: .inspection, met: !passedYears.isEmpty,
                          detail: passedYears.isEmpty ? "no passed inspection in \(rules.inspectionYears.map(String.init).joined(separator: ", "))"
                              : "passed in \(passedYears.map(String.init).joined(separator: ", "))"))
        let before = organization.violations.filter { $0.date < date }
        items.append(Item(criterion: .noViolation, met: before.isEmpty,
                          detail: before.isEmpty ? "no violation on record before \(date)"
                              : before.map { "\($0.date): \($0.description)" }.joined(separator: "; ")))
        for index in items.indices {
            items[index].reason = reason(items[index].criterion, organization, rules: rules, passedYears: passedYears, before: before)
        }
        return Eligibility(date: date, items: items)
    }

    /// Why a criterion is not met, in the reader's language.
    private static func reason(_ criterion: Criterion, _ organization: Organization, rules: Programme.Rules,
                               passedYears: [Int], before: [Organization.Violation]) -> Message {
        switch criterion {
        case .registration: return Message("eligibility.registration", ["level": .word("level.\(organization.registeredWith)")])
        case .type: return Message("eligibility.type", ["type": .text(organization.type)])
        case .financialSystem: return Message("eligibility.financialSystem")
        case .office: return Message("eligibility.office")
        case .staff: return Message("eligibility.staff")
        case .inspection:
            return Message("eligibility.inspection", ["years": .list(rules.inspectionYears.map { .text(String($0)) })])
        case .noViolation:
            return Message("eligibility.violation", ["violations": .list(before.map {
                .message(Message("eligibility.violationItem", ["date": .day($0.date), "description": .text($0.description)]))
            })])
        }
    }

    /// The cap that applies to the organization's project applied for on `date`: the rated cap when it
    /// holds the minimum grade or better, awarded within the valid years before the application.
    public static func cap(for organization: Organization?, on date: Day?, rules: Programme.Rules) -> (cap: Yuan, rated: Bool) {
        if let rating = organization?.rating, rating.grade >= rules.ratedMinGrade, let date,
           rating.year <= date.year, date.year - rating.year < rules.gradeValidYears {
            return (rules.ratedProjectCap, true)
        }
        return (rules.projectCap, false)
    }
}
