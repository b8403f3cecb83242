/// Control characters written so that a person sees them, for everything printed to a terminal: a raw ESC,
/// BEL or carriage return from a file could erase lines or print a fake "0 errors".
extension String {
    /// Whether a scalar is a C0 or C1 control character or DEL.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text with every control character but tab (and, with `keepingNewlines`, line feed) written as
    /// `<U+001B>`; the text itself when it has none.
    public func withVisibleControls(keepingNewlines: Bool = false) -> String {
        func shown(_ scalar: Unicode.Scalar) -> Bool {
            String.isControl(scalar) && scalar != "\t" && !(keepingNewlines && scalar == "\n")
        }
        guard unicodeScalars.contains(where: shown) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if shown(scalar) {
                out.append(contentsOf: String.visibleName(of: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `<U+001B>`.
    public static func visibleName(of scalar: Unicode.Scalar) -> String {
        let hex: String = String(scalar.value, radix: 16, uppercase: true)
        let zeros: String = String(repeating: "0", count: Swift.max(0, 4 - hex.count))
        return "<U+\(zeros)\(hex)>"
    }
}
