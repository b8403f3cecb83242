/// What a set of projects achieved, from their evaluations and ledger rows: the final satisfaction of the
/// people served (average and range over the projects that have one), the mid-term and final results, the
/// spot-check share of mid-term evaluations, and the money recovered.
///
/// Every figure is an integer. A satisfaction is kept in hundredths of a percentage point, as written; the
/// average is the exact sum divided by the count, rounded once, half up, to a tenth of a point
/// (`averageTenths`): 90, 92.5 and 95 average to 92.5; 90 and 90.05 to 90.0 (90.025 rounds to 90.0).
public struct OutcomeSummary: Sendable, Hashable {
    public var projects = 0
    /// How many projects have a final satisfaction.
    public var satisfactionCount = 0
    /// Sum of the final satisfactions, in hundredths.
    public var satisfactionSum = 0
    public var satisfactionMin: Percent?
    public var satisfactionMax: Percent?
    /// Mid-term and final results, counted; projects without the evaluation are not counted.
    public var midterm: [Project.Result: Int] = [:]
    public var final: [Project.Result: Int] = [:]
    /// Mid-term evaluations, and how many of them were spot-checked.
    public var midtermEvaluated = 0
    public var spotChecked = 0
    public var recovered = Yuan.zero

    public init(projects: [(project: Project, recovered: Yuan)]) {
        self.projects = projects.count
        var recovered: Int64 = 0
        for (project, back) in projects {
            recovered = recovered.saturatingAdd(back.fen)
            if let midterm = project.midterm {
                self.midterm[midterm.result, default: 0] += 1
                midtermEvaluated += 1
                if midterm.spotCheck != nil { spotChecked += 1 }
            }
            if let final = project.final {
                self.final[final.result, default: 0] += 1
                if let satisfaction = final.satisfaction {
                    satisfactionCount += 1
                    satisfactionSum += satisfaction.hundredths
                    satisfactionMin = min(satisfactionMin ?? satisfaction, satisfaction)
                    satisfactionMax = max(satisfactionMax ?? satisfaction, satisfaction)
                }
            }
        }
        self.recovered = Yuan(fen: recovered)
    }

    /// The average final satisfaction in tenths of a point, rounded half up once; nil when no project has one.
    public var averageTenths: Int? {
        guard satisfactionCount > 0 else { return nil }
        // sum / count hundredths = sum / (10 · count) tenths; half up: ⌊(sum + 5·count) / (10·count)⌋.
        return (satisfactionSum + 5 * satisfactionCount) / (10 * satisfactionCount)
    }

    /// The spot-check share in tenths of a percent, rounded down (as the city pages show it); nil with no
    /// mid-term evaluation.
    public var spotCheckPermille: Int? {
        midtermEvaluated == 0 ? nil : spotChecked * 1000 / midtermEvaluated
    }

    /// Tenths as text: `92.5`, `90.0`.
    public static func tenthsText(_ tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)" }
}
