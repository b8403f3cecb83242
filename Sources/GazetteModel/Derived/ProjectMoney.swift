/// A project's money, derived from its contracted amount and its ledger rows.
public struct ProjectMoney: Sendable, Hashable {
    public var amount: Yuan
    /// Advance + installments + final.
    public var paid: Yuan
    public var recovered: Yuan
    /// Paid − recovered.
    public var net: Yuan { paid - recovered }
    /// What the contract still owes: the amount less what was paid, while the project can still be paid;
    /// nothing once it is terminated or failed.
    public var toPay: Yuan
    /// For a terminated or failed project: what was paid and not yet recovered.
    public var toRecover: Yuan

    public init(amount: Yuan, paid: Yuan, recovered: Yuan, toPay: Yuan, toRecover: Yuan) {
        self.amount = amount
        self.paid = paid
        self.recovered = recovered
        self.toPay = toPay
        self.toRecover = toRecover
    }

    /// Sums the project's ledger rows. A sum that would leave Int64 (only hostile input can) stops at its
    /// end instead of trapping; `check` reports such a project as overpaid.
    public static func of(_ project: Project, entries: [LedgerEntry], status: ProjectStatus) -> ProjectMoney {
        var paid: Int64 = 0, recovered: Int64 = 0
        for entry in entries where entry.project == project.id {
            if entry.kind.isPayment {
                paid = paid.saturatingAdd(entry.amount.fen)
            } else {
                recovered = recovered.saturatingAdd(entry.amount.fen)
            }
        }
        let paidYuan = Yuan(fen: paid), recoveredYuan = Yuan(fen: recovered)
        let toPay = status.mustRepay ? Yuan.zero : Yuan(fen: max(0, project.amount.fen - paid))
        let toRecover = status.mustRepay ? Yuan(fen: max(0, paid - recovered)) : Yuan.zero
        return ProjectMoney(amount: project.amount, paid: paidYuan, recovered: recoveredYuan, toPay: toPay,
                            toRecover: toRecover)
    }
}

extension Int64 {
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
