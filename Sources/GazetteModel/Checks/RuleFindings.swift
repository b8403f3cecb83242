/// The programme's own rules. Every number comes from `programme.yaml`.
enum RuleFindings {
    static func run(_ c: CheckContext) -> [Diagnostic] {
        jobs(c).flatMap { $0() }
    }

    /// Groups of projects, then the spot-check ratios: joined in order, `run`'s result.
    static func jobs(_ c: CheckContext) -> [@Sendable () -> [Diagnostic]] {
        guard let programme = c.content.programme else { return [] }
        let failedYears = failedFinalYears(c)
        let spotChecks: @Sendable () -> [Diagnostic] = { spotCheckRatios(c, rules: programme.rules) }
        let projectJobs: [@Sendable () -> [Diagnostic]] = ParallelMap.ranges(c.content.projects.count).map { range in
            { projects(c, range, programme: programme, failedYears: failedYears) }
        }
        return projectJobs + [spotChecks]
    }

    private static func projects(_ c: CheckContext, _ range: Range<Int>, programme: Programme,
                                 failedYears: [String: Set<Int>]) -> [Diagnostic] {
        let rules = programme.rules
        var out: [Diagnostic] = []
        for (project, figures) in zip(c.content.projects[range], c.figures.all[range]) {
            let subject = "project:\(project.id)"
            let organization = c.organization(project.organization)

            // Caps: 20万 per project, 30万 for a rated organization.
            let (cap, rated) = Eligibility.cap(for: organization, on: project.applicationDate, rules: rules)
            if project.amount > cap {
                out.append(Diagnostic(.overCap, at: project.locations.at("amount"),
                                      Message(rated ? "F101.rated" : "F101", ["amount": .yuan(project.amount), "cap": .yuan(cap),
                                                                              "grade": .text(rules.ratedMinGrade.description)]),
                                      help: rated ? nil : Message("F101.help", ["cap": .yuan(rules.ratedProjectCap),
                                                                                "grade": .text(rules.ratedMinGrade.description),
                                                                                "years": .number(rules.gradeValidYears)]),
                                      subject: subject))
            }

            // Eligibility on the application date.
            if let organization, let applied = project.applicationDate {
                let eligibility = Eligibility.of(organization, on: applied, programme: programme)
                if !eligibility.isEligible {
                    out.append(Diagnostic(.notEligible, at: project.locations.at("organization"),
                                          Message("F102", ["organization": .text(organization.name.isEmpty ? organization.id : organization.name),
                                                           "date": .day(applied),
                                                           "reasons": .list(eligibility.unmet.map { .message($0.reason) })]),
                                          subject: subject))
                }
                if failedYears[organization.id]?.contains(applied.year - 1) == true {
                    out.append(Diagnostic(.barredNextYear, at: project.locations.at("applied"),
                                          Message("F109", ["organization": .text(organization.name.isEmpty ? organization.id : organization.name),
                                                           "failedYear": .number(applied.year - 1), "year": .number(applied.year)]),
                                          subject: subject))
                }
            }

            if !programme.regions.contains(project.county) {
                out.append(Diagnostic(.outsidePilotRegions, at: project.locations.at("county"),
                                      Message("F103", ["county": c.content.regions?[project.county].map { .name($0.name, english: $0.nameEn) } ?? .text(project.county)]),
                                      help: Message("F103.help"), subject: subject))
            }

            if let midterm = project.midterm, midterm.satisfaction == nil {
                out.append(Diagnostic(.noSatisfaction, at: project.locations.at("midterm"),
                                      Message("F105.midterm"), help: Message("F105.help"), subject: subject))
            }
            if let final = project.final, final.satisfaction == nil {
                out.append(Diagnostic(.noSatisfaction, at: project.locations.at("final"),
                                      Message("F105.final"), help: Message("F105.help"), subject: subject))
            }
            if project.needsAssessment == nil {
                out.append(Diagnostic(.noNeedsAssessment, at: project.locations.start,
                                      Message("F106"), help: Message("F106.help"), subject: subject))
            }

            let status = figures.status
            let money = figures.money
            if status.mustRepay, money.toRecover > .zero {
                out.append(Diagnostic(.advanceNotRecovered, at: project.locations.at(project.final != nil ? "final.result" : "midterm.result"),
                                      Message("F107", ["status": .word("status.\(status.rawValue)"), "amount": .yuan(money.toRecover)]),
                                      subject: subject))
            }
            if let midterm = project.midterm, midterm.result == .rectify, let rectification = midterm.rectification,
               rectification.result == nil, let deadline = rectification.deadline, let asOf = c.asOf, deadline < asOf {
                out.append(Diagnostic(.rectificationOverdue, at: project.locations.at("midterm.rectification.deadline"),
                                      Message("F108", ["deadline": .day(deadline), "asOf": .day(asOf)]),
                                      help: Message("F108.help"),
                                      subject: subject))
            }
        }
        return out
    }

    /// Organization → the programme years (years of application) of its projects that failed their final
    /// evaluation: 取消下一年度申报资格 bars it from the next year's round.
    private static func failedFinalYears(_ c: CheckContext) -> [String: Set<Int>] {
        var years: [String: Set<Int>] = [:]
        for project in c.content.projects {
            if let final = project.final, final.result == .fail {
                years[project.organization, default: []].insert((project.applicationDate ?? final.date).year)
            }
        }
        return years
    }

    /// Each city bureau spot-checks at least `spot_check_min_ratio` of its projects' mid-term evaluations.
    private static func spotCheckRatios(_ c: CheckContext, rules: Programme.Rules) -> [Diagnostic] {
        guard let regions = c.content.regions else { return [] }
        var out: [Diagnostic] = []
        // County → its projects with a mid-term evaluation, and those of them spot-checked.
        var byCounty: [String: (evaluated: Int, checked: Int)] = [:]
        for project in c.content.projects {
            guard let midterm = project.midterm else { continue }
            byCounty[project.county, default: (0, 0)].evaluated += 1
            if midterm.spotCheck != nil { byCounty[project.county, default: (0, 0)].checked += 1 }
        }
        for city in regions.cities {
            var evaluated = 0, checked = 0
            for county in Set(regions.counties(of: city.code).map(\.code)) {
                guard let counts = byCounty[county] else { continue }
                evaluated += counts.evaluated
                checked += counts.checked
            }
            if evaluated > 0, rules.spotCheckMinRatio.isBelow(part: checked, of: evaluated) {
                let share = checked * 1000 / evaluated
                out.append(Diagnostic(.spotCheckRatio, at: city.location,
                                      Message("F104", ["city": .name(city.name, english: city.nameEn), "checked": .number(checked), "evaluated": .number(evaluated),
                                                       "share": .text("\(share / 10).\(share % 10)%"), "required": .text(rules.spotCheckMinRatio.percentText)]),
                                      help: Message("F104.help", ["minimum": .number(minimumChecks(evaluated, rules.spotCheckMinRatio)),
                                                                  "evaluated": .number(evaluated)]),
                                      subject: "region:\(city.code)"))
            }
        }
        return out
    }

    static func minimumChecks(_ total: Int, _ ratio: Ratio) -> Int {
        (total * ratio.numerator + ratio.denominator - 1) / ratio.denominator
    }
}
