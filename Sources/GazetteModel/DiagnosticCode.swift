/// Every code `check` can report. Codes are stable: editors and CI scripts match on them.
/// `docs/diagnostics.md` lists each with an example.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    // Syntax: files that cannot be read at all.
    case unreadableFile = "E001"
    case notUTF8 = "E002"
    case tooLarge = "E003"
    case yamlSyntax = "E004"
    case frontMatter = "E005"
    case csvSyntax = "E006"
    case tooDeep = "E007"
    case outsideContent = "E008"
    case missingFile = "E009"

    // Types: a value that is missing, of the wrong type or out of range.
    case missingField = "E101"
    case wrongType = "E102"
    case unknownKey = "E103"
    case outOfRange = "E104"
    case badAmount = "E105"
    case badDate = "E106"
    case badRegionCode = "E107"
    case badURL = "E108"
    case controlCharacter = "E109"

    // IDs.
    case badID = "E201"
    case duplicateID = "E202"

    // References.
    case unknownReference = "E301"
    case outsideCategory = "E302"
    case missingDocument = "E303"

    // The unified social credit code.
    case creditCodeFormat = "E401"
    case creditCodeCheck = "E402"

    // Dates out of order.
    case datesOutOfOrder = "E501"
    case ledgerBeforeContract = "E502"

    // Money that cannot add up.
    case overpaid = "E601"
    case overRecovered = "E602"
    case finalWithoutPass = "E603"

    // Templates (reported by `build`).
    case templateSyntax = "E701"
    case missingTemplate = "E702"
    case reservedID = "E203"

    // Findings: the programme's own rules.
    case overCap = "F101"
    case notEligible = "F102"
    case outsidePilotRegions = "F103"
    case spotCheckRatio = "F104"
    case noSatisfaction = "F105"
    case noNeedsAssessment = "F106"
    case advanceNotRecovered = "F107"
    case rectificationOverdue = "F108"
    case barredNextYear = "F109"

    // Warnings: read as meant, but worth a look; never published, never stop a build.
    case spreadsheetFormula = "W101"

    public var severity: Diagnostic.Severity {
        rawValue.hasPrefix("F") ? .finding : rawValue.hasPrefix("W") ? .warning : .error
    }

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
}
