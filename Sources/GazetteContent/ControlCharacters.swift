import GazetteModel

/// Values hold no control characters but tab and line feed. The files themselves cannot hold one (E002),
/// but a YAML escape in double quotes writes one (`"\e[2K"`, `"\0"`, `"\a"`, `"\x85"`): it would reach the
/// terminal, the pages and the CSVs raw. A value with one is refused (E109).
enum ControlCharacters {
    /// The first control character of `text` other than tab and line feed (a carriage return only where a
    /// line feed does not follow it, as in a CSV cell's CRLF line break), with its position in characters.
    static func first(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
        // Most text has no byte below 0x20 but tab and line feed, no DEL and no C1 (0xC2 0x80–0x9F): one pass.
        var suspect = false
        for byte in text.utf8 where (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 {
            suspect = true
            break
        }
        guard suspect else { return nil }
        var position = 0
        for character in text {
            position += 1
            let scalars = Array(character.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where String.isControl(scalar) && scalar != "\t" && scalar != "\n" {
                if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { continue }
                return (scalar, position)
            }
        }
        return nil
    }

    static func diagnostic(_ control: (scalar: Unicode.Scalar, position: Int), key: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.controlCharacter, at: location,
                   Message("E109", ["field": .text(key), "control": .text(String.visibleName(of: control.scalar)),
                                    "position": .number(control.position)]),
                   help: Message("E109.help"))
    }
}
