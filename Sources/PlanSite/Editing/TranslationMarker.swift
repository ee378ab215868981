import Foundation

/// Records in an English file which Vietnamese version it translates (`translated_from: "<fingerprint>"`),
/// editing only that line of the front matter.
public enum TranslationMarker {
    public enum MarkError: Error, CustomStringConvertible {
        case unreadable(String)
        case noFrontMatter(String)

        public var description: String {
            switch self {
            case .unreadable(let path): "\(path): cannot read the file as UTF-8"
            case .noFrontMatter(let path): "\(path): the file has no front matter between `---` lines"
            }
        }
    }

    public static func mark(path: String, fingerprint: String) throws {
        guard let data = FileManager.default.contents(atPath: path), case .success(let text) = SourceText.decode([UInt8](data)) else {
            throw MarkError.unreadable(path)
        }
        var lines = text.components(separatedBy: "\n")
        // Fences as the loader reads them: `---` (or `...` to close), spaces or tabs after it allowed.
        func fence(_ line: String) -> String { String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
        guard let first = lines.first, fence(first) == "---",
              let close = lines.indices.dropFirst().first(where: { fence(lines[$0]) == "---" || fence(lines[$0]) == "..." }) else {
            throw MarkError.noFrontMatter(path)
        }
        let entry = "translated_from: \"\(fingerprint)\""
        if let existing = lines[1..<close].firstIndex(where: { $0.hasPrefix("translated_from:") }) {
            lines[existing] = entry
        } else {
            lines.insert(entry, at: close)
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
