/// One row of `ledger/*.csv`: a payment to, or a recovery from, the organization delivering a project.
public struct LedgerEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case advance, installment, final, recovery
        /// The Chinese names accepted in the `kind` column.
        public static let chineseNames: [String: Kind] = [
            "预付": .advance, "先期预付": .advance, "进度款": .installment, "尾款": .final, "剩余资金": .final,
            "收回": .recovery,
        ]
        public var isPayment: Bool { self != .recovery }
    }

    public var date: Day
    public var project: String
    public var kind: Kind
    /// Always positive; a recovery is money returned.
    public var amount: Yuan
    public var reference: String
    public var note: String
    public var location: SourceLocation
    /// Where the `project` and `date` cells are, for messages about them.
    public var projectLocation: SourceLocation

    public init(date: Day, project: String, kind: Kind, amount: Yuan, reference: String, note: String,
                location: SourceLocation, projectLocation: SourceLocation? = nil) {
        self.date = date
        self.project = project
        self.kind = kind
        self.amount = amount
        self.reference = reference
        self.note = note
        self.location = location
        self.projectLocation = projectLocation ?? location
    }
}
