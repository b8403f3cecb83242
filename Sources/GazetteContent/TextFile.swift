import Foundation
import GazetteModel

/// A text file of the content, read whole, checked to be UTF-8 text of a sane size, its BOM dropped.
struct TextFile {
    /// Largest file accepted. A ledger of a whole province stays well below it.
    static let maximumBytes = 64 << 20
    /// Longest line accepted: no record needs more, and a longer one is most often not text at all.
    static let maximumLineBytes = 64 << 10

    var path: String
    var text: String

    /// Reads `url`, naming it `path` (relative to `content/`) in diagnostics.
    static func read(_ url: URL, path: String) -> Result<TextFile, Diagnostic> {
        readData(url, path: path).flatMap { decode($0, path: path) }
    }

    /// The file's bytes, if it is not too large to be content.
    static func readData(_ url: URL, path: String) -> Result<Data, Diagnostic> {
        readData(atPath: url.path, url: { url }, path: path)
    }

    /// As `readData(_:path:)`, for the file at `fullPath` (which is `url().path`), or named `name` in the
    /// open folder `folder` (its descriptor): the URL is made only when the file is not read the quick way.
    static func readData(atPath fullPath: String, in folder: (descriptor: Int32, name: String)? = nil, url: () -> URL,
                         path: String) -> Result<Data, Diagnostic> {
        if let data = quickRead(fullPath, in: folder) { return .success(data) }
        let url = url()
        let data: Data
        do {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            if size > maximumBytes {
                return .failure(Diagnostic(.tooLarge, at: SourceLocation(file: path),
                                           Message("E003", ["size": .number(size), "maximum": .number(maximumBytes)]),
                                           help: Message("E003.help")))
            }
            data = try Data(contentsOf: url)
        } catch {
            return .failure(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                       Message("E001", ["reason": .text(error.localizedDescription)])))
        }
        return .success(data)
    }

    /// The common case, straight through the system calls: a regular file (not a link: the size check
    /// below looks at a link itself, so `O_NOFOLLOW`) of an accepted size, read whole. Anything else (a
    /// link, a large file, an error) returns nil and takes the path above, which gives the same bytes or
    /// the same diagnostic.
    private static func quickRead(_ path: String, in folder: (descriptor: Int32, name: String)?) -> Data? {
        let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW
        let descriptor = if let folder, folder.descriptor >= 0 { openat(folder.descriptor, folder.name, flags) } else { open(path, flags) }
        return readOpened(descriptor)
    }

    /// The whole of the open regular file `descriptor` (closed after), if of an accepted size.
    private static func readOpened(_ descriptor: Int32) -> Data? {
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size <= maximumBytes else { return nil }
        // One byte more than the size: a regular file reads short only at its end, so getting the size
        // means the whole file (without a second read to see the end); getting more means it grew, and
        // the path above reads it as it is now.
        var data = Data(count: size + 1)
        var filled = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            let base = buffer.baseAddress!
            while true {
                let count = systemRead(descriptor, base + filled, size + 1 - filled)
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { return false }
                filled += count
                if count == 0 || filled >= size { break }
            }
            return filled == size
        }
        guard complete else { return nil }
        data.removeLast()
        return data
    }

    /// The text of UTF-8 bytes (a BOM dropped, CRLF and CR line ends made "\n"), or the first problem.
    /// Bytes in another encoding (GBK, UTF-16) are an error naming it and the command that converts them.
    static func decode(_ data: Data, path: String) -> Result<TextFile, Diagnostic> {
        var body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if Bytes.contains(body, 0x0D) { body = LineEnds.normalized(body)[...] }
        if let text = body.withUnsafeBytes({ quickDecode($0.bindMemory(to: UInt8.self)) }) {
            return .success(TextFile(path: path, text: text))
        }
        let problem = body.withUnsafeBytes { scan($0.bindMemory(to: UInt8.self), path: path) }
        if let problem {
            if problem.code == .notUTF8, let other = otherEncoding(data, path: path) { return .failure(other) }
            return .failure(problem)
        }
        // Validated above, so decoding cannot fail or replace anything.
        return .success(TextFile(path: path, text: String(decoding: body, as: UTF8.self)))
    }

    /// When the bytes are text in an encoding other than UTF-8: an error naming it, at the first byte that
    /// is not UTF-8, with the command that converts the file.
    static func otherEncoding(_ data: Data, path: String) -> Diagnostic? {
        guard let encoding = EncodingDetector.detect(data), encoding != .utf8, encoding != .utf8BOM else { return nil }
        let at = encoding == .gb18030
            ? EncodingDetector.position(of: EncodingDetector.firstInvalidUTF8(data), in: data, path: path, encoding: .gb18030)
            : SourceLocation(file: path, line: 1, column: 1)
        return Diagnostic(.notUTF8, at: at, Message("E002.encoding", ["encoding": .text(encoding.rawValue)]),
                          help: EncodingDetector.convertHelp(path))
    }

    /// The text, when the bytes have none of the problems `scan` looks for: no control character and no
    /// line too long (one pass over the bytes), and valid UTF-8 (checked as the String is made). Nil when
    /// there is a problem, for `scan` to find and place it.
    private static func quickDecode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var lineStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            // C1 control characters (U+0080–U+009F) are 0xC2 then 0x80–0x9F.
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return nil }
            guard byte < 0x20 || byte == 0x7F else { continue }
            if byte == 0x0A {
                if index - lineStart > maximumLineBytes { return nil }
                lineStart = index + 1
            } else if byte != 0x09 && byte != 0x0D {
                return nil
            }
        }
        if bytes.count - lineStart > maximumLineBytes { return nil }
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
        return nil
    }

    /// Finds the first thing that makes the bytes unusable as text: invalid UTF-8, a control character
    /// (a binary file), or a line too long. Positions count lines from 1 and columns in characters.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Diagnostic? {
        var line = 1, column = 1, lineStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x0A:
                line += 1
                column = 1
                index += 1
                lineStart = index
                continue
            case 0x09, 0x0D, 0x20..<0x7F:
                length = 1
            case 0x00..<0x20, 0x7F:
                return Diagnostic(.notUTF8, at: SourceLocation(file: path, line: line, column: column),
                                  Message("E002.control", ["byte": .text("0x" + String(byte, radix: 16, uppercase: true))]),
                                  help: Message("E002.control.help"))
            case 0xC2 where index + 1 < count && (0x80..<0xA0).contains(bytes[index + 1]):
                let scalar = Unicode.Scalar(UInt32(bytes[index + 1]))!
                return Diagnostic(.notUTF8, at: SourceLocation(file: path, line: line, column: column),
                                  Message("E002.control", ["byte": .text(String.visibleName(of: scalar))]),
                                  help: Message("E002.control.help"))
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            if length == 0 || index + length > count || !isValidSequence(bytes, index, length) {
                return Diagnostic(.notUTF8, at: SourceLocation(file: path, line: line, column: column),
                                  Message("E002.invalid", ["byte": .text("0x" + String(byte, radix: 16, uppercase: true))]),
                                  help: EncodingDetector.convertHelp(path))
            }
            index += length
            column += 1
            if index - lineStart > maximumLineBytes {
                return Diagnostic(.tooLarge, at: SourceLocation(file: path, line: line, column: 1),
                                  Message("E003.line", ["line": .number(line), "maximum": .number(maximumLineBytes)]),
                                  help: Message("E003.line.help"))
            }
        }
        return nil
    }

    private static func isValidSequence(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        let first = bytes[start]
        for offset in 1..<length where bytes[start + offset] & 0xC0 != 0x80 { return false }
        guard length > 1 else { return true }
        let second = bytes[start + 1]
        switch first {
        case 0xE0: return second >= 0xA0               // no overlong forms
        case 0xED: return second < 0xA0                // no surrogates
        case 0xF0: return second >= 0x90
        case 0xF4: return second < 0x90                // nothing above U+10FFFF
        default: return true
        }
    }

    /// Line `number` (from 1), for showing the offending line under a diagnostic.
    static func line(_ number: Int, of text: String) -> String? {
        guard number > 0 else { return nil }
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return String(line.hasSuffix("\r") ? line.dropLast() : line) }
            current += 1
        }
        return nil
    }
}

/// `read(2)`, named apart from `TextFile.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
